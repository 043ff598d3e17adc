import { Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, type RefObject, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth';
import { FormDrawer, RemoteSelect, UserSelect } from '../../components';
import { AttributeFields } from './AttributeFields';
import { type AttributeFormValue, attributesToBody } from './attributeValues';
import { fenToYuan, yuanToFen } from './format';
import {
  useCategoryAttributes,
  useCategoryTree,
  useCriticalityOptions,
  useFireRules,
  useLocalName,
  useLocationTree,
  useStatusOptions,
} from './options';
import { isFireCategory, toTreeOptions } from './tree';
import type { Asset, AssetStatus, AttributeDef, Criticality } from './types';

interface Values {
  siteId: string;
  code?: string;
  name: string;
  categoryId: string;
  locationId?: string | null;
  parentId?: string | null;
  brand?: string;
  model?: string;
  serialNo?: string;
  supplier?: string;
  purchaseDate?: Dayjs | null;
  /** yuan in the form, fen in the body */
  purchaseCost?: number | null;
  warrantyEnd?: Dayjs | null;
  custodianId?: string | null;
  departmentId?: string | null;
  status: AssetStatus;
  criticality: Criticality;
  attributes?: Record<string, AttributeFormValue>;
  fireRuleId?: string | null;
  productionDate?: Dayjs | null;
  notes?: string;
}

const day = (v: string | null | undefined) => (v ? dayjs(v) : null);
const text = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);
const date = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);

/** The stored values whose definitions are no longer active (not shown on the form). */
function inactiveValues(values: Asset['attributes'], activeDefs: AttributeDef[]): Asset['attributes'] {
  const active = new Set(activeDefs.map((d) => d.key));
  return Object.fromEntries(Object.entries(values).filter(([k]) => !active.has(k)));
}

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

/** Create or edit an asset: fixed fields, the category's attributes, and the fire section for 消防 categories. */
export function AssetDrawer(props: {
  open: boolean;
  onClose: () => void;
  record: Asset | null;
  defaultSiteId?: string | null;
  onSaved?: (a: Asset) => void;
}) {
  const { t } = useTranslation('equipment');
  const me = useMe();
  const can = useCan();
  const { record } = props;
  const categories = useCategoryTree();
  const tree = categories.data ?? [];
  const manageableSites = me.sites.filter((s) => can('assets:manage', s.id)).map((s) => s.id);
  // the definitions the form shows, so the body carries exactly those attributes
  const defsRef = useRef<AttributeDef[]>([]);
  const firstSite = props.defaultSiteId && manageableSites.includes(props.defaultSiteId) ? props.defaultSiteId : manageableSites[0];

  return (
    <FormDrawer<Values, Asset, Asset>
      open={props.open}
      onClose={props.onClose}
      width={640}
      title={record ? t('assetForm.edit', { name: record.name }) : t('assetForm.create')}
      resource="/assets"
      record={record}
      invalidate={['/my/assets', '/fire-equipment']}
      initialValues={{ siteId: firstSite, status: 'in_use', criticality: 'medium' }}
      toValues={(r) => ({
        ...r,
        code: r.code,
        brand: r.brand ?? undefined,
        model: r.model ?? undefined,
        serialNo: r.serialNo ?? undefined,
        supplier: r.supplier ?? undefined,
        notes: r.notes ?? undefined,
        purchaseDate: day(r.purchaseDate),
        warrantyEnd: day(r.warrantyEnd),
        productionDate: day(r.productionDate),
        purchaseCost: fenToYuan(r.purchaseCost),
        // date attributes become dayjs once their definitions are known (AttributeFields)
        attributes: r.attributes as Record<string, AttributeFormValue>,
      })}
      toBody={(v) => ({
        siteId: v.siteId,
        ...(text(v.code) || record ? { code: text(v.code) ?? undefined } : {}),
        name: v.name.trim(),
        categoryId: v.categoryId,
        locationId: v.locationId ?? null,
        parentId: v.parentId ?? null,
        brand: text(v.brand),
        model: text(v.model),
        serialNo: text(v.serialNo),
        supplier: text(v.supplier),
        purchaseDate: date(v.purchaseDate),
        purchaseCost: yuanToFen(v.purchaseCost),
        warrantyEnd: date(v.warrantyEnd),
        custodianId: v.custodianId ?? null,
        departmentId: v.departmentId ?? null,
        status: v.status,
        criticality: v.criticality,
        attributes: {
          // values of deactivated definitions are not on the form but stay stored (same category only)
          ...(record && v.categoryId === record.categoryId ? inactiveValues(record.attributes, defsRef.current) : {}),
          ...attributesToBody(defsRef.current, v.attributes),
        },
        fireRuleId: isFireCategory(tree, v.categoryId) ? (v.fireRuleId ?? null) : null,
        productionDate: isFireCategory(tree, v.categoryId) ? date(v.productionDate) : null,
        notes: text(v.notes),
      })}
      onSaved={(a) => props.onSaved?.(a)}
    >
      {(form) => <AssetFields form={form} record={record} manageableSites={manageableSites} defsRef={defsRef} />}
    </FormDrawer>
  );
}

function AssetFields({
  form,
  record,
  manageableSites,
  defsRef,
}: {
  form: ReturnType<typeof Form.useForm<Values>>[0];
  record: Asset | null;
  manageableSites: string[];
  defsRef: RefObject<AttributeDef[]>;
}) {
  const { t } = useTranslation('equipment');
  const me = useMe();
  const localName = useLocalName();
  const statusOptions = useStatusOptions();
  const criticalityOptions = useCriticalityOptions();
  const categories = useCategoryTree();
  const fireRules = useFireRules();
  const siteId = Form.useWatch('siteId', form);
  const categoryId = Form.useWatch('categoryId', form);
  const locations = useLocationTree(siteId);
  const defs = useCategoryAttributes(categoryId, true);
  const fire = isFireCategory(categories.data ?? [], categoryId);
  const required = (field: string) => ({ required: true, message: t('validation.required', { field }) });
  const chosen = (field: string) => ({ required: true, message: t('validation.select', { field }) });
  const max = (n: number) => ({ max: n, message: t('validation.max', { max: n }) });

  defsRef.current = (defs.data ?? []).filter((d) => d.active);

  return (
    <>
      <Form.Item name="siteId" label={t('asset.site')} rules={[chosen(t('asset.site'))]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={me.sites.filter((s) => manageableSites.includes(s.id)).map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
          onChange={() => form.setFieldsValue({ locationId: null, parentId: null })}
        />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('asset.code')}
        extra={record ? undefined : t('assetForm.codeHint')}
        rules={record ? [required(t('asset.code')), max(40)] : [max(40)]}
      >
        <Input placeholder={record ? undefined : t('assetForm.codePlaceholder')} />
      </Form.Item>
      <Form.Item name="name" label={t('asset.name')} rules={[{ ...required(t('asset.name')), whitespace: true }, max(100)]}>
        <Input />
      </Form.Item>
      <Form.Item name="categoryId" label={t('asset.category')} rules={[chosen(t('asset.category'))]}>
        <TreeSelect
          treeData={toTreeOptions(categories.data ?? [])}
          showSearch={{ treeNodeFilterProp: 'title' }}
          treeDefaultExpandAll
          loading={categories.isPending}
          onChange={() => form.setFieldValue('attributes', {})}
          data-testid="asset-category"
        />
      </Form.Item>
      <Form.Item name="locationId" label={t('asset.location')}>
        <TreeSelect
          allowClear
          treeData={toTreeOptions(locations.data?.nodes ?? [])}
          showSearch={{ treeNodeFilterProp: 'title' }}
          treeDefaultExpandAll
          disabled={!siteId}
          loading={locations.isFetching}
          placeholder={siteId ? undefined : t('assetForm.siteFirst')}
        />
      </Form.Item>
      <Form.Item name="parentId" label={t('asset.parent')} extra={t('assetForm.parentHint')}>
        <RemoteSelect<Asset>
          resource="/assets"
          params={{ siteId }}
          labelOf={(a) => `${a.code} ${a.name}`}
          exclude={record ? [record.id] : []}
          initialOptions={record?.parentId ? [{ value: record.parentId, label: record.parentName ?? record.parentId }] : []}
          disabled={!siteId}
        />
      </Form.Item>
      <Pair>
        <Form.Item name="status" label={t('asset.status')} rules={[chosen(t('asset.status'))]}>
          <Select options={statusOptions} />
        </Form.Item>
        <Form.Item name="criticality" label={t('asset.criticality')} rules={[chosen(t('asset.criticality'))]}>
          <Select options={criticalityOptions} />
        </Form.Item>
      </Pair>
      <Divider titlePlacement="start" plain>
        {t('assetForm.purchase')}
      </Divider>
      <Pair>
        <Form.Item name="brand" label={t('asset.brand')} rules={[max(60)]}>
          <Input />
        </Form.Item>
        <Form.Item name="model" label={t('asset.model')} rules={[max(60)]}>
          <Input />
        </Form.Item>
      </Pair>
      <Pair>
        <Form.Item name="serialNo" label={t('asset.serialNo')} rules={[max(60)]}>
          <Input />
        </Form.Item>
        <Form.Item name="supplier" label={t('asset.supplier')} rules={[max(100)]}>
          <Input />
        </Form.Item>
      </Pair>
      <Pair>
        <Form.Item name="purchaseDate" label={t('asset.purchaseDate')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="purchaseCost" label={t('asset.purchaseCost')} extra={t('assetForm.costHint')}>
          <InputNumber style={{ width: '100%' }} min={0} max={99_999_999.99} precision={2} prefix="¥" />
        </Form.Item>
      </Pair>
      <Form.Item
        name="warrantyEnd"
        label={t('asset.warrantyEnd')}
        dependencies={['purchaseDate']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, v: Dayjs | null) => {
              const bought = getFieldValue('purchaseDate') as Dayjs | null;
              return v && bought && v.isBefore(bought, 'day')
                ? Promise.reject(new Error(t('validation.warrantyBeforePurchase')))
                : Promise.resolve();
            },
          }),
        ]}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Divider titlePlacement="start" plain>
        {t('assetForm.custody')}
      </Divider>
      <Pair>
        <Form.Item name="custodianId" label={t('asset.custodian')}>
          <UserSelect
            initialOptions={record?.custodianId ? [{ value: record.custodianId, label: record.custodianName ?? record.custodianId }] : []}
          />
        </Form.Item>
        <Form.Item name="departmentId" label={t('asset.department')}>
          <RemoteSelect<{ id: string; code: string; name: string }>
            resource="/departments"
            params={{ active: '1' }}
            labelOf={(d) => `${d.name}（${d.code}）`}
            initialOptions={
              record?.departmentId ? [{ value: record.departmentId, label: record.departmentName ?? record.departmentId }] : []
            }
          />
        </Form.Item>
      </Pair>
      <AttributeFields categoryId={categoryId} />
      {fire ? (
        <>
          <Divider titlePlacement="start" plain>
            {t('assetForm.fire')}
          </Divider>
          <Form.Item name="fireRuleId" label={t('asset.fireRule')} extra={t('assetForm.fireRuleHint')}>
            <Select
              allowClear
              loading={fireRules.isPending}
              options={(fireRules.data ?? []).filter((r) => r.active).map((r) => ({ value: r.id, label: localName(r) }))}
            />
          </Form.Item>
          <Form.Item
            name="productionDate"
            label={t('asset.productionDate')}
            dependencies={['fireRuleId']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v: Dayjs | null) =>
                  getFieldValue('fireRuleId') && !v ? Promise.reject(new Error(t('validation.productionDate'))) : Promise.resolve(),
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </>
      ) : null}
      <Form.Item name="notes" label={t('asset.notes')} rules={[max(1000)]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </>
  );
}
