import { DatePicker, Form, type FormInstance, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../app/auth';
import { FormDrawer, RemoteSelect, SiteSelect, UserSelect } from '../../components';
import { PHONE } from './forms';
import { useEnumOptions } from './options';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, type Complaint, type ComplaintCategory, type ComplaintChannel } from './types';

interface Values {
  siteId: string;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  complainantName?: string;
  complainantPhone?: string;
  subject: string;
  content: string;
  workOrderId?: string;
  handlerId?: string;
  receivedAt?: Dayjs | null;
  deadlineAt?: Dayjs | null;
}

interface WorkOrderOption {
  id: string;
  number: string;
  description: string;
}

/** 登记投诉: standalone or about a work order of the site; due in three days unless another deadline is set. */
export function ComplaintDrawer({ open, onClose, siteId }: { open: boolean; onClose: () => void; siteId: string | null }) {
  const { t } = useTranslation('servicedesk');
  const navigate = useNavigate();
  const me = useMe();
  const defaultSite = siteId ?? (me.sites.length === 1 ? me.sites[0]?.id : undefined);

  return (
    <FormDrawer<Values, Complaint>
      open={open}
      onClose={onClose}
      title={t('complaint.create')}
      resource="/complaints"
      initialValues={{ siteId: defaultSite, channel: 'phone', category: 'service_attitude' }}
      toBody={(v) => ({
        siteId: v.siteId,
        channel: v.channel,
        category: v.category,
        complainantName: v.complainantName?.trim() || null,
        complainantPhone: v.complainantPhone?.trim() || null,
        subject: v.subject.trim(),
        content: v.content.trim(),
        workOrderId: v.workOrderId ?? null,
        handlerId: v.handlerId ?? null,
        receivedAt: v.receivedAt ? v.receivedAt.toISOString() : null,
        deadlineAt: v.deadlineAt ? v.deadlineAt.toISOString() : null,
      })}
      onSaved={(saved) => navigate(`/complaints/${saved.id}`)}
    >
      {(form) => <ComplaintFields form={form} />}
    </FormDrawer>
  );
}

function ComplaintFields({ form }: { form: FormInstance<Values> }) {
  const { t } = useTranslation('servicedesk');
  const channels = useEnumOptions(COMPLAINT_CHANNELS, 'channel');
  const categories = useEnumOptions(COMPLAINT_CATEGORIES, 'category');
  const site = Form.useWatch('siteId', form);
  const required = (field: string) => [{ required: true, whitespace: true, message: t('validation.required', { field }) }];
  const max = (n: number) => ({ max: n, message: t('validation.max', { max: n }) });
  return (
    <>
      <Form.Item
        name="siteId"
        label={t('field.site')}
        rules={[{ required: true, message: t('validation.select', { field: t('field.site') }) }]}
      >
        <SiteSelect onChange={() => form.setFieldsValue({ workOrderId: undefined, handlerId: undefined })} />
      </Form.Item>
      <Form.Item
        name="channel"
        label={t('field.channel')}
        rules={[{ required: true, message: t('validation.select', { field: t('field.channel') }) }]}
      >
        <Select options={channels} />
      </Form.Item>
      <Form.Item
        name="category"
        label={t('field.category')}
        rules={[{ required: true, message: t('validation.select', { field: t('field.category') }) }]}
      >
        <Select options={categories} />
      </Form.Item>
      <Form.Item name="complainantName" label={t('field.complainant')} rules={[max(50)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="complainantPhone" label={t('field.phone')} rules={[max(20), { pattern: PHONE, message: t('validation.phone') }]}>
        <Input inputMode="tel" autoComplete="off" />
      </Form.Item>
      <Form.Item name="subject" label={t('field.subject')} rules={[...required(t('field.subject')), max(100)]}>
        <Input />
      </Form.Item>
      <Form.Item name="content" label={t('field.content')} rules={[...required(t('field.content')), max(2000)]}>
        <Input.TextArea rows={4} />
      </Form.Item>
      <Form.Item name="workOrderId" label={t('field.workOrder')} extra={t('complaint.workOrderHint')}>
        <RemoteSelect<WorkOrderOption>
          allowClear
          disabled={!site}
          resource="/work-orders"
          params={{ siteId: site }}
          labelOf={(w) => `${w.number} ${w.description.slice(0, 30)}`}
        />
      </Form.Item>
      <Form.Item name="handlerId" label={t('field.handler')}>
        <UserSelect allowClear disabled={!site} params={{ siteId: site }} />
      </Form.Item>
      <Form.Item name="receivedAt" label={t('field.receivedAt')} extra={t('complaint.receivedHint')}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%' }}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
        />
      </Form.Item>
      <Form.Item name="deadlineAt" label={t('field.deadline')} extra={t('complaint.deadlineHint')}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%' }}
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
        />
      </Form.Item>
    </>
  );
}
