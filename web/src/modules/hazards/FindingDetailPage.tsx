import { Button, Col, Row, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '../../app/auth';
import { DetailPage, useDictionary, useRecord } from '../../components';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { HistoryPanel } from '../../components/HistoryPanel';
import { formatInZone } from '../maintenance/format';
import { FindingResolveDialog } from './FindingResolveDialog';
import { ResolutionCell } from './FindingsTable';
import { FINDINGS, type Finding, OWNER_FINDING, OWNER_FINDING_FIX, PATHS } from './types';

const dash = (v: string | null | undefined) => (v ? v : '—');

const HISTORY_FIELDS: Record<string, string> = {
  resolution: 'field.resolution',
  fix_note: 'field.fixNote',
  category: 'field.category',
  description: 'field.description',
  work_order_id: 'finding.workOrder',
  hazard_id: 'finding.hazard',
};

/** 发现问题详情: what was found where and by whom, its photos, how it was handled (with the fix photos) and its history. */
export default function FindingDetailPage() {
  const { t } = useTranslation('hazards');
  const { id } = useParams<{ id: string }>();
  const record = useRecord<Finding>(FINDINGS, id);
  const f = record.data;
  const me = useMe();
  const categories = useDictionary('hazard_category');
  const [resolving, setResolving] = useState(false);
  const zone = f ? me.sites.find((s) => s.id === f.siteId)?.timezone : undefined;
  const at = (iso: string | null, who?: string | null) => (iso ? [formatInZone(iso, zone), who].filter(Boolean).join(' · ') : '—');

  const fieldLabel = useCallback((field: string) => (HISTORY_FIELDS[field] ? t(HISTORY_FIELDS[field]) : undefined), [t]);
  const valueLabel = useCallback(
    (field: string, value: unknown): string | undefined => {
      if (value === null || value === undefined) return undefined;
      if (field === 'resolution') return t(`resolution.${String(value)}`, { defaultValue: String(value) });
      if (field === 'category') return categories.label(String(value));
      if (field === 'work_order_id' && value === f?.workOrderId) return f?.workOrderNumber ?? undefined;
      if (field === 'hazard_id' && value === f?.hazardId) return f?.hazardNumber ?? undefined;
      return undefined;
    },
    [t, categories, f],
  );

  const items = f
    ? [
        { key: 'resolution', label: t('field.resolution'), children: <ResolutionCell finding={f} /> },
        { key: 'site', label: t('field.site'), children: f.siteName },
        { key: 'place', label: t('field.place'), children: [f.locationPath, f.assetName].filter(Boolean).join(' · ') || '—' },
        {
          key: 'source',
          label: t('field.source'),
          children: [t(`source.${f.source}`), f.sourceLabel].filter(Boolean).join(' · '),
        },
        {
          key: 'campaign',
          label: t('field.campaign'),
          children: f.campaignId ? <Link to={`${PATHS.campaigns}/${f.campaignId}`}>{f.campaignName ?? '—'}</Link> : '—',
        },
        { key: 'category', label: t('field.category'), children: f.category ? categories.label(f.category) : '—' },
        { key: 'found', label: t('field.foundAt'), children: at(f.foundAt, f.foundByName) },
        { key: 'resolved', label: t('field.resolvedAt'), children: at(f.resolvedAt, f.resolvedByName) },
        {
          key: 'description',
          label: t('field.description'),
          span: 'filled' as const,
          children: <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{f.description}</span>,
        },
        ...(f.resolution === 'fixed_on_spot'
          ? [
              {
                key: 'fixNote',
                label: t('field.fixNote'),
                span: 'filled' as const,
                children: <span style={{ whiteSpace: 'pre-wrap' }}>{dash(f.fixNote)}</span>,
              },
            ]
          : []),
      ]
    : [];

  return (
    <DetailPage
      title={f ? f.number : t('finding.title')}
      subtitle={f ? f.siteName : undefined}
      backTo={PATHS.findings}
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      actions={
        f?.canResolve ? (
          <Button type="primary" onClick={() => setResolving(true)} data-testid="finding-resolve">
            {t('finding.resolve')}
          </Button>
        ) : null
      }
      items={items}
      history={
        f ? <HistoryPanel entity="finding" entityId={f.id} version={f.version} fieldLabel={fieldLabel} valueLabel={valueLabel} /> : null
      }
    >
      {f ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <AttachmentsPanel ownerType={OWNER_FINDING} ownerId={f.id} title={t('field.photos')} readOnly={f.resolution !== 'open'} />
          </Col>
          {f.resolution === 'fixed_on_spot' ? (
            <Col xs={24} lg={12}>
              <AttachmentsPanel ownerType={OWNER_FINDING_FIX} ownerId={f.id} title={t('resolve.fixPhotos')} readOnly />
            </Col>
          ) : null}
          {f.resolution === 'open' ? (
            <Col xs={24}>
              <Space>
                <Typography.Text type="secondary">{t('finding.openHint')}</Typography.Text>
              </Space>
            </Col>
          ) : null}
        </Row>
      ) : null}
      <FindingResolveDialog
        finding={resolving && f ? f : null}
        onClose={() => setResolving(false)}
        onResolved={() => void record.refetch()}
      />
    </DetailPage>
  );
}
