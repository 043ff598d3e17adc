import { Button, Card, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan } from '../../app/auth';
import { DetailPage, StatusTag, useRecord } from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { ComplaintActionDialog } from './ComplaintActionDialog';
import { timeLeft } from './forms';
import { COMPLAINT_STATUS_STYLES, SATISFACTION_STYLES, when } from './options';
import type { ComplaintAction, ComplaintDetail } from './types';

/** 剩余 2天3小时 / 超期 5小时, in the page's language. */
function Deadline({ c }: { c: ComplaintDetail }) {
  const { t } = useTranslation('servicedesk');
  if (c.status === 'resolved' || c.status === 'closed') {
    return c.overdue ? <Tag color="error">{t('complaint.resolvedLate')}</Tag> : <Tag color="success">{t('complaint.resolvedOnTime')}</Tag>;
  }
  const left = timeLeft(c.deadlineAt, new Date());
  const span = t('complaint.span', { days: left.days, hours: left.hours });
  return (
    <Tag color={left.late ? 'error' : left.days < 1 ? 'warning' : 'default'}>
      {t(left.late ? 'complaint.late' : 'complaint.left', { span })}
    </Tag>
  );
}

/** One complaint: what was said, by whom, its deadline, the steps taken and the next ones. */
export default function ComplaintDetailPage() {
  const { t } = useTranslation('servicedesk');
  const { id = '' } = useParams<{ id: string }>();
  const can = useCan();
  const record = useRecord<ComplaintDetail>('/complaints', id);
  const [action, setAction] = useState<ComplaintAction | null>(null);
  const c = record.data;
  const mayAct = c ? can('complaints:manage', c.siteId) : false;

  const items = c
    ? [
        { key: 'status', label: t('field.status'), children: <StatusTag status={c.status} map={COMPLAINT_STATUS_STYLES} /> },
        { key: 'site', label: t('field.site'), children: c.siteName },
        { key: 'receivedAt', label: t('field.receivedAt'), children: when(c.receivedAt) },
        {
          key: 'deadline',
          label: t('field.deadline'),
          children: (
            <Space size={4} wrap>
              {when(c.deadlineAt)}
              <Deadline c={c} />
            </Space>
          ),
        },
        { key: 'channel', label: t('field.channel'), children: t(`channel.${c.channel}`) },
        { key: 'category', label: t('field.category'), children: t(`category.${c.category}`) },
        { key: 'complainant', label: t('field.complainant'), children: c.complainantName ?? '—' },
        {
          key: 'phone',
          label: t('field.phone'),
          children: c.complainantPhone ? <a href={`tel:${c.complainantPhone}`}>{c.complainantPhone}</a> : '—',
        },
        {
          key: 'workOrder',
          label: t('field.workOrder'),
          children: c.workOrderId ? <Link to={`/work-orders/${c.workOrderId}`}>{c.workOrderNumber}</Link> : t('complaint.standalone'),
        },
        { key: 'handler', label: t('field.handler'), children: c.handlerName ?? t('complaint.noHandler') },
        {
          key: 'content',
          label: t('field.content'),
          span: 'filled' as const,
          children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.content}</Typography.Paragraph>,
        },
        { key: 'handling', label: t('complaint.handlingNote'), span: 'filled' as const, children: c.handlingNotes ?? '—' },
        { key: 'resolution', label: t('field.resolution'), span: 'filled' as const, children: c.resolution ?? '—' },
        { key: 'resolvedAt', label: t('field.resolvedAt'), children: when(c.resolvedAt) },
        { key: 'closedAt', label: t('field.closedAt'), children: when(c.closedAt) },
        {
          key: 'satisfaction',
          label: t('field.satisfaction'),
          children: c.satisfaction ? <StatusTag status={c.satisfaction} map={SATISFACTION_STYLES} /> : '—',
        },
        { key: 'createdBy', label: t('field.createdBy'), children: c.createdByName ?? '—' },
      ]
    : [];

  const actions =
    c && mayAct ? (
      <Space wrap>
        {c.actions.map((a) => (
          <Button
            key={a}
            type={a === 'resolve' || a === 'close' ? 'primary' : 'default'}
            onClick={() => setAction(a)}
            data-testid={`complaint-${a}`}
          >
            {t(`complaint.action.${a}`)}
          </Button>
        ))}
      </Space>
    ) : null;

  return (
    <DetailPage
      title={c ? `${c.number} ${c.subject}` : t('complaint.title')}
      backTo="/complaints"
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      actions={actions}
      items={items}
      history={c ? <HistoryPanel entity="complaint" entityId={c.id} version={c.version} /> : null}
    >
      <Card title={t('complaint.events')}>
        {c?.events.length ? (
          <Timeline
            items={c.events.map((e) => ({
              key: e.id,
              color: e.action === 'reopen' ? 'red' : e.action === 'resolve' || e.action === 'close' ? 'green' : 'blue',
              content: (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>
                    {t(`complaint.event.${e.action}`)}
                    {e.toStatus ? ` → ${t(`complaint.status.${e.toStatus}`)}` : ''}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {when(e.at)} · {e.actorName ?? '—'}
                  </Typography.Text>
                  {e.note ? <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Text> : null}
                </Space>
              ),
            }))}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </Card>
      {c ? <ComplaintActionDialog complaint={c} action={action} onClose={() => setAction(null)} /> : null}
    </DetailPage>
  );
}
