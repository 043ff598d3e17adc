import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Flex, Form, Row, Select, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ReportFactsDto } from '../../../../contracts/reports';
import { api } from '../../app/api';
import { hasGrant, useMe } from '../../app/auth';
import { setSelectedSite, useSelectedSite } from '../../app/site';
import { LoadError, PageContainer } from '../../components';
import { AllFacts } from './AllFacts';
import { AreaCards } from './AreaCards';
import { DashboardCharts } from './DashboardCharts';
import { areaViews, hasData, langOf, type PeriodChoice, periodFromSearch, periodQuery, periodToSearch, viewOf } from './logic';
import { PeriodPicker } from './PeriodPicker';

const RESOURCE = '/reports/facts';
/** the picker's value for 全部场所 (the group view) */
const ALL = '';

function LoadingCards() {
  return (
    <Row gutter={[16, 16]}>
      {[0, 1, 2, 3].map((i) => (
        <Col key={i} xs={24} xl={12}>
          <Card size="small">
            <Skeleton active paragraph={{ rows: 4 }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/**
 * 数据看板: the figures of a period for all the reader's sites (the group: figures compared
 * site by site) or one site (compared with the previous period and last year). The
 * period lives in the address, so Back from a list opens the same view; the site is the
 * site switcher's, so the lists a figure opens show the same sites as the figure.
 */
export default function DashboardPage() {
  const { t, i18n } = useTranslation('dashboard');
  const lang = langOf(i18n.language);
  const me = useMe();
  const selectedSite = useSelectedSite();
  const [search, setSearch] = useSearchParams();
  const period = useMemo(() => periodFromSearch(search, new Date()), [search]);
  const periodParams = periodQuery(period);
  const params = periodParams ? { ...periodParams, siteId: selectedSite ?? undefined } : null;
  const sites = me.sites.filter((s) => hasGrant(me, 'reports:read', s.id));
  // with one site there is no group to choose: the picker names the site
  const onlySite = sites.length === 1 ? sites[0] : undefined;

  const query = useQuery({
    queryKey: [RESOURCE, params, selectedSite],
    queryFn: ({ signal }) => api.get<ReportFactsDto>(RESOURCE, params ?? {}, signal),
    enabled: params !== null,
  });

  const setPeriod = (p: PeriodChoice) => setSearch(periodToSearch(p, new Date()), { replace: true });
  const data = query.data;
  const areas = useMemo(() => (data ? areaViews(data) : []), [data]);

  return (
    <PageContainer
      title={t('title')}
      subtitle={
        data
          ? t('subtitle', {
              period: data.period.label[lang],
              from: data.period.startDate,
              to: data.period.endDate,
              scope: viewOf(data) === 'group' ? t('scope.group', { count: data.sites.length }) : (data.sites[0]?.name ?? ''),
            })
          : undefined
      }
      card={false}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} disabled={!params}>
          {t('common:actions.refresh')}
        </Button>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" component="div">
          <Row gutter={[12, 0]}>
            <PeriodPicker value={period} onChange={setPeriod} />
            <Col xs={24} sm={12} md={8} lg={6}>
              <Form.Item label={t('filters.site')} style={{ marginBottom: 8 }}>
                <Select<string>
                  value={onlySite ? onlySite.id : (selectedSite ?? ALL)}
                  disabled={Boolean(onlySite)}
                  // the app's site switcher follows: the lists a figure opens then show the same sites
                  onChange={(v) => setSelectedSite(v === ALL ? null : v)}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={[
                    ...(onlySite ? [] : [{ value: ALL, label: t('filters.allSites') }]),
                    ...sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` })),
                  ]}
                  data-testid="dashboard-site"
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {!params ? (
        <Card>
          <Typography.Text type="secondary">{t('filters.rangeRequired')}</Typography.Text>
        </Card>
      ) : query.isPending ? (
        <LoadingCards />
      ) : query.error ? (
        <Card>
          <LoadError error={query.error} onRetry={() => void query.refetch()} />
        </Card>
      ) : data && !hasData(data.facts) ? (
        <Card data-testid="dashboard-empty">
          <Empty description={t('empty', { period: data.period.label[lang] })} />
        </Card>
      ) : data ? (
        <Flex vertical gap={16}>
          <AreaCards areas={areas} lang={lang} />
          <DashboardCharts data={data} lang={lang} view={viewOf(data)} />
          <AllFacts data={data} lang={lang} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('generatedAt', { time: dayjs(data.generatedAt).format('YYYY-MM-DD HH:mm') })}
          </Typography.Text>
        </Flex>
      ) : null}
    </PageContainer>
  );
}
