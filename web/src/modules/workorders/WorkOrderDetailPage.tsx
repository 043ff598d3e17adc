import { DownOutlined, EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Dropdown, Popconfirm, Rate, Row, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { WorkOrderAction, WorkOrderDto } from '../../../../contracts/workorders';
import { api, apiUrl, isApiError } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { DetailPage, StatusTag, useDictionary, useErrorText, useInvalidate, useRecord } from '../../components';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { HistoryPanel } from '../../components/HistoryPanel';
import { formatMoney } from '../equipment/format';
import { ReturnVisitButton } from '../servicedesk/ReturnVisitButton';
import { ReturnVisitsCard } from '../servicedesk/ReturnVisitsCard';
import { ActionDialog } from './ActionDialog';
import { EventsTimeline } from './EventsTimeline';
import { useWorkOrderHistoryLabels } from './historyLabels';
import { assignedTo, DANGER_ACTIONS, isClosed, isOpen, STATUS_STYLES, splitActions, URGENCY_COLORS } from './options';
import { SlaCountdowns } from './SlaBadge';
import {
  ChecklistJump,
  checklistPending,
  hasSource,
  scrollToChecklist,
  useWorkOrderChecklist,
  WorkOrderChecklist,
  WorkOrderSource,
} from './WorkOrderChecklist';
import { WorkOrderDrawer } from './WorkOrderDrawer';
import LabourPanel from './work/LabourPanel';
import MaterialsPanel from './work/MaterialsPanel';

const time = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');
const STEPS = ['createdAt', 'dispatchedAt', 'acceptedAt', 'arrivedAt', 'startedAt', 'resolvedAt', 'completedAt', 'cancelledAt'] as const;
const RATINGS = ['ratingAttitude', 'ratingQuality', 'ratingEfficiency'] as const;

/**
 * 维修工单详情: number, status, urgency and live deadlines in the heading; 首问负责人 with
 * 受理; the next step as the primary button (the rest beside it or under 更多), each
 * opening its dialog; the request, its steps and outcome; photos, hours, materials, the
 * workflow and the audit history. Laid out for a technician's phone as well.
 */
export default function WorkOrderDetailPage() {
  const { t } = useTranslation('workorders');
  const { id } = useParams<{ id: string }>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const me = useMe();
  const can = useCan();
  const location = useLocation();
  const categories = useDictionary('repair_category');
  const urgencies = useDictionary('urgency');
  const record = useRecord<WorkOrderDto>('/work-orders', id);
  const wo = record.data;
  const checklist = useWorkOrderChecklist(wo);
  const [checklistNudge, setChecklistNudge] = useState(false);
  const historyLabels = useWorkOrderHistoryLabels(wo);
  const [action, setAction] = useState<WorkOrderAction | null>(null);
  const [editing, setEditing] = useState(false);
  const [taking, setTaking] = useState(false);
  const created = (location.state as { created?: string } | null)?.created;
  const reload = () => void record.refetch();

  const take = async () => {
    if (!wo) return;
    setTaking(true);
    try {
      await api.post(`/work-orders/${wo.id}/take`, { version: wo.version });
      await invalidate('/work-orders', '/audit');
      message.success(t('detail.taken'));
    } catch (err) {
      if (isApiError(err, 'STALE_VERSION')) {
        message.warning(t('detail.stale'));
        reload();
      } else message.error(errorText(err));
    } finally {
      setTaking(false);
    }
  };

  // a maintenance order is finished after its checklist: 完工 leads there first instead of to a refusal
  const openAction = (a: WorkOrderAction) => {
    if (a === 'finish' && checklistPending(checklist.data?.result)) {
      setChecklistNudge(true);
      message.warning(t('checklist.submitFirst'));
      scrollToChecklist();
    } else setAction(a);
  };

  if (!wo) {
    return <DetailPage title={t('detail.title')} backTo="/work-orders" loading={record.isPending} error={record.error} onRetry={reload} />;
  }

  const dispatcher = can('workorders:dispatch', wo.siteId);
  const mayTake = dispatcher && isOpen(wo.status) && wo.ownerId !== me.user.id;
  const mayEdit = dispatcher && isOpen(wo.status);
  const split = splitActions(wo.actions);
  const who = assignedTo(wo);

  const moreItems = [
    ...split.more.map((a) => ({ key: a, label: t(`action.${a}`), danger: DANGER_ACTIONS.has(a) })),
    ...(mayEdit ? [{ key: 'edit', label: t('detail.edit'), icon: <EditOutlined />, danger: false }] : []),
  ];

  const actions = (
    <>
      {split.primary ? (
        <Button type="primary" onClick={() => split.primary && openAction(split.primary)} data-testid={`wo-action-${split.primary}`}>
          {t(`action.${split.primary}`)}
        </Button>
      ) : null}
      {split.shown.map((a) => (
        <Button key={a} onClick={() => openAction(a)} data-testid={`wo-action-${a}`}>
          {t(`action.${a}`)}
        </Button>
      ))}
      {moreItems.length ? (
        <Dropdown
          trigger={['click']}
          menu={{
            items: moreItems,
            onClick: ({ key }) => (key === 'edit' ? setEditing(true) : openAction(key as WorkOrderAction)),
          }}
        >
          <Button data-testid="wo-more">
            {t('detail.more')} <DownOutlined />
          </Button>
        </Dropdown>
      ) : null}
      <ReturnVisitButton workOrder={wo} onDone={reload} />
      {can('workorders:read', wo.siteId) ? (
        <Button icon={<PrinterOutlined />} href={apiUrl(`/work-orders/${wo.id}/print.pdf`)} target="_blank" rel="noopener">
          {t('detail.print')}
        </Button>
      ) : null}
    </>
  );

  const title = (
    <Space wrap size={4}>
      <Typography.Text copyable={{ text: wo.number }} style={{ fontSize: 'inherit', fontWeight: 'inherit' }}>
        {wo.number}
      </Typography.Text>
      <StatusTag status={wo.status} map={STATUS_STYLES} />
      <Tag color={URGENCY_COLORS[wo.urgency] ?? 'default'}>{urgencies.label(wo.urgency)}</Tag>
    </Space>
  );

  const subtitle = (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', gap: 4, marginTop: 4 }}>
      <SlaCountdowns workOrder={wo} />
      {checklistPending(checklist.data?.result) ? <ChecklistJump result={checklist.data?.result ?? null} /> : null}
      <span data-testid="wo-owner">
        {t('field.owner')}：{wo.ownerName ?? t('detail.noOwner')}
      </span>
      {mayTake ? (
        <Popconfirm title={t('detail.takeConfirm')} onConfirm={() => void take()} okText={t('detail.take')}>
          <Button size="small" type="link" loading={taking} data-testid="wo-take">
            {t('detail.take')}
          </Button>
        </Popconfirm>
      ) : null}
    </span>
  );

  const optional = (key: string, label: string, value: unknown, children = value as ReactNode) =>
    value === null || value === undefined || value === '' ? [] : [{ key, label, children }];

  const items = [
    { key: 'site', label: t('field.site'), children: wo.siteName },
    { key: 'location', label: t('field.location'), children: wo.locationPath ?? '—' },
    {
      key: 'asset',
      label: t('field.asset'),
      children: wo.assetId ? (
        can('assets:read', wo.siteId) ? (
          <Link to={`/equipment/assets/${wo.assetId}`}>{`${wo.assetCode} ${wo.assetName}`}</Link>
        ) : (
          `${wo.assetCode} ${wo.assetName}`
        )
      ) : (
        '—'
      ),
    },
    { key: 'category', label: t('field.category'), children: categories.label(wo.category) },
    { key: 'channel', label: t('field.channel'), children: t(`channel.${wo.channel}`) },
    { key: 'kind', label: t('field.kind'), children: t(`kind.${wo.kind}`) },
    ...(hasSource(wo) ? [{ key: 'source', label: t('field.source'), children: <WorkOrderSource workOrder={wo} /> }] : []),
    {
      key: 'description',
      label: t('field.description'),
      span: 'filled' as const,
      children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{wo.description}</Typography.Text>,
    },
    ...optional('appointmentAt', t('field.appointmentAt'), wo.appointmentAt, time(wo.appointmentAt)),
    { key: 'requester', label: t('field.requester'), children: wo.requesterName ?? '—' },
    ...optional(
      'phone',
      t('field.requesterPhone'),
      wo.requesterPhone,
      <a href={`tel:${wo.requesterPhone?.replace(/[^0-9+]/g, '')}`}>{wo.requesterPhone}</a>,
    ),
    ...optional('department', t('field.requesterDepartment'), wo.requesterDepartment),
    {
      key: 'assignedTo',
      label: t('field.assignedTo'),
      children: who.name ?? (who.pool ? <Tag color="magenta">{t('field.pool')}</Tag> : '—'),
    },
    ...(wo.status === 'paused' && wo.pauseReason
      ? [{ key: 'pauseReason', label: t('field.pauseReason'), children: t(`pauseReason.${wo.pauseReason}`) }]
      : []),
    ...STEPS.flatMap((s) => optional(s, t(`field.${s}`), wo[s], time(wo[s]))),
    ...optional('cancelReason', t('field.cancelReason'), wo.cancelReason),
    ...optional('cause', t('field.cause'), wo.cause, wo.cause ? t(`cause.${wo.cause}`) : null),
    ...(wo.result
      ? [
          {
            key: 'result',
            label: t('field.result'),
            span: 'filled' as const,
            children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{wo.result}</Typography.Text>,
          },
        ]
      : []),
    ...RATINGS.flatMap((r) => optional(r, t(`field.${r}`), wo[r], <Rate disabled value={wo[r] ?? 0} style={{ fontSize: 14 }} />)),
    ...optional('ratingComment', t('field.ratingComment'), wo.ratingComment),
    ...optional('ratedAt', t('field.ratedAt'), wo.ratedAt, time(wo.ratedAt)),
    {
      key: 'reworkCount',
      label: t('field.reworkCount'),
      children: wo.reworkCount ? <Tag color="volcano">{wo.reworkCount}</Tag> : 0,
    },
    { key: 'materialCost', label: t('field.materialCost'), children: formatMoney(wo.materialCost) },
    // a paid counter repair is priced by the charge rules on the counter's monthly statement
    ...(wo.kind === 'counter_repair' && wo.counterId
      ? [
          {
            key: 'chargeAmount',
            label: t('field.chargeAmount'),
            children: <Link to={`/counters/${wo.counterId}`}>{t('field.chargeByStatement')}</Link>,
          },
        ]
      : []),
  ];

  const closed = isClosed(wo.status);

  return (
    <DetailPage
      title={title}
      subtitle={subtitle}
      backTo="/work-orders"
      actions={actions}
      items={items}
      history={
        <HistoryPanel
          entity="work_order"
          entityId={wo.id}
          version={wo.version}
          fieldLabel={historyLabels.fieldLabel}
          valueLabel={historyLabels.valueLabel}
        />
      }
    >
      {created ? (
        <Alert type="success" showIcon closable title={t('detail.created', { number: created })} style={{ marginBottom: 16 }} />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <WorkOrderChecklist workOrder={wo} highlight={checklistNudge} />
            <AttachmentsPanel ownerType="work_order" ownerId={wo.id} readOnly={closed} title={t('detail.photosRequest')} />
            <AttachmentsPanel ownerType="work_order_before" ownerId={wo.id} readOnly={closed} title={t('detail.photosBefore')} />
            <AttachmentsPanel ownerType="work_order_after" ownerId={wo.id} readOnly={closed} title={t('detail.photosAfter')} />
            <LabourPanel workOrder={wo} onChanged={reload} />
            <MaterialsPanel workOrder={wo} onChanged={reload} />
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {closed && wo.status !== 'cancelled' && can('workorders:read', wo.siteId) ? <ReturnVisitsCard workOrderId={wo.id} /> : null}
            <EventsTimeline workOrderId={wo.id} version={wo.version} />
          </Space>
        </Col>
      </Row>
      <ActionDialog workOrder={wo} action={action} onClose={() => setAction(null)} onReload={reload} />
      <WorkOrderDrawer open={editing} onClose={() => setEditing(false)} record={wo} onSaved={() => reload()} />
    </DetailPage>
  );
}
