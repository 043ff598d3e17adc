import { Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { QueryParams } from '../../app/api';
import { useMe } from '../../app/auth';
import { type QueryColumn, QueryTable } from '../../components';
import { textLang } from '../../components/recurrenceText';
import { formatInZone } from '../maintenance/format';
import { durationText } from './logic';
import { KindTag, LevelTag, RoundStatusTags } from './options';
import { ROUNDS, type Round } from './types';

/**
 * The rounds (巡检记录) of a query: number, plan, level, due time in the site's zone,
 * status with 按时/超时, who, points checked / skipped / out of order, findings, when it
 * was finished and how long it took. Used by the rounds list and a plan's detail page
 * (with `planId` fixed and the plan column left out).
 */
export function RoundsTable({
  params,
  hidePlan,
  title,
  pageSize = 20,
}: {
  params: QueryParams;
  hidePlan?: boolean;
  title?: ReactNode;
  pageSize?: number;
}) {
  const { t, i18n } = useTranslation('patrols');
  const lang = textLang(i18n.language);
  const me = useMe();
  const navigate = useNavigate();
  const zoneOf = (siteId: string) => me.sites.find((s) => s.id === siteId)?.timezone;

  const columns: QueryColumn<Round>[] = [
    {
      title: t('round.number'),
      dataIndex: 'number',
      sorter: true,
      render: (v: string, r) => (
        <Link to={`/patrols/rounds/${r.id}`} onClick={(e) => e.stopPropagation()}>
          {v}
        </Link>
      ),
    },
    ...(hidePlan
      ? []
      : [
          {
            title: t('round.plan'),
            dataIndex: 'planName',
            render: (v: string, r: Round) => (
              <Space size={4} wrap>
                <Link to={`/patrols/plans/${r.planId}`} onClick={(e) => e.stopPropagation()}>
                  {v}
                </Link>
                <KindTag kind={r.kind} />
              </Space>
            ),
          },
          { title: t('field.site'), dataIndex: 'siteName' },
        ]),
    { title: t('field.level'), dataIndex: 'level', render: (v: string) => <LevelTag level={v} /> },
    {
      title: t('round.dueAt'),
      dataIndex: 'dueAt',
      sorter: true,
      render: (v: string, r) => formatInZone(v, zoneOf(r.siteId)),
    },
    { title: t('field.status'), dataIndex: 'status', render: (_: string, r) => <RoundStatusTags round={r} /> },
    {
      title: t('field.assignee'),
      key: 'assignee',
      render: (_, r) =>
        r.doneByName && r.doneByName !== r.assigneeName ? (
          <Space size={0} orientation="vertical">
            <span>{r.doneByName}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.assigneeName}
            </Typography.Text>
          </Space>
        ) : (
          r.assigneeName
        ),
    },
    {
      title: t('round.pointsColumn'),
      key: 'points',
      align: 'right',
      render: (_, r) => (
        <Space size={4} wrap style={{ justifyContent: 'flex-end' }}>
          <span>{`${r.checkedCount}/${r.points.length}`}</span>
          {r.skippedCount ? <Typography.Text type="warning">{t('round.skippedShort', { count: r.skippedCount })}</Typography.Text> : null}
          {r.outOfOrderCount ? (
            <Typography.Text type="danger">{t('round.outOfOrderShort', { count: r.outOfOrderCount })}</Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('round.findingsColumn'),
      dataIndex: 'findingsCount',
      align: 'right',
      render: (v: number) => (v ? <Typography.Text type="warning">{v}</Typography.Text> : 0),
    },
    {
      title: t('round.finishedAt'),
      dataIndex: 'finishedAt',
      render: (v: string | null, r) => formatInZone(v, zoneOf(r.siteId)),
    },
    {
      title: t('round.duration'),
      dataIndex: 'durationMinutes',
      align: 'right',
      render: (v: number | null) => durationText(v, lang),
    },
  ];

  return (
    <QueryTable<Round>
      resource={ROUNDS}
      columns={columns}
      params={params}
      defaultSort="-dueAt"
      searchPlaceholder={t('rounds.search')}
      title={title}
      pageSize={pageSize}
      onRowClick={(r) => navigate(`/patrols/rounds/${r.id}`)}
    />
  );
}
