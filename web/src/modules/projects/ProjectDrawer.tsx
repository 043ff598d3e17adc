import { Col, DatePicker, Form, type FormInstance, Input, InputNumber, Row, Select, TreeSelect } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { FormDrawer, UserSelect } from '../../components';
import { fenToYuan, yuanToFen } from './format';
import { toTreeOptions, useLocationTree, useTypeOptions } from './options';
import type { Project, ProjectDetail, ProjectType } from './types';

interface Values {
  siteId: string;
  locationId?: string | null;
  name: string;
  type: ProjectType;
  description?: string;
  /** yuan in the form, fen in the body */
  budget?: number | null;
  contractor?: string;
  contractorContact?: string;
  managerId?: string | null;
  plannedStart?: Dayjs | null;
  plannedEnd?: Dayjs | null;
  actualStart?: Dayjs | null;
  actualEnd?: Dayjs | null;
  actualCost?: number | null;
  progress?: number;
}

const day = (v: string | null | undefined) => (v ? dayjs(v) : null);
const date = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);
const text = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

/** Two fields side by side on wider screens, stacked on a phone. */
function Pair({ children }: { children: [ReactNode, ReactNode] }) {
  return (
    <Row gutter={12}>
      <Col xs={24} sm={12}>
        {children[0]}
      </Col>
      <Col xs={24} sm={12}>
        {children[1]}
      </Col>
    </Row>
  );
}

/** New project, or edit one that is still open; actual dates, cost and progress once work has begun. */
export function ProjectDrawer(props: { open: boolean; onClose: () => void; record: ProjectDetail | null; onSaved?: (p: Project) => void }) {
  const { t } = useTranslation('projects');
  const me = useMe();
  const can = useCan();
  const selected = useSelectedSite();
  const { record } = props;
  const sites = me.sites.filter((s) => can('projects:manage', s.id));
  const firstSite = sites.find((s) => s.id === selected)?.id ?? sites[0]?.id;
  const started = record !== null && record.status !== 'planned';

  return (
    <FormDrawer<Values, Project, ProjectDetail>
      open={props.open}
      onClose={props.onClose}
      width={640}
      title={record ? t('form.edit', { number: record.number }) : t('form.create')}
      resource="/projects"
      record={record}
      initialValues={{ siteId: firstSite, type: 'renovation' }}
      toValues={(r) => ({
        siteId: r.siteId,
        locationId: r.locationId,
        name: r.name,
        type: r.type,
        description: r.description ?? undefined,
        budget: fenToYuan(r.budget),
        contractor: r.contractor ?? undefined,
        contractorContact: r.contractorContact ?? undefined,
        managerId: r.managerId,
        plannedStart: day(r.plannedStart),
        plannedEnd: day(r.plannedEnd),
        actualStart: day(r.actualStart),
        actualEnd: day(r.actualEnd),
        actualCost: fenToYuan(r.actualCost),
        progress: r.progress,
      })}
      toBody={(v) => ({
        siteId: v.siteId,
        locationId: v.locationId ?? null,
        name: v.name.trim(),
        type: v.type,
        description: text(v.description),
        budget: yuanToFen(v.budget) ?? 0,
        contractor: text(v.contractor),
        contractorContact: text(v.contractorContact),
        managerId: v.managerId ?? null,
        plannedStart: date(v.plannedStart),
        plannedEnd: date(v.plannedEnd),
        ...(started
          ? {
              actualStart: date(v.actualStart),
              actualEnd: date(v.actualEnd),
              actualCost: yuanToFen(v.actualCost),
              progress: v.progress ?? 0,
            }
          : {}),
      })}
      onSaved={(p) => props.onSaved?.(p)}
    >
      {(form) => <Fields form={form} record={record} sites={sites} started={started} />}
    </FormDrawer>
  );
}

function Fields({
  form,
  record,
  sites,
  started,
}: {
  form: FormInstance<Values>;
  record: ProjectDetail | null;
  sites: { id: string; code: string; name: string }[];
  started: boolean;
}) {
  const { t } = useTranslation('projects');
  const typeOptions = useTypeOptions();
  const siteId = Form.useWatch('siteId', form);
  const locations = useLocationTree(siteId);
  const required = (field: string): Rule => ({ required: true, whitespace: true, message: t('validation.required', { field }) });
  const chosen = (field: string): Rule => ({ required: true, message: t('validation.select', { field }) });
  const max = (n: number): Rule => ({ max: n, message: t('validation.max', { max: n }) });
  const notBefore = (other: keyof Values, message: string): Rule => ({
    validator: (_r, value: Dayjs | null | undefined) => {
      const first = form.getFieldValue(other) as Dayjs | null | undefined;
      return value && first && value.isBefore(first, 'day') ? Promise.reject(new Error(message)) : Promise.resolve();
    },
  });
  const notFuture = (message: string): Rule => ({
    validator: (_r, value: Dayjs | null | undefined) =>
      value?.isAfter(dayjs(), 'day') ? Promise.reject(new Error(message)) : Promise.resolve(),
  });
  const money = (field: string): Rule => ({ type: 'number', min: 0, message: t('validation.notNegative', { field }) });

  return (
    <>
      <Pair>
        <Form.Item name="siteId" label={t('field.site')} rules={[chosen(t('field.site'))]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
            onChange={() => form.setFieldValue('locationId', null)}
          />
        </Form.Item>
        <Form.Item name="type" label={t('field.type')} rules={[chosen(t('field.type'))]}>
          <Select options={typeOptions} />
        </Form.Item>
      </Pair>
      <Form.Item name="name" label={t('field.name')} rules={[required(t('field.name')), max(200)]}>
        <Input placeholder={t('form.namePlaceholder')} />
      </Form.Item>
      <Form.Item name="locationId" label={t('field.location')} extra={t('form.locationHint')}>
        <TreeSelect
          allowClear
          treeData={toTreeOptions(locations.data?.nodes ?? [])}
          showSearch={{ treeNodeFilterProp: 'title' }}
          loading={locations.isFetching}
          placeholder={t('form.wholeSite')}
        />
      </Form.Item>
      <Pair>
        <Form.Item name="budget" label={t('field.budgetYuan')} rules={[money(t('field.budget'))]}>
          <InputNumber min={0} precision={2} step={1000} style={{ width: '100%' }} prefix="¥" />
        </Form.Item>
        <Form.Item name="managerId" label={t('field.manager')}>
          <UserSelect
            allowClear
            initialOptions={record?.managerId && record.managerName ? [{ value: record.managerId, label: record.managerName }] : undefined}
          />
        </Form.Item>
      </Pair>
      <Pair>
        <Form.Item name="contractor" label={t('field.contractor')} rules={[max(100)]}>
          <Input />
        </Form.Item>
        <Form.Item name="contractorContact" label={t('field.contractorContact')} rules={[max(100)]}>
          <Input placeholder={t('form.contactPlaceholder')} />
        </Form.Item>
      </Pair>
      <Pair>
        <Form.Item name="plannedStart" label={t('field.plannedStart')}>
          <DatePicker style={{ width: '100%' }} onChange={() => void form.validateFields(['plannedEnd']).catch(() => undefined)} />
        </Form.Item>
        <Form.Item
          name="plannedEnd"
          label={t('field.plannedEnd')}
          dependencies={['plannedStart']}
          rules={[notBefore('plannedStart', t('validation.plannedOrder'))]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Pair>
      {started ? (
        <>
          <Pair>
            <Form.Item
              name="actualStart"
              label={t('field.actualStart')}
              rules={[chosen(t('field.actualStart')), notFuture(t('validation.actualStartFuture'))]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="actualEnd"
              label={t('field.actualEnd')}
              dependencies={['actualStart']}
              rules={[notBefore('actualStart', t('validation.actualOrder'))]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Pair>
          <Pair>
            <Form.Item name="actualCost" label={t('field.actualCostYuan')} rules={[money(t('field.actualCost'))]}>
              <InputNumber min={0} precision={2} step={1000} style={{ width: '100%' }} prefix="¥" />
            </Form.Item>
            <Form.Item
              name="progress"
              label={t('field.progressPercent')}
              rules={[{ type: 'number', min: 0, max: 100, message: t('validation.progress') }]}
            >
              <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} suffix="%" />
            </Form.Item>
          </Pair>
        </>
      ) : null}
      <Form.Item name="description" label={t('field.description')} rules={[max(2000)]}>
        <Input.TextArea rows={4} placeholder={t('form.descriptionPlaceholder')} />
      </Form.Item>
    </>
  );
}
