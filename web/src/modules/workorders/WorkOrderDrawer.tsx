import { Alert, Col, DatePicker, Divider, Form, type FormInstance, Input, Row, Select, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Channel, WorkOrderDto } from '../../../../contracts/workorders';
import { useCan, useMe } from '../../app/auth';
import { FormDrawer, RemoteSelect, useDictionary } from '../../components';
import { useLocationTree } from '../equipment/options';
import { toTreeOptions } from '../equipment/tree';
import { PHONE_PATTERN } from './options';

/** What a clerk may record for someone else; everyone else reports for themselves (网页). */
const CLERK_CHANNELS = ['web', 'phone', 'hotline', 'walk_in'] as const satisfies readonly Channel[];

interface Values {
  siteId: string;
  channel?: Channel;
  locationId?: string | null;
  assetId?: string | null;
  category: string;
  urgency: string;
  description: string;
  appointmentAt?: Dayjs | null;
  requesterName?: string;
  requesterPhone?: string;
  requesterDepartment?: string;
}

const text = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

/**
 * 报修 (create) or 修改报修 (a clerk's edit of an open order). A clerk on the chosen site
 * also picks the channel; for phone, hotline and walk-in requests the requester's name
 * and phone are required. Photos are added on the detail page the create opens.
 */
export function WorkOrderDrawer(props: {
  open: boolean;
  onClose: () => void;
  record: WorkOrderDto | null;
  defaultSiteId?: string | null;
  onSaved?: (wo: WorkOrderDto) => void;
}) {
  const { t } = useTranslation('workorders');
  const me = useMe();
  const can = useCan();
  const { record } = props;
  const sites = me.sites.filter((s) => can('workorders:report', s.id));
  const firstSite = props.defaultSiteId && sites.some((s) => s.id === props.defaultSiteId) ? props.defaultSiteId : sites[0]?.id;
  const clerkAt = (siteId: string | undefined) => Boolean(siteId) && can('workorders:dispatch', siteId);

  return (
    <FormDrawer<Values, WorkOrderDto, WorkOrderDto>
      open={props.open}
      onClose={props.onClose}
      width={560}
      title={record ? t('form.editTitle', { number: record.number }) : t('form.createTitle')}
      resource="/work-orders"
      record={record}
      initialValues={{ siteId: firstSite, channel: clerkAt(firstSite) ? 'phone' : 'web', urgency: 'normal' }}
      toValues={(r) => ({
        siteId: r.siteId,
        locationId: r.locationId,
        assetId: r.assetId,
        category: r.category,
        urgency: r.urgency,
        description: r.description,
        appointmentAt: r.appointmentAt ? dayjs(r.appointmentAt) : null,
        requesterName: r.requesterName ?? undefined,
        requesterPhone: r.requesterPhone ?? undefined,
        requesterDepartment: r.requesterDepartment ?? undefined,
      })}
      toBody={(v, mode) => {
        const common = {
          locationId: v.locationId ?? null,
          assetId: v.assetId ?? null,
          category: v.category,
          urgency: v.urgency,
          description: v.description.trim(),
          appointmentAt: v.appointmentAt ? v.appointmentAt.toISOString() : null,
        };
        const requester = {
          requesterName: text(v.requesterName),
          requesterPhone: text(v.requesterPhone),
          requesterDepartment: text(v.requesterDepartment),
        };
        if (mode === 'edit') return { ...common, ...requester };
        const channel = clerkAt(v.siteId) ? (v.channel ?? 'web') : 'web';
        return { siteId: v.siteId, channel, ...common, ...(channel === 'web' ? {} : requester) };
      }}
      onSaved={(wo) => props.onSaved?.(wo)}
    >
      {(form) =>
        sites.length === 0 && !record ? (
          <Alert type="warning" showIcon title={t('form.noPermission')} />
        ) : (
          <IntakeFields form={form} record={record} sites={sites} clerkAt={clerkAt} />
        )
      }
    </FormDrawer>
  );
}

function IntakeFields({
  form,
  record,
  sites,
  clerkAt,
}: {
  form: FormInstance<Values>;
  record: WorkOrderDto | null;
  sites: { id: string; name: string; code: string }[];
  clerkAt: (siteId: string | undefined) => boolean;
}) {
  const { t } = useTranslation('workorders');
  const can = useCan();
  const categories = useDictionary('repair_category');
  const urgencies = useDictionary('urgency');
  // an edit has no site field: the order's site stays
  const siteId = Form.useWatch('siteId', form) ?? record?.siteId;
  const channel = Form.useWatch('channel', form);
  const locationId = Form.useWatch('locationId', form);
  const locations = useLocationTree(siteId);
  const clerk = clerkAt(siteId);
  // an edit is always a clerk's; a new request asks for the requester when a clerk records it for someone else
  const askRequester = record ? true : clerk && channel !== undefined && channel !== 'web';
  const required = (message: string) => ({ required: true, message });
  const max = (n: number, message: string) => ({ max: n, message });

  return (
    <>
      {record ? null : (
        <Row gutter={12}>
          <Col xs={24} sm={clerk ? 12 : 24}>
            <Form.Item name="siteId" label={t('field.site')} rules={[required(t('validation.site'))]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
                onChange={(v: string) => {
                  form.setFieldsValue({ locationId: null, assetId: null });
                  if (!clerkAt(v)) form.setFieldValue('channel', 'web');
                }}
                data-testid="wo-site"
              />
            </Form.Item>
          </Col>
          {clerk ? (
            <Col xs={24} sm={12}>
              <Form.Item name="channel" label={t('field.channel')} rules={[required(t('validation.channel'))]}>
                <Select options={CLERK_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} data-testid="wo-channel" />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      )}
      <Form.Item
        name="locationId"
        label={t('field.location')}
        extra={t('form.locationHint')}
        dependencies={['assetId']}
        rules={[
          {
            validator: (_, value) =>
              value || form.getFieldValue('assetId') ? Promise.resolve() : Promise.reject(new Error(t('validation.locationOrAsset'))),
          },
        ]}
      >
        <TreeSelect
          allowClear
          treeData={toTreeOptions(locations.data?.nodes ?? [])}
          showSearch={{ treeNodeFilterProp: 'title' }}
          loading={locations.isFetching}
          disabled={!siteId}
          placeholder={t('form.locationPlaceholder')}
          popupMatchSelectWidth={false}
          data-testid="wo-location"
        />
      </Form.Item>
      {can('assets:read', siteId ?? null) ? (
        <Form.Item name="assetId" label={t('field.asset')}>
          <RemoteSelect<{ id: string; code: string; name: string }>
            resource="/assets"
            params={{ siteId, locationId: locationId ?? undefined, under: '1' }}
            labelOf={(a) => `${a.code} ${a.name}`}
            initialOptions={record?.assetId ? [{ value: record.assetId, label: `${record.assetCode} ${record.assetName}` }] : undefined}
            placeholder={t('form.assetPlaceholder')}
            disabled={!siteId}
            data-testid="wo-asset"
          />
        </Form.Item>
      ) : null}
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="category" label={t('field.category')} rules={[required(t('validation.category'))]}>
            <Select options={categories.options} loading={categories.loading} data-testid="wo-category" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="urgency" label={t('field.urgency')} rules={[required(t('validation.urgency'))]}>
            <Select options={urgencies.options} loading={urgencies.loading} data-testid="wo-urgency" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="description"
        label={t('field.description')}
        rules={[{ ...required(t('validation.description')), whitespace: true }, max(1000, t('validation.descriptionMax'))]}
      >
        <Input.TextArea rows={4} showCount maxLength={1000} placeholder={t('form.descriptionPlaceholder')} data-testid="wo-description" />
      </Form.Item>
      <Form.Item
        name="appointmentAt"
        label={t('field.appointmentAt')}
        rules={[
          {
            validator: (_, v: Dayjs | null | undefined) =>
              !v || v.isAfter(dayjs().subtract(5, 'minute')) || record
                ? Promise.resolve()
                : Promise.reject(new Error(t('validation.appointmentPast'))),
          },
        ]}
      >
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          inputReadOnly
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          placeholder={t('form.appointmentPlaceholder')}
          style={{ width: '100%' }}
        />
      </Form.Item>
      {askRequester ? (
        <>
          <Divider titlePlacement="start" style={{ marginTop: 0 }}>
            {t('form.requesterSection')}
          </Divider>
          {record ? null : (
            <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
              {t('form.requesterHint')}
            </Typography.Paragraph>
          )}
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="requesterName"
                label={t('field.requesterName')}
                rules={[
                  { required: !record, whitespace: true, message: t('validation.requesterName') },
                  max(50, t('validation.requesterNameMax')),
                ]}
              >
                <Input maxLength={50} data-testid="wo-requester-name" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name="requesterPhone"
                label={t('field.requesterPhone')}
                rules={[
                  { required: !record, whitespace: true, message: t('validation.requesterPhone') },
                  { pattern: PHONE_PATTERN, message: t('validation.phoneFormat') },
                ]}
              >
                <Input inputMode="tel" maxLength={20} data-testid="wo-requester-phone" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="requesterDepartment" label={t('field.requesterDepartment')} rules={[max(100, t('validation.departmentMax'))]}>
            <Input maxLength={100} />
          </Form.Item>
        </>
      ) : null}
      {record ? null : <Alert type="info" showIcon title={t('form.photosHint')} />}
    </>
  );
}
