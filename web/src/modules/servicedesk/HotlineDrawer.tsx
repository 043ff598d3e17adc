import { App, Collapse, DatePicker, Form, type FormInstance, Input, Radio, Select, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { FormDrawer, SiteSelect } from '../../components';
import { useLocationTree } from '../equipment/options';
import { toTreeOptions } from '../equipment/tree';
import { type HotlineValues, hotlineBody, PHONE } from './forms';
import { useDictionaryOptions, useEnumOptions } from './options';
import { COMPLAINT_CATEGORIES, HOTLINE_OUTCOMES, type HotlineCall } from './types';

const DATE_TIME = 'YYYY-MM-DD HH:mm';

/** The repair part of a call that becomes a work order: what the work-order intake needs. */
function RepairFields({ siteId }: { siteId?: string }) {
  const { t } = useTranslation('servicedesk');
  const categories = useDictionaryOptions('repair_category');
  const urgency = useDictionaryOptions('urgency');
  const locations = useLocationTree(siteId);
  const select = (field: string) => [{ required: true, message: t('validation.select', { field }) }];
  return (
    <>
      <Form.Item name={['workOrder', 'category']} label={t('hotline.repairCategory')} rules={select(t('hotline.repairCategory'))}>
        <Select options={categories.options} loading={categories.loading} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name={['workOrder', 'urgency']} label={t('hotline.urgency')} rules={select(t('hotline.urgency'))}>
        <Radio.Group optionType="button" buttonStyle="solid" options={urgency.options} />
      </Form.Item>
      <Form.Item name={['workOrder', 'locationId']} label={t('hotline.location')}>
        <TreeSelect
          allowClear
          treeData={toTreeOptions(locations.data?.nodes ?? [])}
          showSearch={{ treeNodeFilterProp: 'title' }}
          disabled={!siteId}
          loading={locations.isFetching}
          placeholder={siteId ? undefined : t('hotline.siteFirst')}
        />
      </Form.Item>
      <Form.Item name={['workOrder', 'appointmentAt']} label={t('hotline.appointment')}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format={DATE_TIME}
          style={{ width: '100%' }}
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
        />
      </Form.Item>
      <Form.Item
        name={['workOrder', 'requesterDepartment']}
        label={t('hotline.department')}
        rules={[{ max: 100, message: t('validation.max', { max: 100 }) }]}
      >
        <Input />
      </Form.Item>
    </>
  );
}

function CallFields({ form }: { form: FormInstance<HotlineValues> }) {
  const { t } = useTranslation('servicedesk');
  const outcomes = useEnumOptions(HOTLINE_OUTCOMES, 'hotline.outcome');
  const categories = useEnumOptions(COMPLAINT_CATEGORIES, 'category');
  const outcome = Form.useWatch('outcome', form);
  const siteId = Form.useWatch('siteId', form);
  const max = (n: number) => ({ max: n, message: t('validation.max', { max: n }) });
  const noteLabel = outcome === 'transfer' ? t('hotline.transferTo') : t('hotline.answer');
  return (
    <>
      <Form.Item
        name="siteId"
        label={t('field.site')}
        rules={[{ required: true, message: t('validation.select', { field: t('field.site') }) }]}
      >
        <SiteSelect onChange={() => form.setFieldValue(['workOrder', 'locationId'], undefined)} />
      </Form.Item>
      <Form.Item name="callerName" label={t('hotline.caller')} rules={[max(50)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="callerPhone" label={t('hotline.callerPhone')} rules={[max(20), { pattern: PHONE, message: t('validation.phone') }]}>
        <Input inputMode="tel" autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="content"
        label={t('hotline.content')}
        rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('hotline.content') }) }, max(2000)]}
      >
        <Input.TextArea rows={3} autoFocus />
      </Form.Item>
      <Form.Item
        name="outcome"
        label={t('hotline.outcomeLabel')}
        rules={[{ required: true, message: t('validation.select', { field: t('hotline.outcomeLabel') }) }]}
      >
        <Radio.Group optionType="button" buttonStyle="solid" options={outcomes} />
      </Form.Item>
      {outcome === 'work_order' ? <RepairFields siteId={siteId} /> : null}
      {outcome === 'complaint' ? (
        <>
          <Form.Item name={['complaint', 'subject']} label={t('field.subject')} extra={t('hotline.subjectHint')} rules={[max(100)]}>
            <Input />
          </Form.Item>
          <Form.Item name={['complaint', 'category']} label={t('field.category')}>
            <Select options={categories} />
          </Form.Item>
        </>
      ) : null}
      {outcome !== 'work_order' && outcome !== 'complaint' ? (
        <Form.Item
          name="note"
          label={noteLabel}
          rules={[
            ...(outcome === 'transfer'
              ? [{ required: true, whitespace: true, message: t('validation.required', { field: noteLabel }) }]
              : []),
            max(500),
          ]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      ) : null}
      <Collapse
        ghost
        size="small"
        items={[
          {
            key: 'late',
            label: t('hotline.lateEntry'),
            forceRender: true,
            children: (
              <Form.Item name="receivedAt" label={t('hotline.receivedAt')} extra={t('hotline.receivedHint')}>
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format={DATE_TIME}
                  style={{ width: '100%' }}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                />
              </Form.Item>
            ),
          },
        ]}
      />
    </>
  );
}

/**
 * 热线快速登记: a clerk on the phone types caller, number and what was said, picks the
 * outcome; a work order shows the repair fields, a complaint its subject and category.
 * Saving creates the call and whatever it led to in one step.
 */
export function HotlineDrawer({ open, onClose, siteId }: { open: boolean; onClose: () => void; siteId: string | null }) {
  const { t } = useTranslation('servicedesk');
  const { message } = App.useApp();
  const me = useMe();
  const defaultSite = siteId ?? (me.sites.length === 1 ? me.sites[0]?.id : undefined);
  return (
    <FormDrawer<HotlineValues, HotlineCall>
      open={open}
      onClose={onClose}
      title={t('hotline.create')}
      resource="/hotline-calls"
      initialValues={{ siteId: defaultSite, outcome: 'info', complaint: { category: 'other' } }}
      toBody={(v) => hotlineBody(v)}
      invalidate={['/work-orders', '/complaints']}
      onSaved={(call) => {
        if (call.workOrderNumber) message.info(t('hotline.createdWorkOrder', { number: call.workOrderNumber }));
        if (call.complaintNumber) message.info(t('hotline.createdComplaint', { number: call.complaintNumber }));
      }}
    >
      {(form) => <CallFields form={form} />}
    </FormDrawer>
  );
}
