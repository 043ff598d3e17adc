import { DatePicker, Form } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

const DAY = 'YYYY-MM-DD';

/**
 * A date range inside a QueryTable filter form that fills two query parameters,
 * `from` and `to` (YYYY-MM-DD, both inclusive). Use it as the control of
 * `<Form.Item name="from">` and keep a `<Form.Item name="to" hidden>` beside it:
 * `to` is set first, then `from` reports the change so the table reads both at once.
 */
export function DateRangeFilter({ value, onChange, width = 260 }: { value?: string; onChange?: (v?: string) => void; width?: number }) {
  const { t } = useTranslation('system');
  const form = Form.useFormInstance();
  const to = Form.useWatch<string | undefined>('to', form);
  return (
    <DatePicker.RangePicker
      allowEmpty={[true, true]}
      value={[value ? dayjs(value) : null, to ? dayjs(to) : null]}
      placeholder={[t('audit.from'), t('audit.to')]}
      style={{ width }}
      onChange={(range) => {
        form.setFieldValue('to', range?.[1]?.format(DAY));
        onChange?.(range?.[0]?.format(DAY));
      }}
      data-testid="audit-range"
    />
  );
}
