import { EditOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Grid, Row, Space, Steps, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { apiUrl } from '../../app/api';
import { useMe } from '../../app/auth';
import { DetailPage, useDictionary, useRecord } from '../../components';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { HistoryPanel } from '../../components/HistoryPanel';
import { formatInZone } from '../maintenance/format';
import { formatMoney } from '../projects/format';
import { HazardActionDialog } from './HazardActionDialog';
import { HazardDrawer } from './HazardDrawer';
import { actionButtons, hazardSteps, type StepKey } from './logic';
import { GradeTag, HazardStatusTag, OverdueTag } from './options';
import { HAZARDS, type Hazard, type HazardAction, OWNER_HAZARD, OWNER_HAZARD_AFTER, PATHS } from './types';

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
const pre = (v: string | null | undefined) => <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{dash(v)}</span>;

/** Audit diffs name stored columns; the history shows them as the forms do. */
const HISTORY_FIELDS: Record<string, string> = {
  status: 'field.status',
  category: 'field.category',
  grade: 'field.grade',
  sub_grade: 'field.subGrade',
  title: 'field.title',
  description: 'field.description',
  location_id: 'field.location',
  asset_id: 'field.asset',
  campaign_id: 'field.campaign',
  addressee_type: 'field.addresseeType',
  addressee_id: 'field.addressee',
  responsible_id: 'field.responsible',
  measures: 'field.measures',
  funds_fen: 'field.funds',
  deadline: 'field.deadline',
  contingency_plan: 'field.contingencyPlan',
  temporary_measures: 'field.temporaryMeasures',
  acceptance_standard: 'field.acceptanceStandard',
  verifier_id: 'field.verifier',
  rectification_note: 'field.rectificationNote',
  acceptance_note: 'field.acceptanceNote',
  rejected_count: 'field.rejectedCount',
  reject_note: 'field.rejectNote',
  sign_off_note: 'field.signOffNote',
  cancel_reason: 'field.cancelReason',
};

/**
 * 隐患详情: where the hazard stands (登记 → 整改 → 待验收 → (签批) → 销号), everything it
 * records — the 五落实 block, rectification and acceptance — before and after photos, the
 * steps the signed-in person may take now, the 隐患整改通知单 PDF and the history.
 * Rectification and acceptance are laid out for a phone.
 */
export default function HazardDetailPage() {
  const { t } = useTranslation('hazards');
  const { id } = useParams<{ id: string }>();
  const record = useRecord<Hazard>(HAZARDS, id);
  const h = record.data;
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const categories = useDictionary('hazard_category');
  const subGrades = useDictionary('hazard_subgrade');
  const [action, setAction] = useState<HazardAction | null>(null);
  const [editing, setEditing] = useState(false);
  const zone = h ? me.sites.find((s) => s.id === h.siteId)?.timezone : undefined;
  const at = (iso: string | null, who?: string | null) => (iso ? [formatInZone(iso, zone), who].filter(Boolean).join(' · ') : '—');
  const open = h ? !['closed', 'cancelled'].includes(h.status) : false;

  const fieldLabel = useCallback((field: string) => (HISTORY_FIELDS[field] ? t(HISTORY_FIELDS[field]) : undefined), [t]);
  const valueLabel = useCallback(
    (field: string, value: unknown): string | null | undefined => {
      if (value === null || value === undefined) return undefined;
      switch (field) {
        case 'status':
          return t(`status.${String(value)}`, { defaultValue: String(value) });
        case 'grade':
          return t(`grade.${String(value)}`, { defaultValue: String(value) });
        case 'category':
          return categories.label(String(value));
        case 'sub_grade':
          return subGrades.label(String(value));
        case 'addressee_type':
          return t(`addressee.${String(value)}`, { defaultValue: String(value) });
        case 'funds_fen':
          return typeof value === 'number' ? formatMoney(value) : undefined;
        case 'responsible_id':
          return value === h?.responsibleId ? (h?.responsibleName ?? undefined) : undefined;
        case 'verifier_id':
          return value === h?.verifierId ? (h?.verifierName ?? undefined) : undefined;
        case 'addressee_id':
          return value === h?.addresseeId ? (h?.addresseeName ?? undefined) : undefined;
        case 'campaign_id':
          return value === h?.campaignId ? (h?.campaignName ?? undefined) : undefined;
        default:
          return undefined;
      }
    },
    [t, categories, subGrades, h],
  );

  const steps = h ? hazardSteps(h) : null;
  const stepContent = (key: StepKey): string | undefined => {
    if (!h) return undefined;
    switch (key) {
      case 'registered':
        return at(h.foundAt, h.foundByName);
      case 'rectifying':
        return h.responsibleName ? t('steps.by', { name: h.responsibleName, date: h.deadline ?? '—' }) : undefined;
      case 'submitted':
        return h.rectifiedAt ? at(h.rectifiedAt, h.rectifiedByName) : undefined;
      case 'pending_signoff':
        return h.acceptedAt ? at(h.acceptedAt, h.acceptedByName) : undefined;
      case 'closed':
        return h.closedAt ? at(h.closedAt, h.signedOffByName ?? h.acceptedByName) : undefined;
    }
  };

  const items = h
    ? [
        {
          key: 'status',
          label: t('field.status'),
          children: (
            <Space size={4} wrap>
              <HazardStatusTag status={h.status} />
              <OverdueTag overdue={h.overdue} />
              {h.acceptanceOverdue ? <Tag color="error">{t('hazard.acceptanceOverdue')}</Tag> : null}
              {h.onTime === true ? <Tag color="green">{t('hazard.onTime')}</Tag> : null}
              {h.onTime === false && h.status === 'closed' ? <Tag color="orange">{t('hazard.late')}</Tag> : null}
            </Space>
          ),
        },
        {
          key: 'grade',
          label: t('field.grade'),
          children: (
            <Space size={4} wrap>
              <GradeTag grade={h.grade} />
              {h.subGrade ? subGrades.label(h.subGrade) : null}
            </Space>
          ),
        },
        { key: 'category', label: t('field.category'), children: categories.label(h.category) },
        { key: 'site', label: t('field.site'), children: h.siteName },
        { key: 'location', label: t('field.location'), children: dash(h.locationPath) },
        {
          key: 'asset',
          label: t('field.asset'),
          children: h.assetId ? <Link to={`/equipment/assets/${h.assetId}`}>{h.assetName ?? h.assetId}</Link> : '—',
        },
        {
          key: 'source',
          label: t('field.source'),
          children: (
            <Space size={4} wrap>
              {t(`source.${h.source}`)}
              {h.findingId ? <Link to={`${PATHS.findings}/${h.findingId}`}>{t('hazard.finding')}</Link> : null}
            </Space>
          ),
        },
        {
          key: 'campaign',
          label: t('field.campaign'),
          children: h.campaignId ? <Link to={`${PATHS.campaigns}/${h.campaignId}`}>{h.campaignName ?? '—'}</Link> : '—',
        },
        { key: 'found', label: t('field.foundAt'), children: at(h.foundAt, h.foundByName) },
        {
          key: 'addressee',
          label: t('field.addressee'),
          children: h.addresseeType ? `${t(`addressee.${h.addresseeType}`)}：${dash(h.addresseeName)}` : '—',
        },
        { key: 'description', label: t('field.description'), span: 'filled' as const, children: pre(h.description) },
      ]
    : [];

  const actions = h ? (
    <Space wrap>
      {actionButtons(h.actions).map((b) => (
        <Button
          key={b.action}
          type={b.primary ? 'primary' : 'default'}
          danger={b.danger}
          onClick={() => setAction(b.action)}
          data-testid={`hazard-action-${b.action}`}
        >
          {t(`action.${b.action}`)}
        </Button>
      ))}
      {h.canEdit ? (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="hazard-edit">
          {t('common:actions.edit')}
        </Button>
      ) : null}
      <Button
        icon={<FilePdfOutlined />}
        href={apiUrl(`${HAZARDS}/${h.id}/notice.pdf`)}
        target="_blank"
        rel="noopener"
        data-testid="hazard-notice"
      >
        {t('hazard.notice')}
      </Button>
    </Space>
  ) : null;

  return (
    <DetailPage
      title={h ? `${h.number} ${h.title}` : t('hazard.title')}
      subtitle={h ? `${h.siteName} · ${categories.label(h.category)}` : undefined}
      backTo={PATHS.register}
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      actions={actions}
      items={items}
      history={
        h ? <HistoryPanel entity="hazard" entityId={h.id} version={h.version} fieldLabel={fieldLabel} valueLabel={valueLabel} /> : null
      }
    >
      {h && steps ? (
        <>
          <Card size="small" title={t('hazard.progress')} style={{ marginBottom: 16 }}>
            <Steps
              orientation={screens.md ? 'horizontal' : 'vertical'}
              size="small"
              current={steps.current}
              status={steps.state}
              items={steps.keys.map((k) => ({ key: k, title: t(`steps.${k}`), content: stepContent(k) }))}
              data-testid="hazard-steps"
            />
            {h.status === 'cancelled' ? (
              <Typography.Paragraph type="danger" style={{ marginTop: 8, marginBottom: 0 }}>
                {t('hazard.cancelled', { reason: dash(h.cancelReason), at: at(h.cancelledAt) })}
              </Typography.Paragraph>
            ) : null}
            {h.rejectedCount > 0 && h.status === 'rectifying' ? (
              <Typography.Paragraph type="warning" style={{ marginTop: 8, marginBottom: 0 }}>
                {t('hazard.rejected', { count: h.rejectedCount, note: dash(h.rejectNote) })}
              </Typography.Paragraph>
            ) : null}
          </Card>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('hazard.fiveFixes')} style={{ height: '100%' }} data-testid="hazard-five">
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    { key: 'responsible', label: t('field.responsible'), children: dash(h.responsibleName) },
                    { key: 'measures', label: t('field.measures'), children: pre(h.measures) },
                    { key: 'funds', label: t('field.funds'), children: formatMoney(h.fundsFen) },
                    {
                      key: 'deadline',
                      label: t('field.deadline'),
                      children: <Typography.Text type={h.overdue ? 'danger' : undefined}>{dash(h.deadline)}</Typography.Text>,
                    },
                    { key: 'contingency', label: t('field.contingencyPlan'), children: pre(h.contingencyPlan) },
                    { key: 'temporary', label: t('field.temporaryMeasures'), children: pre(h.temporaryMeasures) },
                    { key: 'standard', label: t('field.acceptanceStandard'), children: pre(h.acceptanceStandard) },
                    { key: 'verifier', label: t('field.verifier'), children: dash(h.verifierName) },
                    { key: 'acceptanceDue', label: t('field.acceptanceDueDate'), children: dash(h.acceptanceDueDate) },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('hazard.rectification')} style={{ height: '100%' }} data-testid="hazard-rectification">
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    { key: 'note', label: t('field.rectificationNote'), children: pre(h.rectificationNote) },
                    { key: 'rectified', label: t('field.rectifiedAt'), children: at(h.rectifiedAt, h.rectifiedByName) },
                    { key: 'acceptanceNote', label: t('field.acceptanceNote'), children: pre(h.acceptanceNote) },
                    { key: 'accepted', label: t('field.acceptedAt'), children: at(h.acceptedAt, h.acceptedByName) },
                    {
                      key: 'rejected',
                      label: t('field.rejectedCount'),
                      children: h.rejectedCount ? `${h.rejectedCount} · ${at(h.rejectedAt)} · ${dash(h.rejectNote)}` : 0,
                    },
                    ...(h.grade === 'major'
                      ? [
                          { key: 'signedOff', label: t('field.signedOffAt'), children: at(h.signedOffAt, h.signedOffByName) },
                          { key: 'signOffNote', label: t('field.signOffNote'), children: pre(h.signOffNote) },
                        ]
                      : []),
                    { key: 'closed', label: t('field.closedAt'), children: at(h.closedAt) },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <AttachmentsPanel ownerType={OWNER_HAZARD} ownerId={h.id} title={t('field.beforePhotos')} readOnly={!open} />
            </Col>
            <Col xs={24} lg={12}>
              <AttachmentsPanel
                ownerType={OWNER_HAZARD_AFTER}
                ownerId={h.id}
                title={t('field.afterPhotos')}
                readOnly={!(h.status === 'rectifying' && h.actions.includes('submit'))}
              />
            </Col>
          </Row>
        </>
      ) : null}
      {h ? <HazardActionDialog hazard={h} action={action} onClose={() => setAction(null)} onDone={() => void record.refetch()} /> : null}
      {h ? <HazardDrawer open={editing} onClose={() => setEditing(false)} record={h} onSaved={() => void record.refetch()} /> : null}
    </DetailPage>
  );
}
