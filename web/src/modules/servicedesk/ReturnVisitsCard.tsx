import { Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../app/api';
import { LoadError, StatusTag, useList } from '../../components';
import { SATISFACTION_STYLES, when } from './options';
import type { ReturnVisit } from './types';

/**
 * The return visits of one work order, for its detail page (next to ReturnVisitButton).
 * Shows nothing to people who may see the order but not its visits (a requester).
 */
export function ReturnVisitsCard({ workOrderId }: { workOrderId: string }) {
  const { t } = useTranslation('servicedesk');
  const list = useList<ReturnVisit>(`/work-orders/${workOrderId}/return-visits`);
  if (isApiError(list.error, 'FORBIDDEN')) return null;
  const items = list.data?.items ?? [];
  return (
    <Card title={t('visit.title')} size="small" style={{ marginBottom: 16 }} loading={list.isPending}>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Typography.Text type="secondary">{t('visit.none')}</Typography.Text>
      ) : (
        <List
          dataSource={items}
          renderItem={(v) => (
            <List.Item key={v.id}>
              <Space orientation="vertical" size={2}>
                <Space size={6} wrap>
                  <StatusTag status={v.result} map={SATISFACTION_STYLES} />
                  <Typography.Text>{t(`visit.method.${v.method}`)}</Typography.Text>
                  {v.followUpNeeded ? <Tag color="warning">{t('visit.followUpTag')}</Tag> : null}
                  {v.complaintId ? <Link to={`/complaints/${v.complaintId}`}>{v.complaintNumber}</Link> : null}
                </Space>
                {v.comment ? <Typography.Text>{v.comment}</Typography.Text> : null}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {when(v.visitedAt)} · {v.visitedByName}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
