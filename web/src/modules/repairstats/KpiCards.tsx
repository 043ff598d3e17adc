import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SummaryFact, SummaryUnit } from '../../../../contracts/summary';
import { useFactUnits } from '../../components/FactCards';
import { factByKey, formatValue, labelOf } from './period';

/** The headline figures; each card opens the list of the records behind it. */
const KPIS = [
  'workorders.timelyRepairRate',
  'workorders.mttr',
  'workorders.reworkRate',
  'workorders.effectiveHoursRatio',
  'workorders.satisfaction',
  'workorders.backlog',
] as const;

export function useUnits(): Record<SummaryUnit, string> {
  const { t } = useTranslation('repairstats');
  return useFactUnits(t('units.count'));
}

export function KpiCards({ facts }: { facts: SummaryFact[] }) {
  const { t, i18n } = useTranslation('repairstats');
  const navigate = useNavigate();
  const units = useUnits();
  const received = factByKey(facts, 'workorders.received');
  const completed = factByKey(facts, 'workorders.completed');
  return (
    <Row gutter={[12, 12]}>
      {[received, completed, ...KPIS.map((k) => factByKey(facts, k))].map((f) =>
        f ? (
          <Col key={f.key} xs={12} sm={8} lg={6} xl={3}>
            <Card
              size="small"
              hoverable
              onClick={() => navigate(f.link)}
              style={{ height: '100%' }}
              data-testid={`kpi-${f.key.split('.').pop()}`}
              title={null}
            >
              <Statistic
                title={
                  <Typography.Text type="secondary" ellipsis={{ tooltip: f.formula }}>
                    {labelOf(f, i18n.language)}
                  </Typography.Text>
                }
                value={formatValue(f.value, f.unit, units)}
                styles={{ content: { fontSize: 'clamp(18px, 4.5vw, 24px)' } }}
              />
              <Typography.Link style={{ fontSize: 12 }}>{t('kpi.open')}</Typography.Link>
            </Card>
          </Col>
        ) : null,
      )}
    </Row>
  );
}
