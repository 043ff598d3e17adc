import { Col, DatePicker, Form, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Period, PRESETS, type Preset, periodOf } from './period';

export interface PeriodChoice {
  preset: Preset;
  setPreset: (p: Preset) => void;
  range: [Dayjs, Dayjs] | null;
  setRange: (r: [Dayjs, Dayjs] | null) => void;
  period: Period;
  /** a custom period without its dates yet: nothing to ask the server for */
  waiting: boolean;
}

/** The period a measures page shows: a preset (本月, 上月…) or custom dates. */
export function usePeriodChoice(initial: Preset = 'thisMonth'): PeriodChoice {
  const [preset, setPreset] = useState<Preset>(initial);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const period = periodOf(preset, new Date(), range ? [range[0].toDate(), range[1].toDate()] : undefined);
  return { preset, setPreset, range, setRange, period, waiting: preset === 'custom' && !range };
}

/** The period fields of a measures page's filter row (preset, then the dates of a custom one), as grid columns. */
export function PeriodFields({ choice }: { choice: PeriodChoice }) {
  const { t } = useTranslation('repairstats');
  const { preset, setPreset, range, setRange } = choice;
  return (
    <>
      <Col xs={24} sm={12} md={6}>
        <Form.Item label={t('filters.period')} style={{ marginBottom: 8 }}>
          <Select<Preset>
            value={preset}
            onChange={setPreset}
            options={PRESETS.map((p) => ({ value: p, label: t(`presets.${p}`) }))}
            data-testid="measures-period"
          />
        </Form.Item>
      </Col>
      {preset === 'custom' ? (
        <Col xs={24} sm={12} md={8}>
          <Form.Item
            label={t('filters.range')}
            style={{ marginBottom: 8 }}
            validateStatus={range ? undefined : 'warning'}
            help={range ? undefined : t('filters.rangeRequired')}
          >
            <DatePicker.RangePicker
              style={{ width: '100%' }}
              value={range}
              allowClear={false}
              inputReadOnly
              disabledDate={(d) => d.isAfter(dayjs().add(1, 'year'))}
              onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)}
            />
          </Form.Item>
        </Col>
      ) : null}
    </>
  );
}
