import {
  AlertOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  InfoCircleOutlined,
  SafetyOutlined,
  ToolOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Card, Col, Empty, Flex, Row, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatChange, formatFigure } from '../../../../contracts/figures';
import type { SummaryLang } from '../../../../contracts/reports';
import { type AreaKey, type AreaView, type KpiView, labelOf, type Trend } from './logic';

const ICONS: Record<AreaKey, ReactNode> = {
  workorders: <ToolOutlined />,
  maintenance: <CarryOutOutlined />,
  patrols: <AlertOutlined />,
  hazards: <WarningOutlined />,
  readings: <DashboardOutlined />,
  safety: <SafetyOutlined />,
};

const TREND_COLORS: Record<Trend, string | undefined> = { good: '#389e0d', bad: '#cf1322', flat: undefined };

function ChangeLine({ label, text, trend }: { label: string; text: string; trend: Trend | null }) {
  return (
    <div style={{ fontSize: 12, lineHeight: 1.6 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>{' '}
      <Typography.Text
        type={trend === 'good' || trend === 'bad' ? undefined : 'secondary'}
        style={{ fontSize: 12, color: trend ? TREND_COLORS[trend] : undefined }}
      >
        {text}
      </Typography.Text>
    </div>
  );
}

/** One figure: the value, its change against the previous period and last year, and a link to its records. */
function KpiTile({ kpi, lang }: { kpi: KpiView; lang: SummaryLang }) {
  const { t } = useTranslation('dashboard');
  const { fact } = kpi;
  const noBasis = t('compare.noBasis');
  return (
    <Link to={fact.link} style={{ display: 'block', height: '100%' }} data-testid={`kpi-${fact.key}`}>
      <Card size="small" hoverable style={{ height: '100%' }} styles={{ body: { padding: 12 } }}>
        <Flex gap={4} align="flex-start">
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {labelOf(fact, lang)}
          </Typography.Text>
          {fact.formula ? (
            <Tooltip title={fact.formula}>
              <InfoCircleOutlined style={{ color: '#8c8c8c', fontSize: 12, marginTop: 4 }} aria-label={t('formula')} />
            </Tooltip>
          ) : null}
        </Flex>
        <div style={{ fontSize: 'clamp(20px, 5vw, 26px)', fontWeight: 600, lineHeight: 1.4, color: 'rgba(0,0,0,0.88)' }}>
          {formatFigure(fact.value, fact.unit, lang)}
        </div>
        <ChangeLine
          label={t('compare.previous')}
          text={formatChange(fact.value, kpi.previous, fact.unit, lang) ?? noBasis}
          trend={kpi.trendPrevious}
        />
        <ChangeLine
          label={t('compare.lastYear')}
          text={formatChange(fact.value, kpi.lastYear, fact.unit, lang) ?? noBasis}
          trend={kpi.trendLastYear}
        />
      </Card>
    </Link>
  );
}

/** A card per area (工单与维修, 维护保养 …) with its headline figures; an area without records in the period says so. */
export function AreaCards({ areas, lang }: { areas: AreaView[]; lang: SummaryLang }) {
  const { t } = useTranslation('dashboard');
  return (
    <Row gutter={[16, 16]}>
      {areas.map((area) => (
        <Col key={area.key} xs={24} xl={12}>
          <Card
            size="small"
            title={
              <Flex gap={8} align="center">
                {ICONS[area.key]}
                {t(`areas.${area.key}`)}
              </Flex>
            }
            style={{ height: '100%' }}
            data-testid={`area-${area.key}`}
          >
            {area.hasData ? (
              <Row gutter={[8, 8]}>
                {area.kpis.map((kpi) => (
                  <Col key={kpi.fact.key} xs={12} sm={8} xl={8}>
                    <KpiTile kpi={kpi} lang={lang} />
                  </Col>
                ))}
              </Row>
            ) : (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t('areaEmpty', { area: t(`areas.${area.key}`) })}
                style={{ margin: '8px 0' }}
              />
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
