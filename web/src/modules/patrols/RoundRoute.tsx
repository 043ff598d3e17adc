import { CheckOutlined, MinusOutlined, RightOutlined, WarningOutlined } from '@ant-design/icons';
import { Flex, Tag, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatInZone } from '../maintenance/format';
import type { RoundPoint } from './types';

/**
 * The route of a round, in order: each point's number, name and place, and its state —
 * 待签到, 已签到 hh:mm (by hand: 手动), 已跳过 with the reason — with 顺序异常 when it was
 * checked in before an earlier point, its checklist state and findings. The next point
 * to walk to is marked; a tap opens a point.
 */
export function RoundRoute({
  points,
  nextId,
  selectedId,
  timeZone,
  onOpen,
}: {
  points: RoundPoint[];
  nextId: string | null;
  selectedId: string | null;
  timeZone: string | undefined;
  onOpen: (point: RoundPoint) => void;
}) {
  const { t } = useTranslation('patrols');
  const { token } = theme.useToken();
  const sorted = [...points].sort((a, b) => a.seq - b.seq);

  const badge = (p: RoundPoint) => {
    const bg = p.status === 'checked' ? token.colorSuccess : p.status === 'skipped' ? token.colorWarning : token.colorFillSecondary;
    const fg = p.status === 'pending' ? token.colorText : '#fff';
    return (
      <span
        style={{
          flex: '0 0 auto',
          width: 32,
          height: 32,
          borderRadius: '50%',
          background: bg,
          color: fg,
          display: 'inline-flex',
          alignItems: 'center',
          justifyContent: 'center',
          fontWeight: 600,
        }}
      >
        {p.status === 'checked' ? <CheckOutlined /> : p.status === 'skipped' ? <MinusOutlined /> : p.seq}
      </span>
    );
  };

  return (
    <div data-testid="round-route">
      {sorted.map((p) => {
        const next = p.id === nextId;
        const selected = p.id === selectedId;
        return (
          <button
            type="button"
            key={p.id}
            onClick={() => onOpen(p)}
            data-testid={`round-point-${p.seq}`}
            data-status={p.status}
            style={{
              display: 'flex',
              width: '100%',
              textAlign: 'start',
              font: 'inherit',
              color: 'inherit',
              border: 'none',
              gap: 12,
              alignItems: 'center',
              padding: '10px 8px',
              borderBottom: `1px solid ${token.colorSplit}`,
              cursor: 'pointer',
              background: selected ? token.controlItemBgActive : next ? token.colorInfoBg : 'transparent',
              borderRadius: selected || next ? token.borderRadius : undefined,
              minHeight: 56,
            }}
          >
            {badge(p)}
            <div style={{ flex: 1, minWidth: 0 }}>
              <Flex gap={4} wrap align="center">
                <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                  {p.seq}. {p.targetName}
                </Typography.Text>
                {next ? (
                  <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                    {t('point.next')}
                  </Tag>
                ) : null}
              </Flex>
              {p.targetPath ? (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, wordBreak: 'break-word' }}>
                  {p.targetPath}
                </Typography.Text>
              ) : null}
              <Flex gap={4} wrap align="center" style={{ marginTop: 2 }}>
                {p.status === 'checked' ? (
                  <Typography.Text type="success" style={{ fontSize: 12 }}>
                    {t('point.checkedAt', { time: formatInZone(p.checkedInAt, timeZone).slice(11) })}
                  </Typography.Text>
                ) : p.status === 'skipped' ? (
                  <Typography.Text type="warning" style={{ fontSize: 12, wordBreak: 'break-word' }}>
                    {p.skipReason ? t('point.skippedBecause', { reason: p.skipReason }) : t('pointStatus.skipped')}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('pointStatus.pending')}
                  </Typography.Text>
                )}
                {p.checkInMethod === 'manual' ? (
                  <Tag style={{ marginInlineEnd: 0 }} bordered={false}>
                    {t('point.manual')}
                  </Tag>
                ) : null}
                {p.outOfOrder ? (
                  <Tag color="red" icon={<WarningOutlined />} style={{ marginInlineEnd: 0 }} data-testid="point-out-of-order">
                    {t('point.outOfOrder')}
                  </Tag>
                ) : null}
                {p.checklistStatus ? (
                  <Tag color={p.checklistStatus === 'submitted' ? 'success' : 'processing'} style={{ marginInlineEnd: 0 }} bordered={false}>
                    {t(`point.checklist.${p.checklistStatus}`)}
                  </Tag>
                ) : null}
                {p.findingsCount ? (
                  <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                    {t('point.findings', { count: p.findingsCount })}
                  </Tag>
                ) : null}
              </Flex>
            </div>
            <RightOutlined style={{ color: token.colorTextQuaternary }} />
          </button>
        );
      })}
    </div>
  );
}
