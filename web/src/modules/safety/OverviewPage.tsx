import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Flex, Form, List, Row, Select, Skeleton, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, isApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { LoadError, PageContainer, useInvalidate } from '../../components';
import { PeriodFields, usePeriodChoice } from '../repairstats/PeriodFields';
import { EventLine } from './EventLine';
import { DueDate, OwnerLink } from './ItemDetails';
import { actionsLink, COUNT_GROUPS, COUNT_SPECS, type CountSpec, countLink, countText, dayIn } from './logic';
import { KindTag } from './options';
import {
  CALENDAR,
  MEASURES,
  OVERVIEW,
  PATHS,
  type SafetyOverviewDto,
  type SafetySiteCountsDto,
  type SummaryFact,
  type SummaryFactsResponse,
} from './types';

/** Red for a count that calls for attention (missed drills, overdue actions) once it is not zero. */
const alarming = (spec: CountSpec, value: number | null) => Boolean(spec.alarm && value);

/**
 * 安全总览: for a period (this month by default) and sites, the counts of the safety work —
 * incidents and those awaiting review, security alerts and apprehensions, drills done /
 * missed / planned with reports filed, training sessions and attendance, spot checks and
 * their pass rate, etiquette checks and their average, open and overdue action items —
 * in total and per site, each opening the records behind it (the summary facts' links);
 * then what comes in the next 14 days and the overdue action items.
 */
export default function OverviewPage() {
  const { t } = useTranslation('safety');
  const me = useMe();
  const navigate = useNavigate();
  const selected = useSelectedSite();
  const invalidate = useInvalidate();
  const choice = usePeriodChoice();
  const { period, waiting } = choice;
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const params = { from: period.from, to: period.to, siteId: siteIds.length ? siteIds : undefined };

  const overview = useQuery({
    queryKey: [OVERVIEW, 'record', params, selected],
    queryFn: ({ signal }) => api.get<SafetyOverviewDto>(OVERVIEW, params, signal),
    enabled: !waiting,
  });
  // the facts of the same scope carry each figure's link to its records; without them the module lists are opened
  const measures = useQuery({
    queryKey: [MEASURES, 'record', params, selected],
    queryFn: ({ signal }) => api.get<SummaryFactsResponse>(MEASURES, params, signal),
    enabled: !waiting,
    retry: (n, err) => !(isApiError(err) && (err.status === 404 || err.status === 403)) && n < 2,
  });
  const facts: SummaryFact[] = measures.data?.facts ?? [];
  const link = (spec: CountSpec, siteId: string | null) => countLink(spec, siteId, period, facts);
  const zoneOf = (siteId: string) => me.sites.find((s) => s.id === siteId)?.timezone;
  const data = overview.data;

  const figure = (spec: CountSpec, value: number | null, siteId: string | null) => (
    <Link to={link(spec, siteId)} style={alarming(spec, value) ? { color: '#cf1322' } : undefined} data-testid={`count-${spec.field}`}>
      {countText(value, spec.unit)}
    </Link>
  );

  const cards = data ? (
    <Flex vertical gap={16}>
      {COUNT_GROUPS.map((g) => (
        <div key={g.key}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t(`overview.group.${g.key}`)}
          </Typography.Title>
          <Row gutter={[12, 12]}>
            {g.specs.map((spec) => {
              const value = data.total[spec.field];
              return (
                <Col key={spec.field} xs={12} sm={8} md={6} xl={4}>
                  <Card
                    size="small"
                    hoverable
                    onClick={() => navigate(link(spec, null))}
                    style={{ height: '100%' }}
                    data-testid={`card-${spec.field}`}
                  >
                    <Statistic
                      title={t(`count.${spec.field}`)}
                      value={countText(value, spec.unit)}
                      styles={{ content: { fontSize: 'clamp(18px, 4.5vw, 22px)', color: alarming(spec, value) ? '#cf1322' : undefined } }}
                    />
                    {spec.current ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('overview.now')}
                      </Typography.Text>
                    ) : null}
                  </Card>
                </Col>
              );
            })}
          </Row>
        </div>
      ))}
    </Flex>
  ) : null;

  const siteColumns: ColumnsType<SafetySiteCountsDto> = [
    { title: t('field.site'), dataIndex: 'siteName', fixed: 'left', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    ...COUNT_GROUPS.map((g) => ({
      title: t(`overview.group.${g.key}`),
      children: g.specs.map((spec) => ({
        title: t(`count.${spec.field}`),
        key: spec.field,
        align: 'right' as const,
        render: (_: unknown, r: SafetySiteCountsDto) => figure(spec, r[spec.field], r.siteId),
      })),
    })),
  ];

  const bySite = data?.sites.length ? (
    <Card size="small" title={t('overview.bySite')}>
      <Table<SafetySiteCountsDto>
        rowKey={(r) => r.siteId ?? 'total'}
        size="small"
        bordered
        columns={siteColumns}
        dataSource={data.sites}
        pagination={false}
        scroll={{ x: 'max-content' }}
        summary={() =>
          data.sites.length > 1 ? (
            <Table.Summary fixed>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>{t('overview.total')}</Typography.Text>
                </Table.Summary.Cell>
                {COUNT_SPECS.map((spec, i) => (
                  <Table.Summary.Cell key={spec.field} index={i + 1} align="right">
                    {figure(spec, data.total[spec.field], null)}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
        data-testid="overview-by-site"
      />
    </Card>
  ) : null;

  const upcoming = data ? (
    <Card
      size="small"
      title={t('overview.upcoming')}
      extra={<Link to={PATHS.calendar}>{t('overview.openCalendar')}</Link>}
      style={{ height: '100%' }}
      data-testid="overview-upcoming"
    >
      <List
        size="small"
        dataSource={data.upcoming}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overview.noUpcoming')} /> }}
        renderItem={(e) => (
          <List.Item key={`${e.kind}-${e.id}`} style={{ display: 'block', paddingInline: 0 }}>
            <Flex justify="space-between" gap={8}>
              <div style={{ minWidth: 0, flex: 1 }}>
                <EventLine event={e} zone={zoneOf(e.siteId)} onOpen={(ev) => navigate(ev.link)} wrap />
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
                {dayIn(e.at, zoneOf(e.siteId)).slice(5)}
              </Typography.Text>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12, paddingInlineStart: 14 }}>
              {[t(`eventKind.${e.kind}`), e.siteName].join(' · ')}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  ) : null;

  const overdue = data ? (
    <Card
      size="small"
      title={
        <Typography.Text type={data.overdueActions.length ? 'danger' : undefined} strong>
          {t('overview.overdueActions', { count: data.overdueActions.length })}
        </Typography.Text>
      }
      extra={<Link to={actionsLink('overdue')}>{t('overview.allOverdue')}</Link>}
      style={{ height: '100%' }}
      data-testid="overview-overdue"
    >
      <List
        size="small"
        dataSource={data.overdueActions}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overview.noOverdue')} /> }}
        renderItem={(a) => (
          <List.Item key={a.id} style={{ display: 'block', paddingInline: 0 }}>
            <Flex justify="space-between" gap={8} align="flex-start">
              <Link to={`${PATHS.actions}/${a.id}`} style={{ minWidth: 0, wordBreak: 'break-word' }}>
                {a.title}
              </Link>
              <KindTag kind={a.kind} />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {a.siteName} · {a.assigneeName} · <DueDate item={a} />
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              <OwnerLink item={a} />
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  ) : null;

  return (
    <PageContainer
      title={t('overview.title')}
      subtitle={t('overview.subtitle', {
        from: dayjs(period.from).format('YYYY-MM-DD'),
        to: dayjs(period.to).subtract(1, 'day').format('YYYY-MM-DD'),
      })}
      card={false}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void invalidate(OVERVIEW, MEASURES, CALENDAR)} disabled={waiting}>
          {t('common:actions.refresh')}
        </Button>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" component="div">
          <Row gutter={[12, 0]}>
            <PeriodFields choice={choice} />
            <Col xs={24} sm={12} md={8}>
              <Form.Item label={t('field.site')} style={{ marginBottom: 8 }}>
                <Select<string[]>
                  mode="multiple"
                  allowClear
                  maxTagCount="responsive"
                  placeholder={t('field.allSites')}
                  value={siteIds}
                  onChange={setSiteIds}
                  options={me.sites.map((s) => ({ value: s.id, label: s.name }))}
                  data-testid="overview-sites"
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {waiting ? (
        <Card>
          <Typography.Text type="secondary">{t('repairstats:filters.rangeRequired')}</Typography.Text>
        </Card>
      ) : overview.error ? (
        <Card>
          <LoadError error={overview.error} onRetry={() => void overview.refetch()} />
        </Card>
      ) : overview.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          {cards}
          {bySite}
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              {upcoming}
            </Col>
            <Col xs={24} lg={12}>
              {overdue}
            </Col>
          </Row>
        </Flex>
      )}
    </PageContainer>
  );
}
