import { Col, Divider, Form, type FormInstance, Input, InputNumber, Radio, Row, Select, TreeSelect } from 'antd';
import type { Rule } from 'antd/es/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { FormDrawer, RemoteSelect, UserSelect, useDictionary } from '../../components';
import { defaultRecurrence, ErrorSlot, RecurrenceEditor, SLOT_RULES } from '../../components/RecurrenceEditor';
import { normaliseRecurrence } from '../../components/recurrenceText';
import { useCategoryTree, useLocationTree } from '../equipment/options';
import { toTreeOptions } from '../equipment/tree';
import { hoursToMinutes, minutesToHours } from './format';
import { TeamSelect, TemplateSelect, useSystemOptions, useTriggerOptions } from './options';
import { PLANS, type Plan, type PlanInput, type PlanSystem, type PlanTarget, type PlanTrigger, type Recurrence } from './types';

interface Values {
  siteId: string;
  name: string;
  description?: string;
  system: PlanSystem;
  target: PlanTarget;
  assetId?: string | null;
  categoryId?: string | null;
  locationIds?: string[];
  checklistTemplateId?: string | null;
  teamId?: string | null;
  assigneeId?: string | null;
  workCategory?: string;
  /** hours in the form, minutes in the body */
  estimatedHours?: number | null;
  leadDays?: number | null;
  trigger: PlanTrigger;
  recurrence?: Recurrence | null;
  meterName?: string;
  meterUnit?: string;
  meterInterval?: number | null;
  meterBaseline?: number | null;
}

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

/** New maintenance plan, or edit one (PUT with version; the engine changes future occurrences only). */
export function PlanDrawer(props: { open: boolean; onClose: () => void; record: Plan | null; onSaved?: (p: Plan) => void }) {
  const { t } = useTranslation('maintenance');
  const me = useMe();
  const can = useCan();
  const selected = useSelectedSite();
  const { record } = props;
  const sites = me.sites.filter((s) => can('maintenance:manage', s.id));
  const firstSite = sites.find((s) => s.id === selected)?.id ?? sites[0]?.id;

  return (
    <FormDrawer<Values, Plan, Plan>
      open={props.open}
      onClose={props.onClose}
      width={720}
      title={record ? t('form.edit', { name: record.name }) : t('form.create')}
      resource={PLANS}
      record={record}
      initialValues={{
        siteId: firstSite,
        system: 'general',
        target: 'asset',
        trigger: 'time',
        leadDays: 0,
        estimatedHours: 1,
        locationIds: [],
        recurrence: defaultRecurrence(),
      }}
      toValues={(r) => ({
        siteId: r.siteId,
        name: r.name,
        description: r.description ?? undefined,
        system: r.system,
        target: r.target,
        assetId: r.assetId,
        categoryId: r.categoryId,
        locationIds: r.locationIds,
        checklistTemplateId: r.checklistTemplateId,
        teamId: r.teamId,
        assigneeId: r.assigneeId,
        workCategory: r.workCategory,
        estimatedHours: minutesToHours(r.estimatedMinutes),
        leadDays: r.leadDays,
        trigger: r.trigger,
        recurrence: r.recurrence ?? defaultRecurrence(),
        meterName: r.meterName ?? undefined,
        meterUnit: r.meterUnit ?? undefined,
        meterInterval: r.meterInterval,
        meterBaseline: r.meterBaseline,
      })}
      toBody={(v): PlanInput => {
        const meter = v.trigger === 'meter';
        const byAsset = v.target === 'asset';
        return {
          siteId: v.siteId,
          name: v.name.trim(),
          description: text(v.description),
          system: v.system,
          target: v.target,
          assetId: byAsset ? (v.assetId ?? null) : null,
          categoryId: byAsset ? null : (v.categoryId ?? null),
          locationIds: byAsset ? [] : (v.locationIds ?? []),
          checklistTemplateId: v.checklistTemplateId ?? null,
          teamId: v.teamId ?? null,
          assigneeId: v.assigneeId ?? null,
          workCategory: v.workCategory ?? '',
          estimatedMinutes: hoursToMinutes(v.estimatedHours),
          leadDays: v.leadDays ?? 0,
          trigger: v.trigger,
          recurrence: !meter && v.recurrence ? normaliseRecurrence(v.recurrence) : null,
          meterName: meter ? text(v.meterName) : null,
          meterUnit: meter ? text(v.meterUnit) : null,
          meterInterval: meter ? (v.meterInterval ?? null) : null,
          meterBaseline: meter ? (v.meterBaseline ?? null) : null,
        };
      }}
      editMethod="put"
      onSaved={(p) => props.onSaved?.(p)}
    >
      {(form) => <Fields form={form} record={record} sites={sites} />}
    </FormDrawer>
  );
}

function Fields({
  form,
  record,
  sites,
}: {
  form: FormInstance<Values>;
  record: Plan | null;
  sites: { id: string; code: string; name: string }[];
}) {
  const { t } = useTranslation('maintenance');
  const can = useCan();
  const systemOptions = useSystemOptions();
  const triggerOptions = useTriggerOptions();
  const workCategories = useDictionary('repair_category');
  const siteId = Form.useWatch('siteId', form);
  const target = Form.useWatch('target', form) ?? 'asset';
  const trigger = Form.useWatch('trigger', form) ?? 'time';
  const categories = useCategoryTree();
  const locations = useLocationTree(target === 'category' ? siteId : null);
  const required = (field: string): Rule => ({ required: true, whitespace: true, message: t('validation.required', { field }) });
  const chosen = (field: string): Rule => ({ required: true, message: t('validation.select', { field }) });
  const max = (n: number): Rule => ({ max: n, message: t('validation.max', { max: n }) });
  const range = (field: string, min: number, most: number): Rule => ({
    type: 'number',
    min,
    max: most,
    message: t('validation.range', { field, min, max: most }),
  });

  return (
    <>
      <Pair>
        <Form.Item name="siteId" label={t('field.site')} rules={[chosen(t('field.site'))]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
            onChange={() => form.setFieldsValue({ assetId: null, locationIds: [], teamId: null, assigneeId: null })}
            data-testid="plan-site"
          />
        </Form.Item>
        <Form.Item name="system" label={t('field.system')} rules={[chosen(t('field.system'))]} extra={t('form.systemHint')}>
          <Select options={systemOptions} data-testid="plan-system" />
        </Form.Item>
      </Pair>
      <Form.Item name="name" label={t('field.name')} rules={[required(t('field.name')), max(200)]}>
        <Input placeholder={t('form.namePlaceholder')} data-testid="plan-name" />
      </Form.Item>

      <Form.Item
        name="target"
        label={t('field.target')}
        rules={[chosen(t('field.target'))]}
        extra={trigger === 'meter' ? t('form.meterAssetOnly') : undefined}
      >
        <Radio.Group
          optionType="button"
          options={[
            { value: 'asset', label: t('target.asset') },
            // a meter belongs to one asset: meter plans cover one asset
            { value: 'category', label: t('target.category'), disabled: trigger === 'meter' },
          ]}
          data-testid="plan-target"
        />
      </Form.Item>
      {target === 'asset' ? (
        <Form.Item name="assetId" label={t('field.asset')} rules={[chosen(t('field.asset'))]}>
          <RemoteSelect<{ id: string; code: string; name: string }>
            resource="/assets"
            params={{ siteId }}
            labelOf={(a) => `${a.code} ${a.name}`}
            initialOptions={
              record?.assetId ? [{ value: record.assetId, label: `${record.assetCode ?? ''} ${record.assetName ?? ''}`.trim() }] : undefined
            }
            placeholder={t('form.assetPlaceholder')}
            disabled={!siteId || !can('assets:read', siteId)}
            popupMatchSelectWidth={false}
            data-testid="plan-asset"
          />
        </Form.Item>
      ) : (
        <Pair>
          <Form.Item name="categoryId" label={t('field.category')} rules={[chosen(t('field.category'))]}>
            <TreeSelect
              treeData={toTreeOptions(categories.data ?? [])}
              showSearch={{ treeNodeFilterProp: 'title' }}
              loading={categories.isFetching}
              popupMatchSelectWidth={false}
              placeholder={t('form.categoryPlaceholder')}
              data-testid="plan-category"
            />
          </Form.Item>
          <Form.Item name="locationIds" label={t('field.locations')} extra={t('form.locationsHint')}>
            <TreeSelect
              multiple
              allowClear
              treeData={toTreeOptions(locations.data?.nodes ?? [])}
              showSearch={{ treeNodeFilterProp: 'title' }}
              loading={locations.isFetching}
              disabled={!siteId}
              popupMatchSelectWidth={false}
              maxTagCount="responsive"
              placeholder={t('form.wholeSite')}
              data-testid="plan-locations"
            />
          </Form.Item>
        </Pair>
      )}

      <Pair>
        <Form.Item name="checklistTemplateId" label={t('field.checklist')} extra={t('form.checklistHint')}>
          <TemplateSelect
            current={record?.checklistTemplateId ? { id: record.checklistTemplateId, name: record.checklistTemplateName ?? '' } : null}
            placeholder={t('form.noChecklist')}
            data-testid="plan-checklist"
          />
        </Form.Item>
        <Form.Item name="workCategory" label={t('field.workCategory')} rules={[chosen(t('field.workCategory'))]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={workCategories.options}
            loading={workCategories.loading}
            data-testid="plan-work-category"
          />
        </Form.Item>
      </Pair>
      <Pair>
        <Form.Item name="teamId" label={t('field.team')}>
          <TeamSelect
            siteId={siteId}
            current={record?.teamId ? { id: record.teamId, name: record.teamName ?? '' } : null}
            placeholder={t('form.teamPlaceholder')}
            data-testid="plan-team"
          />
        </Form.Item>
        <Form.Item name="assigneeId" label={t('field.assignee')} extra={t('form.assigneeHint')}>
          <UserSelect
            allowClear
            params={{ siteId }}
            initialOptions={
              record?.assigneeId && record.assigneeName ? [{ value: record.assigneeId, label: record.assigneeName }] : undefined
            }
            data-testid="plan-assignee"
          />
        </Form.Item>
      </Pair>
      <Pair>
        <Form.Item label={t('field.estimatedHours')} required>
          <Form.Item
            name="estimatedHours"
            noStyle
            rules={[chosen(t('field.estimatedHours')), { type: 'number', min: 0.02, max: 1666, message: t('validation.hours') }]}
          >
            <InputNumber min={0} max={1666} step={0.5} style={{ width: '100%' }} suffix={t('unit.hours')} data-testid="plan-hours" />
          </Form.Item>
          <Form.Item name="estimatedMinutes" noStyle rules={SLOT_RULES}>
            <ErrorSlot />
          </Form.Item>
        </Form.Item>
        <Form.Item
          name="leadDays"
          label={t('field.leadDays')}
          extra={t('form.leadDaysHint')}
          rules={[chosen(t('field.leadDays')), range(t('field.leadDays'), 0, 365)]}
        >
          <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} suffix={t('unit.days')} data-testid="plan-lead-days" />
        </Form.Item>
      </Pair>

      <Divider titlePlacement="start" plain>
        {t('form.schedule')}
      </Divider>
      <Form.Item name="trigger" label={t('field.trigger')} rules={[chosen(t('field.trigger'))]}>
        <Radio.Group
          optionType="button"
          options={triggerOptions}
          onChange={(e) => (e.target.value === 'meter' ? form.setFieldValue('target', 'asset') : undefined)}
          data-testid="plan-trigger"
        />
      </Form.Item>
      {trigger === 'time' ? (
        <Form.Item name="recurrence" rules={[chosen(t('field.recurrence'))]}>
          <RecurrenceEditor name="recurrence" />
        </Form.Item>
      ) : (
        <>
          <Pair>
            <Form.Item name="meterName" label={t('field.meterName')} rules={[required(t('field.meterName')), max(50)]}>
              <Input placeholder={t('form.meterNamePlaceholder')} data-testid="plan-meter-name" />
            </Form.Item>
            <Form.Item name="meterUnit" label={t('field.meterUnit')} rules={[max(20)]}>
              <Input placeholder={t('form.meterUnitPlaceholder')} data-testid="plan-meter-unit" />
            </Form.Item>
          </Pair>
          <Pair>
            <Form.Item
              name="meterInterval"
              label={t('field.meterInterval')}
              extra={t('form.meterIntervalHint')}
              rules={[chosen(t('field.meterInterval')), { type: 'number', min: 0.001, message: t('validation.positive') }]}
            >
              <InputNumber min={0} style={{ width: '100%' }} data-testid="plan-meter-interval" />
            </Form.Item>
            <Form.Item
              name="meterBaseline"
              label={t('field.meterBaseline')}
              extra={t('form.meterBaselineHint')}
              rules={[{ type: 'number', min: 0, message: t('validation.notNegative', { field: t('field.meterBaseline') }) }]}
            >
              <InputNumber min={0} style={{ width: '100%' }} data-testid="plan-meter-baseline" />
            </Form.Item>
          </Pair>
        </>
      )}
      <Form.Item name="description" label={t('field.description')} rules={[max(2000)]}>
        <Input.TextArea rows={3} placeholder={t('form.descriptionPlaceholder')} />
      </Form.Item>
    </>
  );
}
