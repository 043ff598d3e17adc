import {
  AutoComplete,
  Col,
  Divider,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Switch,
  TreeSelect,
  Typography,
} from 'antd';
import type { Rule } from 'antd/es/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { FormDrawer, RemoteSelect } from '../../components';
import { defaultRecurrence, RecurrenceEditor } from '../../components/RecurrenceEditor';
import { normaliseRecurrence } from '../../components/recurrenceText';
import { useLocationTree } from '../equipment/options';
import { toTreeOptions } from '../equipment/tree';
import { bandText } from './band';
import { RouteSelect, useKindOptions, useMeterKindOptions } from './options';
import { type MeterKind, POINTS, type ReadingPoint, type ReadingPointInput, type ReadingPointKind, type Recurrence } from './types';

type BandMode = 'tolerance' | 'range' | 'none';

interface Values {
  siteId: string;
  code: string;
  name: string;
  targetType: 'location' | 'asset';
  targetId?: string | null;
  kind: ReadingPointKind;
  quantity: string;
  unit: string;
  meterKind?: MeterKind | null;
  bandMode: BandMode;
  target?: number | null;
  tolerance?: number | null;
  min?: number | null;
  max?: number | null;
  scheduled: boolean;
  recurrence?: Recurrence | null;
  windowMinutes: number;
  recheckMinutes: number;
  patrolPlanId?: string | null;
}

/** What a meter of each kind usually measures, filled in when quantity and unit are still empty. */
const METER_DEFAULTS: Record<MeterKind, { quantity: string; unit: string }> = {
  electricity: { quantity: 'meterQuantity.electricity', unit: 'kWh' },
  water: { quantity: 'meterQuantity.water', unit: 'm³' },
  gas: { quantity: 'meterQuantity.gas', unit: 'm³' },
  heat: { quantity: 'meterQuantity.heat', unit: 'GJ' },
  other: { quantity: 'meterQuantity.other', unit: '' },
};
const UNITS = ['°C', '%', 'kPa', 'MPa', 'kWh', 'm³', 'GJ', 'ppm', 'lx', 'dB'];

function bandModeOf(p: Pick<ReadingPoint, 'target' | 'tolerance' | 'min' | 'max'>): BandMode {
  if (p.target !== null && p.tolerance !== null) return 'tolerance';
  if (p.min !== null || p.max !== null) return 'range';
  return 'none';
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

/** A reading at 09:00 and 15:00 every day (卖场温度), the usual rule for a new point. */
const twiceDaily = (): Recurrence => ({ ...defaultRecurrence(), times: ['09:00', '15:00'] });

/** New reading point, or edit one (PUT with version; the schedule changes future due times only). */
export function PointDrawer(props: {
  open: boolean;
  onClose: () => void;
  record: ReadingPoint | null;
  onSaved?: (p: ReadingPoint) => void;
}) {
  const { t } = useTranslation('readings');
  const me = useMe();
  const can = useCan();
  const selected = useSelectedSite();
  const { record } = props;
  const sites = me.sites.filter((s) => can('readings:manage', s.id));
  const firstSite = sites.find((s) => s.id === selected)?.id ?? sites[0]?.id;

  return (
    <FormDrawer<Values, ReadingPoint, ReadingPoint>
      open={props.open}
      onClose={props.onClose}
      width={720}
      title={record ? t('point.edit', { name: record.name }) : t('point.create')}
      resource={POINTS}
      record={record}
      initialValues={{
        siteId: firstSite,
        targetType: 'location',
        kind: 'instant',
        bandMode: 'tolerance',
        scheduled: true,
        recurrence: twiceDaily(),
        windowMinutes: 60,
        recheckMinutes: 60,
      }}
      toValues={(r) => ({
        siteId: r.siteId,
        code: r.code,
        name: r.name,
        targetType: r.targetType,
        targetId: r.targetId,
        kind: r.kind,
        quantity: r.quantity,
        unit: r.unit,
        meterKind: r.meterKind,
        bandMode: bandModeOf(r),
        target: r.target,
        tolerance: r.tolerance,
        min: r.min,
        max: r.max,
        scheduled: r.recurrence !== null,
        recurrence: r.recurrence ?? twiceDaily(),
        windowMinutes: r.windowMinutes,
        recheckMinutes: r.recheckMinutes,
        patrolPlanId: r.patrolPlanId,
      })}
      toBody={(v): ReadingPointInput => {
        const meter = v.kind === 'cumulative';
        const mode: BandMode = meter ? 'none' : v.bandMode;
        const num = (n: number | null | undefined) => (typeof n === 'number' ? n : null);
        return {
          siteId: v.siteId,
          code: v.code.trim(),
          name: v.name.trim(),
          targetType: v.targetType,
          targetId: v.targetId ?? '',
          kind: v.kind,
          quantity: v.quantity.trim(),
          unit: (v.unit ?? '').trim(),
          meterKind: meter ? (v.meterKind ?? null) : null,
          target: mode === 'tolerance' ? num(v.target) : null,
          tolerance: mode === 'tolerance' ? num(v.tolerance) : null,
          min: mode === 'range' ? num(v.min) : null,
          max: mode === 'range' ? num(v.max) : null,
          recurrence: v.scheduled && v.recurrence ? normaliseRecurrence(v.recurrence) : null,
          windowMinutes: v.windowMinutes,
          recheckMinutes: v.recheckMinutes,
          // someone who may not see routes keeps the point's route (the field is not shown to them)
          patrolPlanId: 'patrolPlanId' in v ? (v.patrolPlanId ?? null) : (record?.patrolPlanId ?? null),
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
  record: ReadingPoint | null;
  sites: { id: string; code: string; name: string }[];
}) {
  const { t } = useTranslation('readings');
  const can = useCan();
  const kindOptions = useKindOptions();
  const meterKindOptions = useMeterKindOptions();
  const siteId = Form.useWatch('siteId', form);
  const targetType = Form.useWatch('targetType', form) ?? 'location';
  const kind = Form.useWatch('kind', form) ?? 'instant';
  const bandMode: BandMode = Form.useWatch('bandMode', form) ?? 'tolerance';
  const scheduled = Form.useWatch('scheduled', form) ?? false;
  const unit = Form.useWatch('unit', form) ?? '';
  const bandValues = {
    target: Form.useWatch('target', form) ?? null,
    tolerance: Form.useWatch('tolerance', form) ?? null,
    min: Form.useWatch('min', form) ?? null,
    max: Form.useWatch('max', form) ?? null,
  };
  const locations = useLocationTree(targetType === 'location' ? siteId : null);
  const meter = kind === 'cumulative';
  const required = (field: string): Rule => ({ required: true, whitespace: true, message: t('validation.required', { field }) });
  const chosen = (field: string): Rule => ({ required: true, message: t('validation.select', { field }) });
  const max = (n: number): Rule => ({ max: n, message: t('validation.max', { max: n }) });
  const minutes = (field: string): Rule[] => [
    chosen(field),
    { type: 'number', min: 1, max: 10080, message: t('validation.range', { field, min: 1, max: 10080 }) },
  ];
  const preview =
    bandMode === 'tolerance'
      ? bandText({ ...bandValues, min: null, max: null }, unit)
      : bandMode === 'range'
        ? bandText({ ...bandValues, target: null, tolerance: null }, unit)
        : null;

  return (
    <>
      <Pair>
        <Form.Item name="siteId" label={t('field.site')} rules={[chosen(t('field.site'))]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
            onChange={() => form.setFieldsValue({ targetId: null, patrolPlanId: null })}
            data-testid="point-site"
          />
        </Form.Item>
        <Form.Item name="code" label={t('field.code')} rules={[required(t('field.code')), max(50)]} extra={t('point.codeHint')}>
          <Input placeholder={t('point.codePlaceholder')} data-testid="point-code" />
        </Form.Item>
      </Pair>
      <Form.Item name="name" label={t('field.name')} rules={[required(t('field.name')), max(100)]}>
        <Input placeholder={t('point.namePlaceholder')} data-testid="point-name" />
      </Form.Item>

      <Form.Item name="targetType" label={t('field.targetType')} rules={[chosen(t('field.targetType'))]}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'location', label: t('targetType.location') },
            { value: 'asset', label: t('targetType.asset') },
          ]}
          onChange={() => form.setFieldValue('targetId', null)}
          data-testid="point-target-type"
        />
      </Form.Item>
      <Form.Item name="targetId" label={t('field.target')} rules={[chosen(t('field.target'))]} extra={t('point.targetHint')}>
        {targetType === 'location' ? (
          <TreeSelect
            treeData={toTreeOptions(locations.data?.nodes ?? [])}
            showSearch={{ treeNodeFilterProp: 'title' }}
            loading={locations.isFetching}
            disabled={!siteId}
            popupMatchSelectWidth={false}
            placeholder={t('point.locationPlaceholder')}
            data-testid="point-location"
          />
        ) : (
          <RemoteSelect<{ id: string; code: string; name: string }>
            resource="/assets"
            params={{ siteId }}
            labelOf={(a) => `${a.code} ${a.name}`}
            initialOptions={record?.targetType === 'asset' ? [{ value: record.targetId, label: record.targetName }] : undefined}
            placeholder={t('point.assetPlaceholder')}
            disabled={!siteId || !can('assets:read', siteId)}
            popupMatchSelectWidth={false}
            data-testid="point-asset"
          />
        )}
      </Form.Item>

      <Divider titlePlacement="start" plain>
        {t('point.measure')}
      </Divider>
      <Form.Item name="kind" label={t('field.kind')} rules={[chosen(t('field.kind'))]} extra={t(`kindHint.${kind}`)}>
        <Radio.Group optionType="button" options={kindOptions} data-testid="point-kind" />
      </Form.Item>
      {meter ? (
        <Form.Item name="meterKind" label={t('field.meterKind')} rules={[chosen(t('field.meterKind'))]}>
          <Select
            options={meterKindOptions}
            onChange={(k: MeterKind) => {
              const d = METER_DEFAULTS[k];
              if (!form.getFieldValue('quantity')) form.setFieldValue('quantity', t(d.quantity));
              if (!form.getFieldValue('unit') && d.unit) form.setFieldValue('unit', d.unit);
            }}
            data-testid="point-meter-kind"
          />
        </Form.Item>
      ) : null}
      <Pair>
        <Form.Item name="quantity" label={t('field.quantity')} rules={[required(t('field.quantity')), max(50)]}>
          <AutoComplete
            options={(t('point.quantities', { returnObjects: true }) as string[]).map((q) => ({ value: q }))}
            placeholder={t('point.quantityPlaceholder')}
            data-testid="point-quantity"
          />
        </Form.Item>
        <Form.Item name="unit" label={t('field.unit')} rules={[max(20)]}>
          <AutoComplete options={UNITS.map((u) => ({ value: u }))} placeholder={t('point.unitPlaceholder')} data-testid="point-unit" />
        </Form.Item>
      </Pair>

      {meter ? (
        <Typography.Paragraph type="secondary">{t('point.meterNoBand')}</Typography.Paragraph>
      ) : (
        <>
          <Form.Item
            name="bandMode"
            label={t('field.band')}
            extra={preview ? t('point.bandPreview', { band: preview }) : t('point.noBandHint')}
          >
            <Radio.Group
              optionType="button"
              options={[
                { value: 'tolerance', label: t('bandMode.tolerance') },
                { value: 'range', label: t('bandMode.range') },
                { value: 'none', label: t('bandMode.none') },
              ]}
              data-testid="point-band-mode"
            />
          </Form.Item>
          {bandMode === 'tolerance' ? (
            <Pair>
              <Form.Item name="target" label={t('field.targetValue')} rules={[chosen(t('field.targetValue'))]}>
                <InputNumber style={{ width: '100%' }} suffix={unit || undefined} data-testid="point-target" />
              </Form.Item>
              <Form.Item
                name="tolerance"
                label={t('field.tolerance')}
                rules={[
                  chosen(t('field.tolerance')),
                  { type: 'number', min: Number.MIN_VALUE, message: t('validation.positive', { field: t('field.tolerance') }) },
                ]}
              >
                <InputNumber min={0} style={{ width: '100%' }} prefix="±" suffix={unit || undefined} data-testid="point-tolerance" />
              </Form.Item>
            </Pair>
          ) : bandMode === 'range' ? (
            <Pair>
              <Form.Item
                name="min"
                label={t('field.min')}
                dependencies={['max']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_r, v: number | null | undefined) => {
                      const hi = getFieldValue('max');
                      if (typeof v !== 'number' && typeof hi !== 'number') return Promise.reject(new Error(t('validation.minOrMax')));
                      if (typeof v === 'number' && typeof hi === 'number' && v > hi)
                        return Promise.reject(new Error(t('validation.minAboveMax')));
                      return Promise.resolve();
                    },
                  }),
                ]}
              >
                <InputNumber
                  style={{ width: '100%' }}
                  suffix={unit || undefined}
                  placeholder={t('point.openEnd')}
                  data-testid="point-min"
                />
              </Form.Item>
              <Form.Item name="max" label={t('field.max')}>
                <InputNumber
                  style={{ width: '100%' }}
                  suffix={unit || undefined}
                  placeholder={t('point.openEnd')}
                  data-testid="point-max"
                />
              </Form.Item>
            </Pair>
          ) : null}
        </>
      )}

      <Divider titlePlacement="start" plain>
        {t('point.schedule')}
      </Divider>
      <Form.Item name="scheduled" label={t('field.scheduled')} valuePropName="checked" extra={t('point.scheduledHint')}>
        <Switch data-testid="point-scheduled" />
      </Form.Item>
      {scheduled ? (
        <Form.Item name="recurrence" rules={[chosen(t('field.recurrence'))]}>
          <RecurrenceEditor name="recurrence" allowFloating={false} />
        </Form.Item>
      ) : null}
      <Pair>
        <Form.Item
          name="windowMinutes"
          label={t('field.windowMinutes')}
          rules={minutes(t('field.windowMinutes'))}
          extra={t('point.windowHint')}
        >
          <InputNumber min={1} max={10080} precision={0} style={{ width: '100%' }} suffix={t('unit.minutes')} data-testid="point-window" />
        </Form.Item>
        <Form.Item
          name="recheckMinutes"
          label={t('field.recheckMinutes')}
          rules={minutes(t('field.recheckMinutes'))}
          extra={t('point.recheckHint')}
        >
          <InputNumber min={1} max={10080} precision={0} style={{ width: '100%' }} suffix={t('unit.minutes')} data-testid="point-recheck" />
        </Form.Item>
      </Pair>
      {can('patrols:read', siteId) ? (
        <Form.Item name="patrolPlanId" label={t('field.route')} extra={t('point.routeHint')}>
          <RouteSelect siteId={siteId} points={record ? [record] : []} placeholder={t('point.noRoute')} data-testid="point-route" />
        </Form.Item>
      ) : null}
    </>
  );
}
