import { EditOutlined, FilePdfOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, apiUrl } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { DetailPage, useDictionary, useErrorText, useInvalidate, useRecord } from '../../components';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { HistoryPanel } from '../../components/HistoryPanel';
import { formatInZone } from '../maintenance/format';
import { formatMoney } from '../projects/format';
import ActionItemsPanel from '../safety/ActionItemsPanel';
import { IncidentDrawer } from './IncidentDrawer';
import { IncidentReviewDialog } from './IncidentReviewDialog';
import { incidentSteps, missingForSubmit } from './logic';
import { DeadlineTag, IncidentStatusTag } from './options';
import { INCIDENT_TYPE_DICT, INCIDENTS, type Incident, type IncidentReviewInput, OWNER_INCIDENT, PATHS } from './types';
import { useIncidentHistory } from './useIncidentHistory';

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
const pre = (v: string | null | undefined) => <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{dash(v)}</span>;

/**
 * 意外事件处理报告单: every field in the order of the paper form, its status and the 不过夜
 * state, the corrective and preventive measures (action items, each with its owner, due
 * date, evidence and someone else's verification), attachments, the author's 提交 and the
 * reviewer's 审核通过 / 退回, the printable report and the history. Reads on a phone.
 */
export default function IncidentDetailPage() {
  const can = useCan();
  const { t } = useTranslation('incidents');
  const { id } = useParams<{ id: string }>();
  const record = useRecord<Incident>(INCIDENTS, id);
  const i = record.data;
  const me = useMe();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const types = useDictionary(INCIDENT_TYPE_DICT);
  // 'submit': opened from 提交审核 on a report that still lacks what a submitted one needs
  const [editing, setEditing] = useState<'edit' | 'submit' | null>(null);
  const [decision, setDecision] = useState<IncidentReviewInput['decision'] | null>(null);
  const zone = i ? me.sites.find((s) => s.id === i.siteId)?.timezone : undefined;
  const at = (iso: string | null) => formatInZone(iso, zone);
  // a person and, once they acted, when: 陈保安 · 2026-11-19 22:20
  const who = (name: string | null, iso: string | null) => dash([name, iso ? formatInZone(iso, zone) : null].filter(Boolean).join(' · '));

  const history = useIncidentHistory(i, zone);

  const submit = (incident: Incident) => {
    const missing = missingForSubmit(incident);
    if (missing.length) {
      message.warning(t('incident.incomplete', { fields: missing.map((f) => t(`field.${f}`)).join('、') }));
      setEditing('submit');
      return;
    }
    modal.confirm({
      title: t('incident.submitTitle', { number: incident.number }),
      content: t('incident.submitHint'),
      okText: t('incident.submit'),
      cancelText: t('common:actions.cancel'),
      onOk: async () => {
        try {
          await api.post(`${INCIDENTS}/${incident.id}/submit`, { version: incident.version });
          message.success(t('incident.submitted'));
        } catch (err) {
          message.error(errorText(err));
        } finally {
          await invalidate(INCIDENTS, '/audit');
        }
      },
    });
  };

  const steps = i ? incidentSteps(i) : [];
  const actions = i ? (
    <Space wrap>
      {steps.includes('submit') ? (
        <Button type="primary" icon={<SendOutlined />} onClick={() => submit(i)} data-testid="incident-submit">
          {t('incident.submit')}
        </Button>
      ) : null}
      {steps.includes('approve') ? (
        <Button type="primary" onClick={() => setDecision('approve')} data-testid="incident-approve">
          {t('review.action.approve')}
        </Button>
      ) : null}
      {steps.includes('return') ? (
        <Button danger onClick={() => setDecision('return')} data-testid="incident-return">
          {t('review.action.return')}
        </Button>
      ) : null}
      {steps.includes('edit') ? (
        <Button icon={<EditOutlined />} onClick={() => setEditing('edit')} data-testid="incident-edit">
          {t('common:actions.edit')}
        </Button>
      ) : null}
      <Button
        icon={<FilePdfOutlined />}
        href={apiUrl(`${INCIDENTS}/${i.id}/report.pdf`)}
        target="_blank"
        rel="noopener"
        data-testid="incident-report"
      >
        {t('incident.print')}
      </Button>
    </Space>
  ) : null;

  // the order of the paper form: what, when, where, who; then the account and what it cost; then who wrote and reviewed it
  const items = i
    ? [
        {
          key: 'status',
          label: t('field.status'),
          children: <IncidentStatusTag status={i.status} />,
        },
        { key: 'type', label: t('field.type'), children: types.label(i.type) },
        { key: 'occurredAt', label: t('field.occurredAt'), children: at(i.occurredAt) },
        { key: 'site', label: t('field.site'), children: i.siteName },
        { key: 'where', label: t('field.where'), children: dash([i.locationPath, i.place].filter(Boolean).join(' · ')) },
        { key: 'responsible', label: t('field.responsible'), children: dash(i.responsibleName) },
        { key: 'summary', label: t('field.summary'), span: 'filled' as const, children: pre(i.summary) },
        { key: 'course', label: t('field.course'), span: 'filled' as const, children: pre(i.course) },
        { key: 'cause', label: t('field.causeAnalysis'), span: 'filled' as const, children: pre(i.causeAnalysis) },
        { key: 'handling', label: t('field.handling'), span: 'filled' as const, children: pre(i.handling) },
        { key: 'resolvedAt', label: t('field.resolvedAt'), children: at(i.resolvedAt) },
        ...(i.deadlineAt
          ? [
              {
                key: 'deadline',
                label: t('field.deadline'),
                children: <DeadlineTag incident={i} zone={zone} full />,
              },
            ]
          : []),
        { key: 'lossAmount', label: t('field.lossAmount'), children: formatMoney(i.lossFen) },
        { key: 'losses', label: t('field.losses'), span: 'filled' as const, children: pre(i.losses) },
        {
          key: 'workOrder',
          label: t('field.workOrder'),
          children: i.workOrderId ? <Link to={`/work-orders/${i.workOrderId}`}>{i.workOrderNumber ?? i.workOrderId}</Link> : '—',
        },
        { key: 'author', label: t('field.author'), children: who(i.authorName, i.submittedAt) },
        { key: 'reviewer', label: t('field.reviewer'), children: who(i.reviewerName, i.reviewedAt) },
        { key: 'reviewNote', label: t('field.reviewNote'), span: 'filled' as const, children: pre(i.reviewNote) },
      ]
    : [];

  return (
    <DetailPage
      title={i ? `${i.number} ${i.title}` : t('incident.title')}
      subtitle={i ? `${i.siteName} · ${types.label(i.type)}` : undefined}
      backTo={PATHS.incidents}
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      actions={actions}
      items={items}
      history={
        i ? (
          <HistoryPanel
            entity="incident"
            entityId={i.id}
            version={i.version}
            fieldLabel={history.fieldLabel}
            valueLabel={history.valueLabel}
            partLabel={history.partLabel}
          />
        ) : null
      }
    >
      {i ? (
        <>
          {i.status === 'returned' && i.reviewNote ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('incident.returned', { name: dash(i.reviewerName) })}
              description={pre(i.reviewNote)}
              data-testid="incident-returned"
            />
          ) : null}
          <div style={{ marginBottom: 16 }} data-testid="incident-actions">
            <ActionItemsPanel
              ownerType="incident"
              ownerId={i.id}
              siteId={i.siteId}
              // a reviewer keeps managing the measures after approving (the server's rule)
              canManage={i.canEdit || i.canReview || can('incidents:review', i.siteId)}
              title={t('incident.measures')}
            />
          </div>
          <AttachmentsPanel ownerType={OWNER_INCIDENT} ownerId={i.id} title={t('incident.attachments')} readOnly={!i.canEdit} />
          <IncidentReviewDialog incident={i} decision={decision} onClose={() => setDecision(null)} onDone={() => void record.refetch()} />
          <IncidentDrawer
            open={editing !== null}
            onClose={() => setEditing(null)}
            record={i}
            submitIntent={editing === 'submit'}
            onSaved={() => void record.refetch()}
          />
        </>
      ) : null}
    </DetailPage>
  );
}
