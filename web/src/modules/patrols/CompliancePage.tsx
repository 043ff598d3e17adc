import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Form, Row, Select, Skeleton, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { LoadError, PageContainer } from '../../components';
import { PeriodFields, usePeriodChoice } from '../repairstats/PeriodFields';
import {
  COMPLIANCE_FIGURES,
  type ComplianceFigure,
  type ComplianceGroup,
  complianceLink,
  type RateTone,
  rateText,
  rateTone,
} from './logic';
import { usePatrolLevels } from './options';
import { COMPLIANCE, type DutyComplianceDto, type DutyComplianceRow } from './types';

const TONE_COLORS: Record<RateTone, string | undefined> = { good: '#389e0d', warn: '#d48806', bad: '#cf1322', none: undefined };

function Rate({ rate }: { rate: number | null }) {
  return (
    <Typography.Text strong style={{ color: TONE_COLORS[rateTone(rate)] }} data-tone={rateTone(rate)}>
      {rateText(rate)}
    </Typography.Text>
  );
}

/**
 * 履职情况 (检查职责落实): for a period and sites, rounds due vs done on time vs late vs
 * missed vs still open, and the on-time rate, by person, by level and by site. Every
 * number opens the rounds behind it.
 */
export default function CompliancePage() {
  const { t } = useTranslation('patrols');
  const me = useMe();
  const selectedSite = useSelectedSite();
  const levels = usePatrolLevels();
  const choice = usePeriodChoice();
  const { period, waiting } = choice;
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const params = { from: period.from, to: period.to, siteId: siteIds.length ? siteIds : undefined };

  const query = useQuery({
    queryKey: [COMPLIANCE, 'record', params, selectedSite],
    queryFn: ({ signal }) => api.get<DutyComplianceDto>(COMPLIANCE, params, signal),
    enabled: !waiting,
  });
  const data = query.data;

  const columns = (group: ComplianceGroup, first: string): ColumnsType<DutyComplianceRow> => [
    {
      title: first,
      dataIndex: 'label',
      fixed: 'left',
      // the server names levels in Chinese; the dictionary has them in the interface language
      render: (label: string, row) => (group === 'level' ? levels.label(row.key) : label),
    },
    ...COMPLIANCE_FIGURES.map((figure: ComplianceFigure) => ({
      title: t(`compliance.${figure}`),
      key: figure,
      align: 'right' as const,
      render: (_: unknown, row: DutyComplianceRow) => (
        <Link to={complianceLink(group, row, figure, period, siteIds)} data-testid={`compliance-${group}-${figure}`}>
          {row[figure]}
        </Link>
      ),
    })),
    {
      title: t('compliance.rate'),
      dataIndex: 'rate',
      align: 'right' as const,
      render: (rate: number | null) => <Rate rate={rate} />,
    },
  ];

  const table = (group: Exclude<ComplianceGroup, 'total'>, title: string, first: string, rows: DutyComplianceRow[]) => (
    <Card size="small" title={title} data-testid={`compliance-by-${group}`}>
      <Table<DutyComplianceRow>
        size="small"
        rowKey="key"
        columns={columns(group, first)}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );

  return (
    <PageContainer
      title={t('compliance.title')}
      subtitle={t('compliance.subtitle', {
        from: dayjs(period.from).format('YYYY-MM-DD'),
        to: dayjs(period.to).subtract(1, 'day').format('YYYY-MM-DD'),
      })}
      card={false}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} disabled={waiting}>
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
                  placeholder={t('compliance.allSites')}
                  value={siteIds}
                  onChange={setSiteIds}
                  options={me.sites.map((s) => ({ value: s.id, label: s.name }))}
                  data-testid="compliance-sites"
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
          <Row gutter={[12, 12]} data-testid="compliance-total">
            <Col xs={24} sm={8} md={6}>
              <Card size="small" style={{ height: '100%' }}>
                <Statistic
                  title={t('compliance.rate')}
                  value={rateText(data.total.rate)}
                  styles={{ content: { fontSize: 'clamp(22px, 5vw, 30px)', color: TONE_COLORS[rateTone(data.total.rate)] } }}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('compliance.formula')}
                </Typography.Text>
              </Card>
            </Col>
            {COMPLIANCE_FIGURES.map((figure) => (
              <Col key={figure} xs={12} sm={8} md={6} xl={3}>
                <Link to={complianceLink('total', data.total, figure, period, siteIds)}>
                  <Card size="small" hoverable style={{ height: '100%' }}>
                    <Statistic title={t(`compliance.${figure}`)} value={data.total[figure]} styles={{ content: { fontSize: 22 } }} />
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
          {table('person', t('compliance.byPerson'), t('compliance.person'), data.byPerson)}
          {table('level', t('compliance.byLevel'), t('field.level'), data.byLevel)}
          {table('site', t('compliance.bySite'), t('field.site'), data.bySite)}
        </Flex>
      ) : null}
    </PageContainer>
  );
}
