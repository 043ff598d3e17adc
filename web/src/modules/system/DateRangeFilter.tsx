import { DatePicker, Flex, Form, Grid } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

const DAY = 'YYYY-MM-DD';

/**
 * A date range inside a QueryTable filter form that fills two query parameters,
 * `from` and `to` (YYYY-MM-DD, both inclusive). Use it as the control of
 * `<Form.Item name="from">` and keep a `<Form.Item name="to" hidden>` beside it:
 * `to` is set first, then `from` reports the change so the table reads both at once.
 * Phones get two single pickers (a range picker's two months do not fit 375 px).
 */
export function DateRangeFilter({ value, onChange, width = 260 }: { value?: string; onChange?: (v?: string) => void; width?: number }) {
  const { t } = useTranslation('system');
  const screens = Grid.useBreakpoint();
  const form = Form.useFormInstance();
  const to = Form.useWatch<string | undefined>('to', form);
  const setRange = (from: string | undefined, until: string | undefined) => {
    form.setFieldValue('to', until);
    onChange?.(from);
  };
  const day = (v?: string) => (v ? dayjs(v) : null);

  if (!screens.sm) {
    return (
      <Flex gap={8} style={{ width: '100%' }}>
        <DatePicker
          value={day(value)}
          placeholder={t('audit.from')}
          inputReadOnly
          onChange={(d) => setRange(d?.format(DAY), to)}
          disabledDate={(d) => Boolean(to && d.isAfter(dayjs(to), 'day'))}
          data-testid="audit-from"
        />
        <DatePicker
          value={day(to)}
          placeholder={t('audit.to')}
          inputReadOnly
          onChange={(d) => setRange(value, d?.format(DAY))}
          disabledDate={(d) => Boolean(value && d.isBefore(dayjs(value), 'day'))}
          data-testid="audit-to"
        />
      </Flex>
    );
  }
  return (
    <DatePicker.RangePicker
      allowEmpty={[true, true]}
      value={[day(value), day(to)]}
      placeholder={[t('audit.from'), t('audit.to')]}
      style={{ width }}
      onChange={(range) => setRange(range?.[0]?.format(DAY), range?.[1]?.format(DAY))}
      data-testid="audit-range"
    />
  );
}
