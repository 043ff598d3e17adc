import { ArrowLeftOutlined, EditOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistResultDto, ChecklistResultInput } from '../../../../contracts/checklists';
import { api } from '../../app/api';
import { useSelectedSite } from '../../app/site';
import { LoadError, StatusTag } from '../../components';
import { ChecklistForm } from '../../components/ChecklistForm';
import { formatInZone } from '../maintenance/format';
import { POINT_STYLES } from './logic';
import { ROUNDS, type Round, type RoundPoint, type RoundPointChecklistAnswer } from './types';

/** GET …/points/:pointId/checklist, keyed under the rounds resource so every refresh of the round refreshes it too. */
function usePointChecklist(roundId: string, point: RoundPoint, enabled: boolean) {
  const site = useSelectedSite();
  const path = `${ROUNDS}/${roundId}/points/${point.id}/checklist`;
  return useQuery({
    queryKey: [ROUNDS, 'record', `${roundId}/points/${point.id}/checklist`, site],
    queryFn: ({ signal }) => api.get<RoundPointChecklistAnswer>(path, undefined, signal),
    enabled,
  });
}

/**
 * One point of a round: where it is and its state; before check-in 手动签到 and 跳过
 * (each with a reason); after it the point's checklist (ChecklistForm: items, photos on
 * failed items, draft and submit). Read-only once the round is over.
 */
export function PointPanel({
  round,
  point,
  canAct,
  timeZone,
  onBack,
  onManual,
  onSkip,
  onChanged,
}: {
  round: Round;
  point: RoundPoint;
  /** the round is in progress and the signed-in person may do it */
  canAct: boolean;
  timeZone: string | undefined;
  /** back to the route (on a phone the point replaces it) */
  onBack?: () => void;
  onManual: () => void;
  onSkip: () => void;
  /** the checklist was saved: the round's counts and findings changed */
  onChanged: () => void;
}) {
  const { t } = useTranslation('patrols');
  const hasChecklist = point.checklistResultId !== null;
  const checklist = usePointChecklist(round.id, point, hasChecklist && point.status === 'checked');
  const result = checklist.data?.result ?? null;

  const save = async (input: ChecklistResultInput): Promise<ChecklistResultDto> => {
    const answer = await api.put<RoundPointChecklistAnswer>(`${ROUNDS}/${round.id}/points/${point.id}/checklist`, input);
    if (!answer.result) throw new Error(t('point.noChecklist'));
    return answer.result;
  };

  let body: ReactNode;
  if (point.status === 'pending') {
    body = (
      <Flex vertical gap={12}>
        <Alert
          type="info"
          showIcon
          title={canAct ? t('point.scanHere') : round.status === 'pending' ? t('point.startFirst') : t('pointStatus.pending')}
        />
        {canAct ? (
          <Flex gap={8} wrap>
            <Button size="large" icon={<EditOutlined />} onClick={onManual} style={{ flex: '1 1 140px' }} data-testid="point-manual">
              {t('point.manualCheckIn')}
            </Button>
            <Button size="large" danger icon={<StopOutlined />} onClick={onSkip} style={{ flex: '1 1 140px' }} data-testid="point-skip">
              {t('point.skip')}
            </Button>
          </Flex>
        ) : null}
      </Flex>
    );
  } else if (point.status === 'skipped') {
    body = <Alert type="warning" showIcon title={t('point.skippedBecause', { reason: point.skipReason ?? '—' })} />;
  } else if (!hasChecklist) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('point.noChecklist')} />;
  } else if (checklist.isPending) {
    body = <Skeleton active paragraph={{ rows: 4 }} />;
  } else if (checklist.error) {
    body = <LoadError error={checklist.error} onRetry={() => void checklist.refetch()} />;
  } else if (result) {
    body = (
      <ChecklistForm
        followUp="finding"
        result={result}
        photoOwner={{ ownerType: 'checklist_result', ownerId: result.id }}
        save={save}
        onSaved={() => onChanged()}
        onReload={() => void checklist.refetch()}
      />
    );
  } else {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('point.noChecklist')} />;
  }

  return (
    <Card
      size="small"
      data-testid="point-panel"
      styles={{ body: { padding: 'clamp(10px, 3vw, 16px)' } }}
      title={
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          {onBack ? (
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={onBack}
              aria-label={t('point.backToRoute')}
              data-testid="point-back"
            />
          ) : null}
          <Typography.Text strong ellipsis style={{ minWidth: 0 }}>
            {point.seq}. {point.targetName}
          </Typography.Text>
        </Flex>
      }
      extra={<StatusTag status={point.status} map={POINT_STYLES} />}
    >
      <Space orientation="vertical" size={2} style={{ width: '100%', marginBottom: 12 }}>
        {point.targetPath ? (
          <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
            {point.targetPath}
          </Typography.Text>
        ) : null}
        {point.checkedInAt ? (
          <Flex gap={4} wrap align="center">
            <Typography.Text type="secondary">
              {t(point.checkInMethod === 'manual' ? 'point.checkedInManually' : 'point.checkedInByQr', {
                time: formatInZone(point.checkedInAt, timeZone),
              })}
            </Typography.Text>
            {point.outOfOrder ? (
              <Tag color="red" style={{ marginInlineEnd: 0 }}>
                {t('point.outOfOrder')}
              </Tag>
            ) : null}
          </Flex>
        ) : null}
      </Space>
      {body}
    </Card>
  );
}
