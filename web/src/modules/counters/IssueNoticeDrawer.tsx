import { DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormDrawer, RemoteSelect } from '../../components';
import type { Counter, Notice } from './types';

interface Values {
  counterId: string;
  foundAt?: Dayjs;
  description: string;
  requirement: string;
  deadline: Dayjs;
}

/** 下发整改通知: what was found at which counter, what must be done, by when. */
export function IssueNoticeDrawer({ open, onClose, counter }: { open: boolean; onClose: () => void; counter?: Counter | null }) {
  const { t } = useTranslation('counters');
  const navigate = useNavigate();
  const required = (field: string) => ({ required: true, whitespace: true, message: t('validation.required', { field }) });
  return (
    <FormDrawer<Values, Notice>
      open={open}
      onClose={onClose}
      title={t('notice.issue')}
      resource="/counter-notices"
      initialValues={{ counterId: counter?.id, foundAt: dayjs(), deadline: dayjs().add(3, 'day').hour(18).minute(0).second(0) }}
      toBody={(v) => ({
        counterId: v.counterId,
        foundAt: v.foundAt ? v.foundAt.toISOString() : null,
        description: v.description.trim(),
        requirement: v.requirement.trim(),
        deadline: v.deadline.toISOString(),
      })}
      invalidate={['/counters']}
      onSaved={(n) => navigate(`/counters/notices/${n.id}`)}
    >
      <Form.Item
        name="counterId"
        label={t('notice.counter')}
        rules={[{ required: true, message: t('validation.select', { field: t('notice.counter') }) }]}
      >
        <RemoteSelect<Counter>
          resource="/counters"
          params={{ active: '1' }}
          labelOf={(c) => `${c.name}（${c.code}）· ${c.siteName}`}
          disabled={Boolean(counter)}
          initialOptions={counter ? [{ value: counter.id, label: `${counter.name}（${counter.code}）· ${counter.siteName}` }] : []}
        />
      </Form.Item>
      <Form.Item name="foundAt" label={t('notice.foundAt')}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%' }}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
        />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('notice.description')}
        rules={[required(t('notice.description')), { max: 1000, message: t('validation.max', { max: 1000 }) }]}
      >
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
      <Form.Item
        name="requirement"
        label={t('notice.requirement')}
        rules={[required(t('notice.requirement')), { max: 1000, message: t('validation.max', { max: 1000 }) }]}
      >
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
      <Form.Item
        name="deadline"
        label={t('notice.deadline')}
        rules={[
          { required: true, message: t('validation.select', { field: t('notice.deadline') }) },
          {
            validator: (_, v: Dayjs | undefined) =>
              !v || v.isAfter(dayjs()) ? Promise.resolve() : Promise.reject(new Error(t('validation.future'))),
          },
        ]}
      >
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%' }}
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
        />
      </Form.Item>
    </FormDrawer>
  );
}
