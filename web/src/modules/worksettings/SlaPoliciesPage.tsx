import { Alert, Button, Form, type FormInstance, Input, InputNumber, Select, Space, Switch, Tag, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaPolicyDto as SlaPolicy, SlaPolicyInput } from '../../../../contracts/workorders';
import { useCan } from '../../app/auth';
import {
  ActiveToggle,
  FormDrawer,
  PageContainer,
  type QueryColumn,
  QueryTable,
  SiteSelect,
  StatusTag,
  useDictionary,
} from '../../components';

/** the form always holds the switches and the warning lead time (the defaults below) */
type Values = SlaPolicyInput & Required<Pick<SlaPolicyInput, 'notOvernight' | 'businessHours' | 'excludePaused' | 'warnBeforeMinutes'>>;

const MAX_MINUTES = 527_040;
const DEFAULTS: Partial<Values> = { notOvernight: false, businessHours: false, excludePaused: true, warnBeforeMinutes: 30 };

/** 90 → "1 小时 30 分钟", 4320 → "3 天", null → 不考核. */
function duration(t: TFunction, minutes: number | null): string {
  if (minutes === null) return t('policies.notSet');
  if (minutes % 1440 === 0) return t('policies.days', { count: minutes / 1440 });
  if (minutes < 60) return t('policies.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? t('policies.hoursMinutes', { hours, minutes: minutes % 60 }) : t('policies.hours', { count: hours });
}

const num = (v: unknown) => (typeof v === 'number' ? v : null);

/** The drawer's fields; the cross-field rules mirror the server's so mistakes show before saving. */
function PolicyFields({ form, siteRequired }: { form: FormInstance<Values>; siteRequired: boolean }) {
  const { t } = useTranslation('sla');
  const categories = useDictionary('repair_category');
  const urgencies = useDictionary('urgency');
  const minutesRule = (label: string): Rule => ({
    validator: (_, v: unknown) =>
      v === null || v === undefined || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_MINUTES)
        ? Promise.resolve()
        : Promise.reject(new Error(t('validation.positiveMinutes', { field: label }))),
  });
  const minutesInput = <InputNumber min={1} max={MAX_MINUTES} precision={0} style={{ width: '100%' }} suffix={t('policies.minuteUnit')} />;
  return (
    <>
      <Form.Item
        name="name"
        label={t('policies.name')}
        rules={[
          { required: true, whitespace: true, message: t('validation.required', { field: t('policies.name') }) },
          { max: 60, message: t('validation.max', { max: 60 }) },
        ]}
      >
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item
        name="siteId"
        label={t('policies.site')}
        rules={siteRequired ? [{ required: true, message: t('validation.siteRequired') }] : []}
      >
        <SiteSelect allowClear placeholder={t('policies.allSites')} />
      </Form.Item>
      <Form.Item name="category" label={t('policies.category')}>
        <Select allowClear placeholder={t('policies.anyCategory')} options={categories.options} loading={categories.loading} />
      </Form.Item>
      <Form.Item name="urgency" label={t('policies.urgency')}>
        <Select allowClear placeholder={t('policies.anyUrgency')} options={urgencies.options} loading={urgencies.loading} />
      </Form.Item>
      <Form.Item
        name="responseMinutes"
        label={t('policies.responseMinutes')}
        extra={t('policies.responseHint')}
        rules={[minutesRule(t('policies.responseMinutes'))]}
      >
        {minutesInput}
      </Form.Item>
      <Form.Item
        name="arrivalMinutes"
        label={t('policies.arrivalMinutes')}
        extra={t('policies.arrivalHint')}
        dependencies={['responseMinutes']}
        rules={[
          minutesRule(t('policies.arrivalMinutes')),
          ({ getFieldValue }) => ({
            validator: (_, v: unknown) => {
              const response = num(getFieldValue('responseMinutes'));
              return num(v) !== null && response !== null && (v as number) < response
                ? Promise.reject(new Error(t('validation.arrivalAfterResponse')))
                : Promise.resolve();
            },
          }),
        ]}
      >
        {minutesInput}
      </Form.Item>
      <Form.Item
        name="resolutionMinutes"
        label={t('policies.resolutionMinutes')}
        extra={t('policies.resolutionHint')}
        dependencies={['responseMinutes', 'arrivalMinutes', 'notOvernight']}
        rules={[
          minutesRule(t('policies.resolutionMinutes')),
          ({ getFieldValue }) => ({
            validator: (_, v: unknown) => {
              const [response, arrival] = [num(getFieldValue('responseMinutes')), num(getFieldValue('arrivalMinutes'))];
              if (num(v) === null && response === null && arrival === null && !getFieldValue('notOvernight')) {
                return Promise.reject(new Error(t('validation.atLeastOne')));
              }
              const shorter = num(v) !== null && [response, arrival].some((x) => x !== null && (v as number) < x);
              return shorter ? Promise.reject(new Error(t('validation.resolutionAfterArrival'))) : Promise.resolve();
            },
          }),
        ]}
      >
        {minutesInput}
      </Form.Item>
      <Form.Item name="notOvernight" label={t('policies.notOvernight')} extra={t('policies.notOvernightHint')} valuePropName="checked">
        <Switch onChange={() => void form.validateFields(['resolutionMinutes']).catch(() => undefined)} />
      </Form.Item>
      <Form.Item name="businessHours" label={t('policies.businessHours')} extra={t('policies.businessHoursHint')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="excludePaused" label={t('policies.excludePaused')} extra={t('policies.excludePausedHint')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item
        name="warnBeforeMinutes"
        label={t('policies.warnBeforeMinutes')}
        extra={t('policies.warnHint')}
        dependencies={['resolutionMinutes']}
        rules={[
          { required: true, message: t('validation.required', { field: t('policies.warnBeforeMinutes') }) },
          ({ getFieldValue }) => ({
            validator: (_, v: unknown) => {
              if (v === null || v === undefined) return Promise.resolve();
              if (!Number.isInteger(v) || (v as number) < 0) return Promise.reject(new Error(t('validation.warnRange')));
              const resolution = num(getFieldValue('resolutionMinutes'));
              return resolution !== null && (v as number) >= resolution
                ? Promise.reject(new Error(t('validation.warnBeforeResolution')))
                : Promise.resolve();
            },
          }),
        ]}
      >
        <InputNumber min={0} max={MAX_MINUTES} precision={0} style={{ width: '100%' }} suffix={t('policies.minuteUnit')} />
      </Form.Item>
    </>
  );
}

/** 时限规则: the list with filters and export, create / edit in a drawer, deactivate. */
export default function SlaPoliciesPage() {
  const { t } = useTranslation('sla');
  const can = useCan();
  const categories = useDictionary('repair_category');
  const urgencies = useDictionary('urgency');
  const [drawer, setDrawer] = useState<{ record: SlaPolicy | null } | null>(null);
  const everywhere = can.everywhere('workorders:manage');
  const mayChange = (p: SlaPolicy) => (p.siteId ? can('workorders:manage', p.siteId) : everywhere);
  const any = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;
  const limit = (m: number | null) => (m === null ? any(t('policies.notSet')) : duration(t, m));

  const columns: QueryColumn<SlaPolicy>[] = [
    { title: t('policies.name'), dataIndex: 'name', sorter: true },
    {
      title: t('policies.scope'),
      key: 'scope',
      render: (_, r) => (
        <Space size={4} wrap>
          {r.siteName ? <Tag color="blue">{r.siteName}</Tag> : <Tag>{t('policies.allSites')}</Tag>}
          {r.category ? <Tag color="purple">{categories.label(r.category)}</Tag> : null}
          {r.urgency ? <Tag color="orange">{urgencies.label(r.urgency)}</Tag> : null}
        </Space>
      ),
    },
    { title: t('policies.responseMinutes'), dataIndex: 'responseMinutes', render: limit },
    { title: t('policies.arrivalMinutes'), dataIndex: 'arrivalMinutes', render: limit },
    {
      title: t('policies.resolutionMinutes'),
      key: 'resolution',
      render: (_, r) => (
        <Space size={4} wrap>
          {r.resolutionMinutes === null && r.notOvernight ? null : limit(r.resolutionMinutes)}
          {r.notOvernight ? <Tag color="red">{t('policies.notOvernight')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('policies.rules'),
      key: 'rules',
      render: (_, r) => (
        <Space size={4} wrap>
          {r.businessHours ? <Tag>{t('policies.businessHours')}</Tag> : null}
          {r.excludePaused ? <Tag>{t('policies.excludePaused')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('policies.warnBeforeMinutes'), dataIndex: 'warnBeforeMinutes', render: (v: number) => t('policies.minutes', { count: v }) },
    { title: t('common:status.label'), dataIndex: 'active', render: (v: boolean) => <StatusTag active={v} /> },
    {
      title: t('common:table.actions'),
      key: 'actions',
      render: (_, r) =>
        mayChange(r) ? (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setDrawer({ record: r })}>
              {t('common:actions.edit')}
            </Button>
            <ActiveToggle resource="/sla-policies" record={r} name={r.name} />
          </Space>
        ) : null,
    },
  ];

  return (
    <PageContainer title={t('policies.title')} subtitle={t('policies.subtitle')}>
      <Alert type="info" showIcon message={t('policies.precedence')} style={{ marginBottom: 16 }} />
      <QueryTable<SlaPolicy>
        resource="/sla-policies"
        defaultSort="name"
        onCreate={can('workorders:manage') ? () => setDrawer({ record: null }) : undefined}
        createLabel={t('policies.create')}
        filters={
          <>
            <Form.Item name="siteId">
              <SiteSelect allowClear placeholder={t('policies.site')} style={{ minWidth: 160 }} />
            </Form.Item>
            <Form.Item name="category">
              <Select allowClear placeholder={t('policies.category')} options={categories.options} style={{ minWidth: 140 }} />
            </Form.Item>
            <Form.Item name="urgency">
              <Select allowClear placeholder={t('policies.urgency')} options={urgencies.options} style={{ minWidth: 120 }} />
            </Form.Item>
            <Form.Item name="active">
              <Select
                allowClear
                placeholder={t('common:status.label')}
                style={{ minWidth: 100 }}
                options={[
                  { value: '1', label: t('common:status.active') },
                  { value: '0', label: t('common:status.inactive') },
                ]}
              />
            </Form.Item>
          </>
        }
        initialFilters={{ active: '1' }}
        columns={columns}
      />
      <FormDrawer<Values, SlaPolicy, SlaPolicy>
        open={drawer !== null}
        onClose={() => setDrawer(null)}
        title={drawer?.record ? t('policies.edit', { name: drawer.record.name }) : t('policies.create')}
        resource="/sla-policies"
        record={drawer?.record ?? null}
        initialValues={DEFAULTS}
        toValues={(r) => ({ ...r })}
        toBody={(v) => ({
          name: v.name.trim(),
          siteId: v.siteId ?? null,
          category: v.category ?? null,
          urgency: v.urgency ?? null,
          responseMinutes: v.responseMinutes ?? null,
          arrivalMinutes: v.arrivalMinutes ?? null,
          resolutionMinutes: v.resolutionMinutes ?? null,
          notOvernight: v.notOvernight,
          businessHours: v.businessHours,
          excludePaused: v.excludePaused,
          warnBeforeMinutes: v.warnBeforeMinutes,
        })}
      >
        {(form) => <PolicyFields form={form} siteRequired={!everywhere} />}
      </FormDrawer>
    </PageContainer>
  );
}
