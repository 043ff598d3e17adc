import { Descriptions, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/auth';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { formatInZone } from '../maintenance/format';
import { ActionStatusTag, KindTag, OverdueTag } from './options';
import { type ActionItem, OWNER_ACTION_ITEM } from './types';

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
const pre = (v: string | null | undefined) => <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{dash(v)}</span>;

/** An item's status with 逾期 and, once verified, 按期 / 逾期完成. */
export function ItemStatus({ item }: { item: ActionItem }) {
  const { t } = useTranslation('safety');
  return (
    <Space size={2} wrap>
      <ActionStatusTag status={item.status} />
      <OverdueTag overdue={item.overdue} />
      {item.onTime === true ? <Tag color="green">{t('item.onTime')}</Tag> : null}
      {item.onTime === false ? <Tag color="orange">{t('item.late')}</Tag> : null}
      {item.rejectCount > 0 && item.status !== 'verified' ? (
        <Tag color="warning">{t('item.rejected', { count: item.rejectCount })}</Tag>
      ) : null}
    </Space>
  );
}

/** The due date, red while the item is overdue. */
export function DueDate({ item }: { item: Pick<ActionItem, 'dueDate' | 'overdue'> }) {
  return (
    <Typography.Text type={item.overdue ? 'danger' : undefined} style={{ fontSize: 'inherit' }}>
      {item.dueDate}
    </Typography.Text>
  );
}

/** The owner as a link: SJ-20260312-0002 消防报警主机故障. */
export function OwnerLink({ item }: { item: Pick<ActionItem, 'ownerType' | 'ownerLink' | 'ownerNumber' | 'ownerTitle'> }) {
  const { t } = useTranslation('safety');
  return (
    <Link to={item.ownerLink} onClick={(e) => e.stopPropagation()} data-testid="action-owner">
      {t(`ownerType.${item.ownerType}`)} {item.ownerNumber} {item.ownerTitle}
    </Link>
  );
}

export interface ItemField {
  key: string;
  label: string;
  children: ReactNode;
  span?: 'filled';
}

/**
 * Everything an action item records — what, who, by when, what was done, the verification
 * or why it was sent back — as Descriptions items, for its drawer and its page.
 */
export function useItemFields(item: ActionItem | undefined, showOwner = true): ItemField[] {
  const { t } = useTranslation('safety');
  const me = useMe();
  if (!item) return [];
  const zone = me.sites.find((s) => s.id === item.siteId)?.timezone;
  const at = (iso: string | null, who?: string | null) => (iso ? [formatInZone(iso, zone), who].filter(Boolean).join(' · ') : '—');
  return [
    { key: 'status', label: t('field.status'), children: <ItemStatus item={item} /> },
    { key: 'kind', label: t('field.kind'), children: <KindTag kind={item.kind} /> },
    ...(showOwner ? [{ key: 'owner', label: t('field.owner'), children: <OwnerLink item={item} /> }] : []),
    { key: 'site', label: t('field.site'), children: item.siteName },
    { key: 'assignee', label: t('field.assignee'), children: item.assigneeName },
    { key: 'due', label: t('field.dueDate'), children: <DueDate item={item} /> },
    { key: 'verifier', label: t('field.verifier'), children: dash(item.verifierName) },
    { key: 'description', label: t('field.description'), children: pre(item.description), span: 'filled' as const },
    { key: 'evidenceNote', label: t('field.evidenceNote'), children: pre(item.evidenceNote), span: 'filled' as const },
    { key: 'submitted', label: t('field.submittedAt'), children: at(item.submittedAt, item.submittedByName) },
    { key: 'verified', label: t('field.verifiedAt'), children: at(item.verifiedAt, item.verifiedByName) },
    ...(item.verifyNote ? [{ key: 'verifyNote', label: t('field.verifyNote'), children: pre(item.verifyNote) }] : []),
    ...(item.rejectCount > 0
      ? [
          {
            key: 'reject',
            label: t('field.rejectReason'),
            children: pre(`${t('item.rejected', { count: item.rejectCount })}：${item.rejectReason ?? '—'}`),
          },
        ]
      : []),
    ...(item.status === 'cancelled' ? [{ key: 'cancel', label: t('field.cancelReason'), children: pre(item.cancelReason) }] : []),
  ];
}

/** The evidence files: the assignee (or who manages the owner) adds them while the item is open; everyone else looks. */
export function EvidencePanel({ item }: { item: ActionItem }) {
  const { t } = useTranslation('safety');
  return (
    <AttachmentsPanel
      ownerType={OWNER_ACTION_ITEM}
      ownerId={item.id}
      title={t('field.evidence')}
      readOnly={!(item.status === 'open' && (item.canSubmit || item.canEdit))}
    />
  );
}

/** An item's fields and its evidence, one column (the drawer). */
export function ItemDetails({ item, showOwner = true }: { item: ActionItem; showOwner?: boolean }) {
  const fields = useItemFields(item, showOwner);
  return (
    <>
      <Descriptions size="small" column={1} items={fields} data-testid="action-details" />
      <div style={{ marginTop: 16 }}>
        <EvidencePanel item={item} />
      </div>
    </>
  );
}
