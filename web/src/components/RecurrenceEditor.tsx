import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Col, DatePicker, Flex, Form, InputNumber, Radio, Row, Select, Space, TimePicker, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type NthWeekday,
  RECURRENCE_FREQUENCIES,
  type Recurrence,
  type RecurrenceFrequency,
  type Weekday,
} from '../../../contracts/occurrences';
import {
  MONTHLY,
  monthName,
  normaliseRecurrence,
  nthName,
  recurrenceNotes,
  recurrenceText,
  textLang,
  weekdayNames,
} from './recurrenceText';

export interface RecurrenceEditorProps {
  /** the rule; null/undefined shows the defaults (today, daily at 09:00) until something is changed */
  value?: Recurrence | null;
  onChange?: (value: Recurrence) => void;
  /**
   * The form field the editor is bound to (`<Form.Item name="recurrence">`). With it, each
   * part registers `<name>.<part>` so that the server's errors (`recurrence.times`…) and the
   * client checks show under the part they concern.
   */
  name?: string | (string | number)[];
  /** offer 从上次完成起算 (floating); default true */
  allowFloating?: boolean;
  disabled?: boolean;
  id?: string;
}

const DAY = 'YYYY-MM-DD';
const PARTS = ['freq', 'interval', 'anchor', 'weekdays', 'month', 'monthDay', 'nth', 'times', 'startDate', 'endDate', 'skipDates'] as const;
type Part = (typeof PARTS)[number];

/** A rule to start from: every day at 09:00 from today, by the calendar. */
export function defaultRecurrence(today: Dayjs = dayjs()): Recurrence {
  return {
    freq: 'daily',
    interval: 1,
    times: ['09:00'],
    startDate: today.format(DAY),
    anchor: 'calendar',
    skipHolidays: false,
  };
}

/**
 * The rule of an ErrorSlot field that has no check of its own: it passes, and so clears
 * the server's error from the last attempt when the form is submitted again.
 */
export const SLOT_RULES: Rule[] = [{ validator: () => Promise.resolve() }];

const toTime = (v: string): Dayjs | null => {
  const m = /^(\d{2}):(\d{2})$/.exec(v);
  return m ? dayjs().hour(Number(m[1])).minute(Number(m[2])).second(0) : null;
};

/**
 * When something recurs (保养计划, 巡检, 演练…): frequency and interval, weekdays, a day
 * of the month or the nth weekday, the month for quarterly and yearly rules, several times
 * of day, start and end, by the calendar or from the last completion, skipped dates and
 * site holidays — with the rule in words underneath. Controlled: `value`/`onChange`.
 */
export function RecurrenceEditor({ value, onChange, name, allowFloating = true, disabled, id }: RecurrenceEditorProps) {
  const { t, i18n } = useTranslation('maintenance');
  const lang = textLang(i18n.language);
  const form = Form.useFormInstance();
  const rule = value ?? defaultRecurrence();
  const path = name === undefined ? null : Array.isArray(name) ? name : [name];
  const days = weekdayNames(lang);
  const start = dayjs(rule.startDate, DAY);
  const calendar = rule.anchor === 'calendar';
  const monthly = MONTHLY.has(rule.freq) && calendar;

  const change = (patch: Partial<Recurrence>, parts: Part[]) => {
    if (path) form.setFields(parts.map((p) => ({ name: [...path, p], errors: [] })));
    onChange?.(normaliseRecurrence({ ...rule, ...patch }));
  };

  /** A labelled part; with `name`, a field `<name>.<part>` inside carries that part's errors and checks. */
  const section = (part: Part | Part[], label: ReactNode, control: ReactNode, extra?: ReactNode, rules?: Partial<Record<Part, Rule[]>>) => (
    <Form.Item label={label} extra={extra} style={{ marginBottom: 12 }} required={false}>
      {control}
      {path
        ? (Array.isArray(part) ? part : [part]).map((p) => (
            <Form.Item key={p} name={[...path, p]} noStyle rules={rules?.[p] ?? SLOT_RULES}>
              <ErrorSlot />
            </Form.Item>
          ))
        : null}
    </Form.Item>
  );

  const timesRules: Rule[] = [
    {
      validator: (_r, times: string[] | undefined) => {
        if (!times?.length) return Promise.reject(new Error(t('recurrence.validation.times')));
        if (new Set(times).size !== times.length) return Promise.reject(new Error(t('recurrence.validation.timesDistinct')));
        return Promise.resolve();
      },
    },
  ];
  const startRules: Rule[] = [{ required: true, message: t('recurrence.validation.startDate') }];
  const endRules: Rule[] = [
    {
      validator: (_r, end: string | null | undefined) =>
        end && rule.startDate && end < rule.startDate
          ? Promise.reject(new Error(t('recurrence.validation.endBeforeStart')))
          : Promise.resolve(),
    },
  ];
  const intervalRules: Rule[] = [
    {
      validator: (_r, n: number | undefined) =>
        Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 366
          ? Promise.resolve()
          : Promise.reject(new Error(t('recurrence.validation.interval'))),
    },
  ];

  const freqOptions = RECURRENCE_FREQUENCIES.map((f) => ({ value: f, label: t(`recurrence.freq.${f}`) }));
  const nthOptions = ([1, 2, 3, 4, 5, -1] as const).map((n) => ({ value: n, label: nthName(n, lang) }));
  const weekdayOptions = days.map((label, i) => ({ value: (i + 1) as Weekday, label }));
  const dayOptions = [
    ...Array.from({ length: 31 }, (_, i) => ({ value: i + 1, label: t('recurrence.dayN', { n: i + 1 }) })),
    { value: -1, label: t('recurrence.lastDay') },
  ];
  const monthOptions =
    rule.freq === 'quarterly'
      ? [1, 2, 3].map((m) => ({ value: m, label: t('recurrence.quarterMonth', { n: m }) }))
      : Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: monthName(i + 1, lang) }));
  const byNth = rule.nth != null;
  const defaultWeekday = (start.isValid() ? ((start.day() + 6) % 7) + 1 : 1) as Weekday;
  const sentence = recurrenceText(rule, lang);
  const notes = recurrenceNotes(rule, lang);
  const times = rule.times.length ? rule.times : [''];

  return (
    <div className="hq-recurrence" data-testid="recurrence-editor">
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          {section(
            'freq',
            t('recurrence.frequency'),
            <Select
              id={id}
              value={rule.freq}
              disabled={disabled}
              options={freqOptions}
              onChange={(freq: RecurrenceFrequency) => change({ freq }, ['freq', 'weekdays', 'monthDay', 'nth', 'month'])}
              data-testid="recurrence-freq"
            />,
          )}
        </Col>
        <Col xs={24} sm={12}>
          {section(
            'interval',
            t('recurrence.interval'),
            <InputNumber
              min={1}
              max={366}
              precision={0}
              value={rule.interval}
              disabled={disabled}
              style={{ width: '100%' }}
              prefix={t('recurrence.every')}
              suffix={t(`recurrence.unit.${rule.freq}`)}
              onChange={(n) => change({ interval: typeof n === 'number' ? n : 1 }, ['interval'])}
              data-testid="recurrence-interval"
            />,
            undefined,
            { interval: intervalRules },
          )}
        </Col>
        {allowFloating ? (
          <Col xs={24}>
            {section(
              'anchor',
              t('recurrence.anchor'),
              <Radio.Group
                value={rule.anchor}
                disabled={disabled}
                optionType="button"
                options={[
                  { value: 'calendar', label: t('recurrence.calendar') },
                  { value: 'floating', label: t('recurrence.floating') },
                ]}
                onChange={(e) => change({ anchor: e.target.value }, ['anchor', 'weekdays', 'monthDay', 'nth', 'month', 'times'])}
                data-testid="recurrence-anchor"
              />,
            )}
          </Col>
        ) : null}
      </Row>
      {!calendar ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {t('recurrence.floatingHint')}
        </Typography.Paragraph>
      ) : null}

      {calendar && (rule.freq === 'daily' || rule.freq === 'weekly')
        ? section(
            'weekdays',
            rule.freq === 'weekly' ? t('recurrence.weekdays') : t('recurrence.onlyWeekdays'),
            <Checkbox.Group<Weekday>
              value={rule.weekdays ?? []}
              disabled={disabled}
              options={weekdayOptions}
              onChange={(v) => change({ weekdays: v.length ? [...v].sort((a, b) => a - b) : null }, ['weekdays'])}
              data-testid="recurrence-weekdays"
            />,
            rule.freq === 'weekly' ? t('recurrence.weekdaysHint', { day: days[defaultWeekday - 1] }) : t('recurrence.onlyWeekdaysHint'),
          )
        : null}

      {monthly ? (
        <Row gutter={12}>
          {rule.freq !== 'monthly' ? (
            <Col xs={24} sm={8}>
              {section(
                'month',
                rule.freq === 'quarterly' ? t('recurrence.quarterMonthLabel') : t('recurrence.month'),
                <Select<number>
                  allowClear
                  value={rule.month ?? undefined}
                  disabled={disabled}
                  options={monthOptions}
                  placeholder={t('recurrence.sameAsStart')}
                  onChange={(m) => change({ month: m ?? null }, ['month'])}
                  data-testid="recurrence-month"
                />,
              )}
            </Col>
          ) : null}
          <Col xs={24} sm={rule.freq === 'monthly' ? 24 : 16}>
            {section(
              ['monthDay', 'nth'],
              t('recurrence.dayOfMonth'),
              <Flex gap={8} wrap>
                <Radio.Group
                  value={byNth ? 'nth' : 'day'}
                  disabled={disabled}
                  optionType="button"
                  options={[
                    { value: 'day', label: t('recurrence.byDate') },
                    { value: 'nth', label: t('recurrence.byWeekday') },
                  ]}
                  onChange={(e) =>
                    e.target.value === 'nth'
                      ? change({ nth: { n: 1, weekday: defaultWeekday }, monthDay: null }, ['monthDay', 'nth'])
                      : change({ nth: null, monthDay: null }, ['monthDay', 'nth'])
                  }
                  data-testid="recurrence-day-mode"
                />
                {byNth && rule.nth ? (
                  <Space.Compact>
                    <Select<NthWeekday['n']>
                      value={rule.nth.n}
                      disabled={disabled}
                      options={nthOptions}
                      style={{ width: 110 }}
                      onChange={(n) => change({ nth: { ...(rule.nth as NthWeekday), n } }, ['nth'])}
                      data-testid="recurrence-nth"
                    />
                    <Select<Weekday>
                      value={rule.nth.weekday}
                      disabled={disabled}
                      options={weekdayOptions}
                      style={{ width: 100 }}
                      onChange={(weekday) => change({ nth: { ...(rule.nth as NthWeekday), weekday } }, ['nth'])}
                      data-testid="recurrence-nth-weekday"
                    />
                  </Space.Compact>
                ) : (
                  <Select<number>
                    allowClear
                    value={rule.monthDay ?? undefined}
                    disabled={disabled}
                    options={dayOptions}
                    style={{ minWidth: 160 }}
                    popupMatchSelectWidth={false}
                    placeholder={start.isValid() ? t('recurrence.sameDayAsStart', { n: start.date() }) : t('recurrence.sameAsStart')}
                    onChange={(d) => change({ monthDay: d ?? null }, ['monthDay'])}
                    data-testid="recurrence-month-day"
                  />
                )}
              </Flex>,
              byNth ? undefined : t('recurrence.shortMonthHint'),
            )}
          </Col>
        </Row>
      ) : null}

      {section(
        'times',
        calendar ? t('recurrence.times') : t('recurrence.time'),
        <Flex gap={8} wrap align="center">
          {times.map((time, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a time's place in the list is its identity while it is being changed
            <Space.Compact key={i}>
              <TimePicker
                format="HH:mm"
                minuteStep={5}
                needConfirm={false}
                inputReadOnly
                allowClear={false}
                value={toTime(time)}
                disabled={disabled}
                style={{ width: 96 }}
                onChange={(v) => {
                  const next = [...times];
                  next[i] = v ? v.format('HH:mm') : '';
                  change({ times: next.filter(Boolean) }, ['times']);
                }}
                data-testid={`recurrence-time-${i}`}
              />
              {times.length > 1 ? (
                <Button
                  icon={<DeleteOutlined />}
                  disabled={disabled}
                  aria-label={t('recurrence.removeTime')}
                  onClick={() => change({ times: times.filter((_, j) => j !== i) }, ['times'])}
                />
              ) : null}
            </Space.Compact>
          ))}
          {calendar && times.length < 24 ? (
            <Button
              icon={<PlusOutlined />}
              disabled={disabled}
              onClick={() => {
                const last = toTime(times[times.length - 1] ?? '') ?? dayjs().hour(8).minute(0);
                const next = last.add(6, 'hour');
                change({ times: [...times.filter(Boolean), (next.isSame(last, 'day') ? next : last.add(1, 'hour')).format('HH:mm')] }, [
                  'times',
                ]);
              }}
              data-testid="recurrence-add-time"
            >
              {t('recurrence.addTime')}
            </Button>
          ) : null}
        </Flex>,
        undefined,
        { times: timesRules },
      )}

      <Row gutter={12}>
        <Col xs={24} sm={12}>
          {section(
            'startDate',
            t('recurrence.startDate'),
            <DatePicker
              value={start.isValid() ? start : null}
              disabled={disabled}
              allowClear={false}
              inputReadOnly
              style={{ width: '100%' }}
              onChange={(d) => change({ startDate: d ? d.format(DAY) : '' }, ['startDate', 'endDate'])}
              data-testid="recurrence-start"
            />,
            undefined,
            { startDate: startRules },
          )}
        </Col>
        <Col xs={24} sm={12}>
          {section(
            'endDate',
            t('recurrence.endDate'),
            <DatePicker
              value={rule.endDate ? dayjs(rule.endDate, DAY) : null}
              disabled={disabled}
              inputReadOnly
              placeholder={t('recurrence.noEnd')}
              style={{ width: '100%' }}
              disabledDate={(d) => start.isValid() && d.isBefore(start, 'day')}
              onChange={(d) => change({ endDate: d ? d.format(DAY) : null }, ['endDate'])}
              data-testid="recurrence-end"
            />,
            undefined,
            { endDate: endRules },
          )}
        </Col>
      </Row>

      {section(
        'skipDates',
        t('recurrence.skipDates'),
        <Flex gap={12} wrap align="center">
          <DatePicker
            multiple
            value={(rule.skipDates ?? []).map((d) => dayjs(d, DAY))}
            disabled={disabled}
            inputReadOnly
            placeholder={t('recurrence.skipDatesPlaceholder')}
            style={{ minWidth: 200, flex: '1 1 200px' }}
            maxTagCount="responsive"
            onChange={(ds: Dayjs[] | null) =>
              change({ skipDates: ds?.length ? [...new Set(ds.map((d) => d.format(DAY)))].sort() : null }, ['skipDates'])
            }
            data-testid="recurrence-skip-dates"
          />
          <Checkbox
            checked={Boolean(rule.skipHolidays)}
            disabled={disabled}
            onChange={(e) => change({ skipHolidays: e.target.checked }, [])}
            data-testid="recurrence-skip-holidays"
          >
            {t('recurrence.skipHolidays')}
          </Checkbox>
        </Flex>,
      )}

      <Alert
        type="info"
        showIcon
        title={sentence}
        description={notes.length ? notes.join(lang === 'zh' ? '；' : '; ') : undefined}
        data-testid="recurrence-text"
      />
    </div>
  );
}

/**
 * A form field that shows nothing itself: inside `<Form.Item name={…} noStyle>` under a
 * labelled Form.Item, its errors (client rules or the server's, e.g. `recurrence.times`)
 * appear under that label.
 */
export function ErrorSlot(_props: { value?: unknown; onChange?: unknown }) {
  return null;
}
