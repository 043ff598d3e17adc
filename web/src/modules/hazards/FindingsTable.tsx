import { Button, Flex, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { QueryParams } from '../../app/api';
import { useMe } from '../../app/auth';
import { type QueryColumn, QueryTable, type QueryTableProps, useDictionary } from '../../components';
import { formatInZone } from '../maintenance/format';
import { FindingResolveDialog } from './FindingResolveDialog';
import { HazardStatusTag, ResolutionTag } from './options';
import { FINDINGS, type Finding, PATHS } from './types';

/** Where a handled finding went: the fix note, the work order or the hazard, each a link. */
export function ResolutionCell({ finding: f }: { finding: Finding }) {
  const { t } = useTranslation('hazards');
  return (
    <Space size={4} wrap>
      <ResolutionTag resolution={f.resolution} />
      {f.workOrderId ? <Link to={`/work-orders/${f.workOrderId}`}>{f.workOrderNumber ?? t('finding.workOrder')}</Link> : null}
      {f.hazardId ? (
        <Space size={2}>
          <Link to={`${PATHS.register}/${f.hazardId}`}>{f.hazardNumber ?? t('finding.hazard')}</Link>
          {f.hazardStatus ? <HazardStatusTag status={f.hazardStatus} /> : null}
        </Space>
      ) : null}
      {f.resolution !== 'open' ? (
        <Tag color={f.handled ? 'green' : 'default'}>{t(f.handled ? 'finding.handled' : 'finding.unhandled')}</Tag>
      ) : null}
    </Space>
  );
}

/**
 * The findings of a query as a table with a 处理 button on each open one (it opens
 * FindingResolveDialog). The 发现问题 page and a round's findings both use it.
 */
export function FindingsTable({
  params,
  compact = false,
  ...rest
}: { params: QueryParams; compact?: boolean } & Pick<
  QueryTableProps<Finding>,
  'onCreate' | 'createLabel' | 'toolbarExtra' | 'search' | 'exportable'
>) {
  const { t } = useTranslation('hazards');
  const me = useMe();
  const navigate = useNavigate();
  const categories = useDictionary('hazard_category');
  const [resolving, setResolving] = useState<Finding | null>(null);
  const zoneOf = (siteId: string) => me.sites.find((s) => s.id === siteId)?.timezone;
  const canResolve = (f: Finding) => f.canResolve;

  const resolveButton = (f: Finding) =>
    canResolve(f) ? (
      <Button
        size="small"
        type="primary"
        onClick={(e) => {
          e.stopPropagation();
          setResolving(f);
        }}
        data-testid="finding-resolve"
      >
        {t('finding.resolve')}
      </Button>
    ) : null;

  // compact (a round's findings, read on a phone): one column, the 处理 button under the text, so a 375 px row never scrolls sideways
  const columns: QueryColumn<Finding>[] = compact
    ? [
        {
          title: t('field.description'),
          dataIndex: 'description',
          render: (v: string, r) => (
            <Flex vertical gap={4} align="flex-start" style={{ minWidth: 0 }} data-testid="finding-compact-row">
              <Typography.Text style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>{v}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-word' }}>
                <Link to={`${PATHS.findings}/${r.id}`}>{r.number}</Link>
                {r.sourceLabel ? ` · ${r.sourceLabel}` : ''}
              </Typography.Text>
              <ResolutionCell finding={r} />
              {resolveButton(r)}
            </Flex>
          ),
        },
      ]
    : [
        { title: t('field.number'), dataIndex: 'number', render: (v: string, r) => <Link to={`${PATHS.findings}/${r.id}`}>{v}</Link> },
        {
          title: t('field.foundAt'),
          dataIndex: 'foundAt',
          render: (v: string, r) => formatInZone(v, zoneOf(r.siteId)),
        },
        { title: t('field.site'), dataIndex: 'siteName' },
        {
          title: t('field.place'),
          key: 'place',
          render: (_, r) => [r.locationPath, r.assetName].filter(Boolean).join(' · ') || '—',
        },
        {
          title: t('field.source'),
          key: 'source',
          render: (_, r) => (
            <Space orientation="vertical" size={0}>
              <span>{t(`source.${r.source}`)}</span>
              {r.sourceLabel || r.campaignName ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[r.sourceLabel, r.campaignName].filter(Boolean).join(' · ')}
                </Typography.Text>
              ) : null}
            </Space>
          ),
        },
        { title: t('field.category'), dataIndex: 'category', render: (v: string | null) => (v ? categories.label(v) : '—') },
        {
          title: t('field.description'),
          dataIndex: 'description',
          render: (v: string) => (
            <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ marginBottom: 0, maxWidth: 280 }}>
              {v}
            </Typography.Paragraph>
          ),
        },
        { title: t('field.foundBy'), dataIndex: 'foundByName', render: (v: string | null) => v ?? '—' },
        { title: t('field.resolution'), key: 'resolution', render: (_, r) => <ResolutionCell finding={r} /> },
        { title: t('common:table.actions'), key: 'actions', fixed: 'right', render: (_, r) => resolveButton(r) },
      ];

  return (
    <>
      <QueryTable<Finding>
        resource={FINDINGS}
        columns={columns}
        params={params}
        searchPlaceholder={t('findings.search')}
        pageSize={compact ? 50 : 20}
        onRowClick={compact ? undefined : (r) => navigate(`${PATHS.findings}/${r.id}`)}
        tableProps={compact ? { scroll: undefined, showHeader: false, size: 'small' } : undefined}
        {...rest}
      />
      <FindingResolveDialog finding={resolving} onClose={() => setResolving(null)} />
    </>
  );
}

/**
 * The findings of one patrol round with their 处理 buttons — exported for the patrols web
 * module's round page: `<FindingsList roundId={round.id} />`. Needs hazards:read to list.
 */
export function FindingsList({ roundId }: { roundId: string }) {
  const params = useMemo(() => ({ roundId }), [roundId]);
  return <FindingsTable params={params} compact search={false} exportable={false} />;
}
