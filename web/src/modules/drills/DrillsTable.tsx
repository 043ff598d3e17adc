import { Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { QueryParams } from '../../app/api';
import { useMe } from '../../app/auth';
import { type QueryColumn, QueryTable } from '../../components';
import { formatInZone } from '../maintenance/format';
import { carriedOutText, pastDue, placeText } from './logic';
import { DrillStatusTag, DrillTypeTag, ReportTag, useDrillTypes } from './options';
import { DRILLS, type Drill, PATHS } from './types';

/**
 * Drills of a query: number, title and place, type, status (a planned one past its window
 * in red), planned time and when it was carried out, participants, commander, report and
 * open improvements. Used by the drill list and a plan's detail page; the plan is on the
 * drill's page and in the list's filter (a column would not fit beside these).
 */
export function DrillsTable({
  params,
  onCreate,
  createLabel,
  title,
}: {
  params: QueryParams;
  onCreate?: () => void;
  createLabel?: ReactNode;
  title?: ReactNode;
}) {
  const { t } = useTranslation('drills');
  const me = useMe();
  const navigate = useNavigate();
  const types = useDrillTypes();
  const zoneOf = (siteId: string) => me.sites.find((s) => s.id === siteId)?.timezone;
  const now = new Date();

  const columns: QueryColumn<Drill>[] = [
    {
      title: t('field.number'),
      dataIndex: 'number',
      render: (v: string, r) => (
        <Link to={`${PATHS.drills}/${r.id}`} onClick={(e) => e.stopPropagation()}>
          {v}
        </Link>
      ),
    },
    {
      title: t('field.title'),
      dataIndex: 'title',
      render: (v: string, r) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 260 }}>
          <Typography.Text style={{ whiteSpace: 'normal' }}>{v}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {placeText(r)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('field.type'), dataIndex: 'type', render: (v: string) => <DrillTypeTag type={v} label={types.label(v)} /> },
    {
      title: t('field.status'),
      dataIndex: 'status',
      render: (_: string, r) => (
        <Space size={2} wrap>
          <DrillStatusTag status={r.status} />
          {pastDue(r, now) ? <Tag color="error">{t('drill.pastDue')}</Tag> : null}
          <ReportTag status={r.status} filed={Boolean(r.report)} />
        </Space>
      ),
    },
    {
      title: t('field.plannedAt'),
      dataIndex: 'plannedAt',
      sorter: true,
      render: (v: string, r) => (
        <Space orientation="vertical" size={0}>
          <span style={{ whiteSpace: 'nowrap' }}>{formatInZone(v, zoneOf(r.siteId))}</span>
          {r.startedAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {t('drill.carriedOutShort', { time: carriedOutText(r.startedAt, r.endedAt, zoneOf(r.siteId), false) })}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('field.participantCount'),
      dataIndex: 'participantCount',
      align: 'right',
      render: (v: number, r) => (r.status === 'done' ? v : '—'),
    },
    { title: t('field.commander'), dataIndex: 'commanderName', render: (v: string | null) => v ?? '—' },
    {
      title: t('field.actions'),
      key: 'actions',
      align: 'right',
      render: (_, r) =>
        r.actionsTotal ? (
          <Typography.Text type={r.actionsOpen ? 'warning' : 'success'}>
            {t('drill.actionsOpenOf', { open: r.actionsOpen, total: r.actionsTotal })}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <QueryTable<Drill>
      resource={DRILLS}
      title={title}
      columns={columns}
      params={params}
      defaultSort="-plannedAt"
      searchPlaceholder={t('drills.search')}
      onCreate={onCreate}
      createLabel={createLabel}
      onRowClick={(r) => navigate(`${PATHS.drills}/${r.id}`)}
    />
  );
}
