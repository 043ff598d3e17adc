import { Alert, App, Button, Flex, Form, Input, Modal, Segmented, Select, Spin, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { PeriodKind, WorkSummaryCreateInput, WorkSummaryDetailDto } from '../../../../contracts/reports';
import { ApiError, api, isApiError } from '../../app/api';
import { hasGrant, useCan, useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { applyFieldErrors, DayRangePicker, PageContainer, RemoteSelect, useErrorText, useInvalidate } from '../../components';
import {
  type Day,
  defaultPeriod,
  PATHS,
  PERIOD_INDEX_COUNT,
  type PeriodProblem,
  type PeriodValues,
  periodDays,
  periodProblem,
  SUMMARIES,
  toPeriodInput,
  yearChoices,
} from './logic';
import { useSummaryOptions } from './options';
import { useSummaryCache } from './useSummary';

interface FormValues {
  kind: PeriodKind;
  year?: number;
  index?: number;
  range?: [Dayjs | null, Dayjs | null];
  siteIds?: string[];
  departmentId?: string;
  title?: string;
}

const today = (): Day => {
  const d = dayjs();
  return { year: d.year(), month: d.month() + 1, day: d.date() };
};

function periodValues(v: Partial<FormValues>): PeriodValues {
  return {
    kind: v.kind ?? 'month',
    year: v.year,
    index: v.index,
    startDate: v.range?.[0]?.format('YYYY-MM-DD'),
    endDate: v.range?.[1]?.format('YYYY-MM-DD'),
  };
}

function formPeriod(p: PeriodValues): Partial<FormValues> {
  return {
    kind: p.kind,
    year: p.year ?? undefined,
    index: p.index ?? undefined,
    range: p.startDate && p.endDate ? [dayjs(p.startDate), dayjs(p.endDate)] : undefined,
  };
}

/** which field shows a period problem */
function problemField(problem: PeriodProblem, kind: PeriodKind): 'year' | 'index' | 'range' {
  if (kind === 'custom') return 'range';
  if (problem === 'year' || kind === 'year') return 'year';
  return 'index';
}

/** A custom period's days as one form field, with the list filters' picker (two fields on a phone). */
function RangeField({
  value,
  onChange,
  placeholder,
}: {
  value?: FormValues['range'];
  onChange?: (v: FormValues['range']) => void;
  placeholder: [string, string];
}) {
  return (
    <DayRangePicker
      from={value?.[0] ?? null}
      to={value?.[1] ?? null}
      onChange={(a, b) => onChange?.(a || b ? [a ?? null, b ?? null] : undefined)}
      placeholder={placeholder}
      testId="summary-range"
    />
  );
}

/** The server names a custom period's days period.startDate/endDate; the form has them in one field. */
function withFormFields(err: unknown): unknown {
  if (!isApiError(err)) return err;
  const fields = err.fields.map((f) => ({
    ...f,
    field: /^period\.(startDate|endDate)$/.test(f.field) ? 'range' : f.field.replace(/^period\./, ''),
  }));
  return new ApiError(err.status, err.code, err.message, fields, err.details, err.requestId);
}

/**
 * 新建工作总结: a period (月度, 季度, 半年, 年度 or custom days), the sites (none = all the
 * person reads), optionally a department and a title. Houqin gathers every module's
 * figures and writes the draft, which takes a moment; the summary opens when it is done.
 */
export default function NewSummaryPage() {
  const { t } = useTranslation('summaries');
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const prime = useSummaryCache();
  const selectedSite = useSelectedSite();
  const options = useSummaryOptions();
  const [form] = Form.useForm<FormValues>();
  const [generating, setGenerating] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const now = useMemo(today, []);
  const kind = Form.useWatch('kind', form) ?? 'month';
  const watched = Form.useWatch([], form) as Partial<FormValues> | undefined;
  const days = watched ? periodDays(periodValues(watched)) : null;

  const sites = me.sites.filter((s) => hasGrant(me, 'reports:read', s.id));
  const initialValues: Partial<FormValues> = {
    ...formPeriod(defaultPeriod('month', now)),
    siteIds: selectedSite && sites.some((s) => s.id === selectedSite) ? [selectedSite] : [],
  };

  const indexOptions = Array.from({ length: PERIOD_INDEX_COUNT[kind] }, (_, i) => ({ value: i + 1, label: t(`index.${kind}.${i + 1}`) }));

  // one rule on each period field: the problem of the whole period, shown where it belongs
  const periodRule =
    (field: 'year' | 'index' | 'range'): Rule =>
    ({ getFieldsValue }) => ({
      validator: async () => {
        const v = periodValues(getFieldsValue() as FormValues);
        const problem = periodProblem(v, now);
        if (problem && problemField(problem, v.kind) === field) throw new Error(t(`create.problem.${problem}`));
      },
    });

  const changeKind = (next: PeriodKind) => {
    form.setFieldsValue({ ...formPeriod(defaultPeriod(next, now)), kind: next });
    form.setFields([
      { name: 'year', errors: [] },
      { name: 'index', errors: [] },
      { name: 'range', errors: [] },
    ]);
  };

  const generate = async (v: FormValues) => {
    setGenerating(true);
    setError(null);
    try {
      const body: WorkSummaryCreateInput = {
        period: toPeriodInput(periodValues(v)),
        siteIds: v.siteIds ?? [],
        departmentId: v.departmentId ?? null,
        title: v.title?.trim() || undefined,
      };
      const created = await api.post<WorkSummaryDetailDto>(SUMMARIES, body);
      prime(created);
      await invalidate(SUMMARIES);
      message.success(t('create.done'));
      navigate(PATHS.detail(created.id), { replace: true });
    } catch (err) {
      const mapped = withFormFields(err);
      if (!applyFieldErrors(form, mapped)) setError(err);
    } finally {
      setGenerating(false);
    }
  };

  return (
    <PageContainer title={t('create.title')} subtitle={t('create.subtitle')} backTo={PATHS.list}>
      <div style={{ maxWidth: 640 }}>
        {error ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={errorText(error)}
            description={isApiError(error) && error.fields.length ? error.fields.map((f) => f.message).join('；') : undefined}
            data-testid="summary-create-error"
          />
        ) : null}
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFinish={(v) => void generate(v)}
          disabled={generating}
        >
          <Form.Item name="kind" label={t('field.kind')} rules={[{ required: true, message: t('create.problem.kind') }]}>
            <Segmented<PeriodKind> options={options.kinds} onChange={changeKind} data-testid="summary-kind" />
          </Form.Item>
          {kind === 'custom' ? (
            <Form.Item name="range" label={t('create.range')} dependencies={['kind']} rules={[periodRule('range')]}>
              <RangeField placeholder={[t('create.startDate'), t('create.endDate')]} />
            </Form.Item>
          ) : (
            <Flex gap={12} wrap>
              <Form.Item
                name="year"
                label={t('create.year')}
                dependencies={['kind', 'index']}
                rules={[periodRule('year')]}
                style={{ flex: '1 1 140px' }}
              >
                <Select<number>
                  options={yearChoices(now).map((y) => ({ value: y, label: t('create.yearOption', { year: y }) }))}
                  placeholder={t('create.year')}
                  data-testid="summary-year"
                />
              </Form.Item>
              {indexOptions.length ? (
                <Form.Item
                  name="index"
                  label={t(`create.index.${kind}`)}
                  dependencies={['kind', 'year']}
                  rules={[periodRule('index')]}
                  style={{ flex: '1 1 140px' }}
                >
                  <Select<number> options={indexOptions} placeholder={t(`create.index.${kind}`)} data-testid="summary-index" />
                </Form.Item>
              ) : null}
            </Flex>
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }} data-testid="summary-days">
            {days ? t('create.days', { start: days[0], end: days[1] }) : t('create.daysIncomplete')}
          </Typography.Paragraph>
          <Form.Item name="siteIds" label={t('field.sites')} extra={t('create.sitesHint')}>
            <Select<string[]>
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('scope.allSites')}
              options={sites.map((s) => ({ value: s.id, label: s.name }))}
              data-testid="summary-sites"
            />
          </Form.Item>
          {can('org:read') ? (
            <Form.Item name="departmentId" label={t('field.department')} extra={t('create.departmentHint')}>
              <RemoteSelect<{ id: string; code: string; name: string }>
                resource="/departments"
                params={{ active: '1' }}
                labelOf={(d) => `${d.name}（${d.code}）`}
                allowClear
                placeholder={t('create.departmentPlaceholder')}
                data-testid="summary-department"
              />
            </Form.Item>
          ) : null}
          <Form.Item
            name="title"
            label={t('field.title')}
            extra={t('create.titleHint')}
            rules={[{ max: 200, message: t('create.problem.titleLength', { max: 200 }) }]}
          >
            <Input maxLength={200} allowClear placeholder={t('create.titlePlaceholder')} data-testid="summary-title" />
          </Form.Item>
          <Flex gap={8} justify="flex-end" wrap>
            <Button onClick={() => navigate(PATHS.list)}>{t('common:actions.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={generating} data-testid="summary-generate">
              {t('create.generate')}
            </Button>
          </Flex>
        </Form>
      </div>
      <Modal open={generating} closable={false} footer={null} mask={{ closable: false }} keyboard={false} centered width={360}>
        <Flex vertical align="center" gap={16} style={{ padding: '24px 0' }} data-testid="summary-generating">
          <Spin size="large" />
          <Typography.Text>{t('create.generating')}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
            {t('create.generatingHint')}
          </Typography.Text>
        </Flex>
      </Modal>
    </PageContainer>
  );
}
