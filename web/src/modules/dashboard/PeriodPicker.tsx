import { Col, DatePicker, Form, Select } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PERIOD_KINDS, type PeriodKind } from '../../../../contracts/reports';
import { indexCount, type PeriodChoice, switchKind, yearOptions } from './logic';

/** the longest custom period the server accepts (reports/periods.ts: five years of days) */
const MAX_CUSTOM_DAYS = 1830;

/**
 * The period fields of the dashboard's filter row, as grid columns: the kind (月度, 季度,
 * 半年, 年度, 自定义), then the year and which month, quarter or half — or, for a custom
 * period, its first and last day.
 */
export function PeriodPicker({ value, onChange }: { value: PeriodChoice; onChange: (p: PeriodChoice) => void }) {
  const { t } = useTranslation('dashboard');
  const years = useMemo(() => yearOptions(new Date()), []);
  const count = indexCount(value.kind);
  const range = value.startDate && value.endDate ? ([dayjs(value.startDate), dayjs(value.endDate)] as const) : null;

  return (
    <>
      <Col xs={24} sm={8} md={6} lg={4}>
        <Form.Item label={t('filters.kind')} style={{ marginBottom: 8 }}>
          <Select<PeriodKind>
            value={value.kind}
            onChange={(kind) => onChange(switchKind(value, kind))}
            options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            data-testid="dashboard-kind"
          />
        </Form.Item>
      </Col>
      {value.kind === 'custom' ? (
        <Col xs={24} sm={16} md={10} lg={8}>
          <Form.Item
            label={t('filters.range')}
            style={{ marginBottom: 8 }}
            validateStatus={range ? undefined : 'warning'}
            help={range ? undefined : t('filters.rangeRequired')}
          >
            <DatePicker.RangePicker
              style={{ width: '100%' }}
              value={range ? [range[0], range[1]] : null}
              allowClear={false}
              inputReadOnly
              disabledDate={(d, info) => {
                const from = info.from;
                return Boolean(from && Math.abs(d.diff(from, 'day')) >= MAX_CUSTOM_DAYS);
              }}
              onChange={(v) => {
                if (v?.[0] && v[1]) {
                  onChange({ ...value, startDate: v[0].format('YYYY-MM-DD'), endDate: v[1].format('YYYY-MM-DD') });
                }
              }}
              data-testid="dashboard-range"
            />
          </Form.Item>
        </Col>
      ) : (
        <>
          <Col xs={count ? 12 : 24} sm={8} md={5} lg={4}>
            <Form.Item label={t('filters.year')} style={{ marginBottom: 8 }}>
              <Select<number>
                value={value.year}
                onChange={(year) => onChange({ ...value, year })}
                options={years.map((y) => ({ value: y, label: t('filters.yearOption', { year: y }) }))}
                data-testid="dashboard-year"
              />
            </Form.Item>
          </Col>
          {count ? (
            <Col xs={12} sm={8} md={5} lg={4}>
              <Form.Item label={t(`filters.index.${value.kind}`)} style={{ marginBottom: 8 }}>
                <Select<number>
                  value={value.index}
                  onChange={(index) => onChange({ ...value, index })}
                  options={Array.from({ length: count }, (_, i) => ({ value: i + 1, label: t(`indexes.${value.kind}.${i + 1}`) }))}
                  data-testid="dashboard-index"
                />
              </Form.Item>
            </Col>
          ) : null}
        </>
      )}
    </>
  );
}
