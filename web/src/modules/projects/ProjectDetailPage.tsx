import { EditOutlined, LineChartOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Progress, Row, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCan, useMe } from '../../app/auth';
import { DetailPage, StatusTag, useRecord } from '../../components';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { HistoryPanel } from '../../components/HistoryPanel';
import { costRatio, formatMoney } from './format';
import { STATUS_STYLES } from './options';
import { ActionDialog, ProgressDialog } from './ProjectDialogs';
import { ProjectDrawer } from './ProjectDrawer';
import { ProjectUpdates } from './ProjectUpdates';
import type { ProjectAction, ProjectDetail } from './types';

const dash = (v: string | null | undefined) => v || '—';

/** Audit diffs name stored columns; the history shows them as the form does. */
const HISTORY_FIELDS: Record<string, string> = {
  number: 'field.number',
  name: 'field.name',
  type: 'field.type',
  site_id: 'field.site',
  location_id: 'field.location',
  description: 'field.description',
  budget: 'field.budget',
  contractor: 'field.contractor',
  contractor_contact: 'field.contractorContact',
  manager_id: 'field.manager',
  planned_start: 'field.plannedStart',
  planned_end: 'field.plannedEnd',
  actual_start: 'field.actualStart',
  actual_end: 'field.actualEnd',
  progress: 'field.progress',
  status: 'field.status',
  acceptance_note: 'field.acceptanceNote',
  accepted_by: 'field.acceptedBy',
  accepted_at: 'field.acceptedAt',
  accepted_on: 'field.acceptedOn',
  actual_cost: 'field.actualCost',
  cancel_reason: 'field.cancelReason',
  cancelled_at: 'field.cancelledAt',
  created_by: 'field.createdBy',
  note: 'progress.note',
};

/** Steps that close or turn back a project are shown as danger buttons; the usual next step as primary. */
const PRIMARY: ReadonlySet<ProjectAction> = new Set(['start', 'resume', 'submit', 'accept']);
const DANGER: ReadonlySet<ProjectAction> = new Set(['cancel', 'reject']);

function useHistoryLabels(project: ProjectDetail | undefined) {
  const { t } = useTranslation('projects');
  const me = useMe();
  const fieldLabel = useCallback((field: string) => (HISTORY_FIELDS[field] ? t(HISTORY_FIELDS[field]) : undefined), [t]);
  const valueLabel = useCallback(
    (field: string, value: unknown): string | null | undefined => {
      switch (field) {
        case 'status':
          return t(`status.${String(value)}`, { defaultValue: String(value) });
        case 'type':
          return t(`type.${String(value)}`, { defaultValue: String(value) });
        case 'budget':
        case 'actual_cost':
          return typeof value === 'number' ? formatMoney(value) : undefined;
        case 'progress':
          return typeof value === 'number' ? `${value}%` : undefined;
        case 'site_id':
          return me.sites.find((s) => s.id === value)?.name;
        case 'location_id':
          return value && value === project?.locationId ? (project.locationPath ?? undefined) : undefined;
        case 'manager_id':
          return value && value === project?.managerId ? (project.managerName ?? undefined) : undefined;
        default:
          return undefined;
      }
    },
    [t, me.sites, project],
  );
  return { fieldLabel, valueLabel };
}

/** 项目详情: fields and progress, the steps the person may take, the progress log, files and history. */
export default function ProjectDetailPage() {
  const { t } = useTranslation('projects');
  const { id } = useParams<{ id: string }>();
  const record = useRecord<ProjectDetail>('/projects', id);
  const p = record.data;
  const [editing, setEditing] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [action, setAction] = useState<ProjectAction | null>(null);
  const history = useHistoryLabels(p);
  const can = useCan();
  // files may be added to a closed project too (the signed 验收单 often arrives later)
  const manage = p ? can('projects:manage', p.siteId) : false;
  const ratio = p ? costRatio(p.budget, p.actualCost) : null;

  const items = p
    ? [
        { key: 'number', label: t('field.number'), children: <Typography.Text copyable>{p.number}</Typography.Text> },
        {
          key: 'status',
          label: t('field.status'),
          children: (
            <Space size={4} wrap>
              <StatusTag status={p.status} map={STATUS_STYLES} />
              {p.overdue ? <Tag color="error">{t('overdue')}</Tag> : null}
            </Space>
          ),
        },
        { key: 'type', label: t('field.type'), children: t(`type.${p.type}`) },
        { key: 'place', label: t('field.location'), children: p.locationPath ?? p.siteName },
        { key: 'manager', label: t('field.manager'), children: dash(p.managerName) },
        { key: 'contractor', label: t('field.contractor'), children: dash(p.contractor) },
        { key: 'contractorContact', label: t('field.contractorContact'), children: dash(p.contractorContact) },
        { key: 'budget', label: t('field.budget'), children: formatMoney(p.budget) },
        {
          key: 'actualCost',
          label: t('field.actualCost'),
          children: (
            <Space size={4} wrap>
              <span>{formatMoney(p.actualCost)}</span>
              {ratio !== null ? (
                <Typography.Text type={ratio > 100 ? 'danger' : 'secondary'}>{t('detail.ofBudget', { ratio })}</Typography.Text>
              ) : null}
            </Space>
          ),
        },
        { key: 'planned', label: t('detail.planned'), children: `${dash(p.plannedStart)} ~ ${dash(p.plannedEnd)}` },
        { key: 'actual', label: t('detail.actual'), children: `${dash(p.actualStart)} ~ ${dash(p.actualEnd)}` },
        {
          key: 'progress',
          label: t('field.progress'),
          span: 'filled' as const,
          children: (
            <Progress
              percent={p.progress}
              status={p.status === 'accepted' ? 'success' : p.overdue ? 'exception' : p.status === 'in_progress' ? 'active' : 'normal'}
            />
          ),
        },
        ...(p.status === 'accepted'
          ? [
              { key: 'acceptedOn', label: t('field.acceptedOn'), children: dash(p.acceptedOn) },
              { key: 'acceptedBy', label: t('field.acceptedBy'), children: dash(p.acceptedByName) },
              { key: 'acceptanceNote', label: t('field.acceptanceNote'), span: 'filled' as const, children: dash(p.acceptanceNote) },
            ]
          : []),
        ...(p.status === 'cancelled'
          ? [
              {
                key: 'cancelledAt',
                label: t('field.cancelledAt'),
                children: p.cancelledAt ? dayjs(p.cancelledAt).format('YYYY-MM-DD HH:mm') : '—',
              },
              { key: 'cancelReason', label: t('field.cancelReason'), span: 'filled' as const, children: dash(p.cancelReason) },
            ]
          : []),
        {
          key: 'description',
          label: t('field.description'),
          span: 'filled' as const,
          children: <span style={{ whiteSpace: 'pre-wrap' }}>{dash(p.description)}</span>,
        },
      ]
    : [];

  return (
    <DetailPage
      title={p ? p.name : t('detail.title')}
      subtitle={p ? `${p.number} · ${p.siteName}` : undefined}
      backTo="/projects"
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      actions={
        p ? (
          <Space wrap>
            {p.canReport ? (
              <Button icon={<LineChartOutlined />} onClick={() => setReporting(true)} data-testid="project-progress">
                {t('progress.title')}
              </Button>
            ) : null}
            {p.actions.map((a) => (
              <Button
                key={a}
                type={PRIMARY.has(a) ? 'primary' : 'default'}
                danger={DANGER.has(a)}
                onClick={() => setAction(a)}
                data-testid={`project-action-${a}`}
              >
                {t(`action.${a}`)}
              </Button>
            ))}
            {p.canEdit ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="project-edit">
                {t('common:actions.edit')}
              </Button>
            ) : null}
          </Space>
        ) : null
      }
      items={items}
      history={
        p ? (
          <HistoryPanel
            entity="project"
            entityId={p.id}
            version={p.version}
            fieldLabel={history.fieldLabel}
            valueLabel={history.valueLabel}
          />
        ) : null
      }
    >
      {p ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <ProjectUpdates projectId={p.id} version={p.version} />
          </Col>
          <Col xs={24} lg={10}>
            <Flex vertical gap={16}>
              <AttachmentsPanel ownerType="project" ownerId={p.id} readOnly={!manage} title={t('detail.photos')} />
              <AttachmentsPanel ownerType="project_acceptance" ownerId={p.id} readOnly={!manage} title={t('detail.acceptanceFiles')} />
            </Flex>
          </Col>
        </Row>
      ) : null}
      {p ? (
        <>
          <ProjectDrawer open={editing} onClose={() => setEditing(false)} record={p} onSaved={() => void record.refetch()} />
          <ProgressDialog project={p} open={reporting} onClose={() => setReporting(false)} />
          <ActionDialog project={p} action={action} onClose={() => setAction(null)} />
        </>
      ) : null}
    </DetailPage>
  );
}
