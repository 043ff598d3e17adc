import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, Form, Row, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SummaryFactsResponse } from '../../../../contracts/summary';
import { api, download } from '../../app/api';
import { useSelectedSite } from '../../app/site';
import { LoadError, PageContainer, SiteSelect, useErrorText } from '../../components';
import { CategoryChart } from './CategoryChart';
import { FactTables } from './FactTables';
import { KpiCards } from './KpiCards';
import { PeriodFields, usePeriodChoice } from './PeriodFields';

const RESOURCE = '/work-orders/measures';

/**
 * 维修统计: the work-order measures of a period and site — KPI cards that open the
 * records behind each figure, counts by channel, category and site, every fact with how
 * it is computed, and the facts table as Excel.
 */
export default function MeasuresPage() {
  const { t } = useTranslation('repairstats');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const selectedSite = useSelectedSite();
  const choice = usePeriodChoice();
  const { period, waiting: waitingForRange } = choice;
  const [siteId, setSiteId] = useState<string | undefined>(undefined);
  const [exporting, setExporting] = useState(false);
  const params = { from: period.from, to: period.to, siteId };

  const query = useQuery({
    queryKey: [RESOURCE, 'record', params, selectedSite],
    queryFn: ({ signal }) => api.get<SummaryFactsResponse>(RESOURCE, params, signal),
    enabled: !waitingForRange,
  });

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await download(RESOURCE, { ...params, format: 'xlsx' }, `${t('title')}.xlsx`);
    } catch (err) {
      message.error(errorText(err as Error));
    } finally {
      setExporting(false);
    }
  };

  const data = query.data;
  return (
    <PageContainer
      title={t('title')}
      subtitle={t('subtitle', {
        from: dayjs(period.from).format('YYYY-MM-DD'),
        to: dayjs(period.to).subtract(1, 'day').format('YYYY-MM-DD'),
      })}
      card={false}
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} disabled={waitingForRange}>
            {t('common:actions.refresh')}
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting} disabled={!data} onClick={() => void exportXlsx()}>
            {t('common:actions.exportExcel')}
          </Button>
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" component="div">
          <Row gutter={[12, 0]}>
            <PeriodFields choice={choice} />
            <Col xs={24} sm={12} md={6}>
              <Form.Item label={t('filters.site')} style={{ marginBottom: 8 }}>
                <SiteSelect allowClear placeholder={t('filters.allSites')} value={siteId} onChange={(v) => setSiteId(v ?? undefined)} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {waitingForRange ? (
        <Card>
          <Typography.Text type="secondary">{t('filters.rangeRequired')}</Typography.Text>
        </Card>
      ) : query.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : query.error ? (
        <Card>
          <LoadError error={query.error} onRetry={() => void query.refetch()} />
        </Card>
      ) : data ? (
        <Flex vertical gap={16}>
          <KpiCards facts={data.facts} />
          <CategoryChart facts={data.facts} />
          <FactTables data={data} />
        </Flex>
      ) : null}
    </PageContainer>
  );
}
