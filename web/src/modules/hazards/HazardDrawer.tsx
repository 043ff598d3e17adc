import { Form, type FormInstance, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { FormDrawer, LocationSelect, RemoteSelect } from '../../components';
import { HazardFields, type HazardFieldValues } from './HazardFields';
import { text } from './logic';
import { FINDINGS, HAZARDS, type Hazard, type HazardInput } from './types';

interface Values extends HazardFieldValues {
  siteId: string;
  locationId?: string | null;
  assetId?: string | null;
}

export function toBody(v: Values, siteId: string): HazardInput {
  return {
    siteId,
    locationId: v.locationId ?? null,
    assetId: v.assetId ?? null,
    category: v.category ?? '',
    grade: v.grade ?? 'general',
    subGrade: v.subGrade ?? null,
    title: v.title?.trim() ?? '',
    description: v.description?.trim() ?? '',
    campaignId: v.campaignId ?? null,
    addresseeType: v.addresseeType ?? null,
    addresseeId: v.addresseeType ? (v.addresseeId ?? null) : null,
    temporaryMeasures: text(v.temporaryMeasures),
  };
}

/**
 * 登记隐患 (create) and 修改隐患 (PUT /hazards/:id while it is open): where it is, what it
 * is, its grade and the 整改通知单 addressee. Photos are added on the detail page the
 * create opens. The 五落实 come with the 落实整改 step, not here.
 */
export function HazardDrawer({
  open,
  onClose,
  record,
  defaultSiteId,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  record: Hazard | null;
  defaultSiteId?: string | null;
  onSaved?: (h: Hazard) => void;
}) {
  const { t } = useTranslation('hazards');
  const me = useMe();
  const can = useCan();
  const sites = me.sites.filter((s) => can('hazards:report', s.id));
  const firstSite = defaultSiteId && sites.some((s) => s.id === defaultSiteId) ? defaultSiteId : sites[0]?.id;

  return (
    <FormDrawer<Values, Hazard, Hazard>
      open={open}
      onClose={onClose}
      width={600}
      title={record ? t('hazards.edit', { number: record.number }) : t('hazards.create')}
      resource={HAZARDS}
      record={record}
      initialValues={{ siteId: firstSite, grade: 'general' }}
      toValues={(r) => ({
        siteId: r.siteId,
        locationId: r.locationId,
        assetId: r.assetId,
        category: r.category,
        grade: r.grade,
        subGrade: r.subGrade,
        title: r.title,
        description: r.description,
        campaignId: r.campaignId,
        addresseeType: r.addresseeType,
        addresseeId: r.addresseeId,
        temporaryMeasures: r.temporaryMeasures,
      })}
      toBody={(v) => toBody(v, record?.siteId ?? v.siteId)}
      submit={(body, _mode, current) => (current ? api.put<Hazard>(`${HAZARDS}/${current.id}`, body) : api.post<Hazard>(HAZARDS, body))}
      invalidate={[FINDINGS]}
      onSaved={(h) => onSaved?.(h)}
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
  record: Hazard | null;
  sites: { id: string; name: string; code: string }[];
}) {
  const { t } = useTranslation('hazards');
  const can = useCan();
  const siteId = (Form.useWatch('siteId', form) as string | undefined) ?? record?.siteId;
  const locationId = Form.useWatch('locationId', form);
  return (
    <>
      {record ? null : (
        <Form.Item name="siteId" label={t('field.site')} rules={[{ required: true, message: t('validation.site') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
            onChange={() => form.setFieldsValue({ locationId: null, assetId: null, campaignId: null, addresseeId: null })}
            data-testid="hazard-site"
          />
        </Form.Item>
      )}
      <Form.Item name="locationId" label={t('field.location')}>
        <LocationSelect siteId={siteId} placeholder={t('form.locationPlaceholder')} testId="hazard-location" />
      </Form.Item>
      {can('assets:read', siteId ?? null) ? (
        <Form.Item name="assetId" label={t('field.asset')}>
          <RemoteSelect<{ id: string; code: string; name: string }>
            resource="/assets"
            params={{ siteId, locationId: locationId ?? undefined, under: '1' }}
            labelOf={(a) => `${a.code} ${a.name}`}
            initialOptions={record?.assetId ? [{ value: record.assetId, label: record.assetName ?? '' }] : undefined}
            placeholder={t('form.assetPlaceholder')}
            disabled={!siteId}
            data-testid="hazard-asset"
          />
        </Form.Item>
      ) : null}
      <HazardFields
        form={form}
        siteId={siteId}
        campaign={record?.campaignId ? { value: record.campaignId, label: record.campaignName ?? '' } : null}
        addressee={record?.addresseeId ? { value: record.addresseeId, label: record.addresseeName ?? '' } : null}
      />
    </>
  );
}
