import { DatePicker, Flex, Grid } from 'antd';
import type { Dayjs } from 'dayjs';

export interface DayRangePickerProps {
  from: Dayjs | null;
  to: Dayjs | null;
  /** either end may be cleared */
  onChange: (from: Dayjs | null | undefined, to: Dayjs | null | undefined) => void;
  placeholder: [string, string];
  testId?: string;
}

/**
 * A range of days for list filters: a range picker on a desktop, two single date fields
 * on a phone (a range picker's two months do not fit 375 px).
 */
export function DayRangePicker({ from, to, onChange, placeholder, testId }: DayRangePickerProps) {
  const screens = Grid.useBreakpoint();
  if (screens.sm !== false) {
    return (
      <DatePicker.RangePicker
        value={from || to ? [from, to] : null}
        allowEmpty={[true, true]}
        placeholder={placeholder}
        onChange={(v) => onChange(v?.[0], v?.[1])}
        data-testid={testId}
      />
    );
  }
  return (
    <Flex gap={8} style={{ width: '100%' }}>
      <DatePicker inputReadOnly value={from} placeholder={placeholder[0]} onChange={(d) => onChange(d, to)} style={{ flex: 1 }} />
      <DatePicker inputReadOnly value={to} placeholder={placeholder[1]} onChange={(d) => onChange(from, d)} style={{ flex: 1 }} />
    </Flex>
  );
}
