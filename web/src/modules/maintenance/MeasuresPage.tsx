import { ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Form, Row, Select, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SummaryUnit } from '../../../../contracts/summary';
import { api } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { LoadError, PageContainer } from '../../components';
import { FactCard, FactSiteTable, useFactUnits } from '../../components/FactCards';
import { PeriodFields, usePeriodChoice } from '../repairstats/PeriodFields';
import { ProgressChart } from './ProgressChart';
import { SettingsDialog } from './SettingsDialog';
import { type MaintenanceProgressResponse, MEASURES, PROGRESS, type SummaryFact, type SummaryFactsResponse } from './types';

/** the figures in the per-site table, in this order (the others are on the cards only) */
const SITE_COLUMNS = [
  'maintenance.due',
  'maintenance.done',
  'maintenance.on_time',
  'maintenance.missed',
  'maintenance.pm_compliance',
  'maintenance.schedule_compliance',
  'maintenance.overdue',
  'maintenance.hours_planned',
  'maintenance.hours_spent',
] as const;
/** compliance figures get the big cards */
const HEADLINE = new Set(['maintenance.pm_compliance', 'maintenance.schedule_compliance', 'maintenance.fire.pm_compliance']);

function useUnits(): Record<SummaryUnit, string> {
  const { t } = useTranslation('maintenance');
  return useFactUnits(t('unit.count'));
}

/** One figure of the page (the shared card with this page's words); compliance under 90 % in red. */
function MaintenanceFact({ fact }: { fact: SummaryFact }) {
  const { t } = useTranslation('maintenance');
  const units = useUnits();
  const headline = HEADLINE.has(fact.key);
  return (
    <FactCard
      fact={fact}
      units={units}
      openText={t('measures.open')}
      formulaText={t('measures.formula')}
      headline={headline}
      bad={fact.unit === 'percent' && headline && fact.value !== null && fact.value < 90}
    />
  );
}

/**
 * 保养指标: PM compliance (SMRP 5.4.14 with its grace rule), schedule compliance, due / done /
 * on time / late / missed, overdue, hours planned versus spent, findings and the fire
 * system's compliance for a period and sites; every figure opens its records. Under them
 * the figures by site and the year's plan-versus-done per month.
 */
export default function MeasuresPage() {
  const { t } = useTranslation('maintenance');
  const me = useMe();
  const can = useCan();
  const selectedSite = useSelectedSite();
  const units = useUnits();
  const choice = usePeriodChoice();
  const { period, waiting } = choice;
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const params = { from: period.from, to: period.to, siteId: siteIds.length ? siteIds : undefined };
  const year = dayjs(period.from).year();

  const measures = useQuery({
    queryKey: [MEASURES, 'record', params, selectedSite],
    queryFn: ({ signal }) => api.get<SummaryFactsResponse>(MEASURES, params, signal),
    enabled: !waiting,
  });
  const progressParams = { year, siteId: params.siteId };
  const progress = useQuery({
    queryKey: [PROGRESS, 'record', progressParams, selectedSite],
    queryFn: ({ signal }) => api.get<MaintenanceProgressResponse>(PROGRESS, progressParams, signal),
  });

  const data = measures.data;
  const siteFacts = SITE_COLUMNS.map((k) => data?.facts.find((f) => f.key === k)).filter((f): f is SummaryFact => f !== undefined);
  return (
    <PageContainer
      title={t('measures.title')}
      subtitle={t('measures.subtitle', {
        from: dayjs(period.from).format('YYYY-MM-DD'),
        to: dayjs(period.to).subtract(1, 'day').format('YYYY-MM-DD'),
      })}
      card={false}
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={() => void Promise.all([measures.refetch(), progress.refetch()])} disabled={waiting}>
            {t('common:actions.refresh')}
          </Button>
          {can('maintenance:manage') ? (
            <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="maintenance-settings">
              {t('settings.open')}
            </Button>
          ) : null}
        </>
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
                  placeholder={t('measures.allSites')}
                  value={siteIds}
                  onChange={setSiteIds}
                  options={me.sites.map((s) => ({ value: s.id, label: s.name }))}
                  data-testid="measures-sites"
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
      ) : measures.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : measures.error ? (
        <Card>
          <LoadError error={measures.error} onRetry={() => void measures.refetch()} />
        </Card>
      ) : data ? (
        <Flex vertical gap={16}>
          <Row gutter={[12, 12]}>
            {data.facts
              .filter((f) => HEADLINE.has(f.key))
              .map((f) => (
                <Col key={f.key} xs={24} sm={8}>
                  <MaintenanceFact fact={f} />
                </Col>
              ))}
          </Row>
          <Row gutter={[12, 12]}>
            {data.facts
              .filter((f) => !HEADLINE.has(f.key))
              .map((f) => (
                <Col key={f.key} xs={12} sm={8} md={6} xl={4}>
                  <MaintenanceFact fact={f} />
                </Col>
              ))}
          </Row>
          <Card size="small" title={t('measures.bySite')}>
            <FactSiteTable facts={siteFacts} sites={data.scope.sites} units={units} siteTitle={t('field.site')} testId="measures-by-site" />
          </Card>
        </Flex>
      ) : null}
      <div style={{ marginTop: 16 }}>
        {progress.error ? (
          <LoadError error={progress.error} onRetry={() => void progress.refetch()} />
        ) : (
          <ProgressChart data={progress.data} />
        )}
      </div>
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </PageContainer>
  );
}
