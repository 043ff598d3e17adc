import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useCan } from '../../app/auth';
import { FormDrawer, SiteSelect, UserSelect } from '../../components';
import { memberChanges } from './format';
import type { Counter } from './types';

interface Values {
  siteId: string;
  code: string;
  name: string;
  contactName?: string;
  contactPhone?: string;
  notes?: string;
  memberIds?: string[];
}

/** 新建/编辑专柜, with its staff (people who sign in as the counter and see only its records). */
export function CounterDrawer({ open, onClose, record }: { open: boolean; onClose: () => void; record: Counter | null }) {
  const { t } = useTranslation('counters');
  const can = useCan();
  const required = (field: string) => ({ required: true, whitespace: true, message: t('validation.required', { field }) });

  const submit = async (body: object, mode: 'create' | 'edit', current: Counter | null) => {
    const { memberIds = [], ...fields } = body as Values & { version?: number };
    const saved =
      mode === 'create' ? await api.post<Counter>('/counters', fields) : await api.patch<Counter>(`/counters/${current?.id}`, fields);
    const { add, remove } = memberChanges(
      saved.members.map((m) => m.userId),
      memberIds,
    );
    let latest = saved;
    if (add.length) latest = await api.post<Counter>(`/counters/${saved.id}/members`, { userIds: add });
    for (const userId of remove) latest = await api.delete<Counter>(`/counters/${saved.id}/members/${userId}`);
    return latest;
  };

  return (
    <FormDrawer<Values, Counter, Counter>
      open={open}
      onClose={onClose}
      title={record ? t('counter.edit') : t('counter.create')}
      resource="/counters"
      record={record}
      toValues={(r) => ({
        siteId: r.siteId,
        code: r.code,
        name: r.name,
        contactName: r.contactName ?? undefined,
        contactPhone: r.contactPhone ?? undefined,
        notes: r.notes ?? undefined,
        memberIds: r.members.map((m) => m.userId),
      })}
      toBody={(v, mode) => ({
        ...(mode === 'create' ? { siteId: v.siteId } : {}),
        code: v.code.trim(),
        name: v.name.trim(),
        contactName: v.contactName?.trim() || null,
        contactPhone: v.contactPhone?.trim() || null,
        notes: v.notes?.trim() || null,
        memberIds: v.memberIds ?? [],
      })}
      submit={submit}
    >
      <Form.Item
        name="siteId"
        label={t('counter.site')}
        rules={[{ required: true, message: t('validation.select', { field: t('counter.site') }) }]}
      >
        <SiteSelect disabled={Boolean(record)} />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('counter.code')}
        extra={t('counter.codeHint')}
        rules={[required(t('counter.code')), { pattern: /^[A-Za-z0-9_-]{1,40}$/, message: t('validation.code') }]}
      >
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('counter.name')}
        rules={[required(t('counter.name')), { max: 100, message: t('validation.max', { max: 100 }) }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="contactName" label={t('counter.contactName')} rules={[{ max: 50, message: t('validation.max', { max: 50 }) }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        name="contactPhone"
        label={t('counter.contactPhone')}
        rules={[{ pattern: /^[0-9+\-() ]{5,20}$/, message: t('validation.phone') }]}
      >
        <Input maxLength={20} inputMode="tel" />
      </Form.Item>
      <Form.Item name="memberIds" label={t('counter.members')} extra={t('counter.membersHint')}>
        <UserSelect
          mode="multiple"
          disabled={!can('users:read')}
          initialOptions={record?.members.map((m) => ({ value: m.userId, label: `${m.name}（${m.username}）` })) ?? []}
        />
      </Form.Item>
      <Form.Item name="notes" label={t('counter.notes')} rules={[{ max: 500, message: t('validation.max', { max: 500 }) }]}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormDrawer>
  );
}
