import { DatePicker, Form, type FormInstance, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { FormDrawer, LocationSelect, UserSelect, useDictionary } from '../../components';
import { invitedIds } from './logic';
import { MY, SESSIONS, type Session, type SessionInput, TRAINING_TYPE } from './types';

interface Values {
  siteId: string;
  title?: string;
  type?: string;
  trainerKind: 'user' | 'name';
  trainerId?: string | null;
  trainerName?: string | null;
  startsAt?: Dayjs | null;
  endsAt?: Dayjs | null;
  locationId?: string | null;
  place?: string | null;
  description?: string | null;
  inviteeIds?: string[];
}

const text = (v: string | null | undefined) => v?.trim() || null;

export function toBody(v: Values, siteId: string): SessionInput {
  return {
    siteId,
    title: v.title?.trim() ?? '',
    type: v.type ?? '',
    trainerId: v.trainerKind === 'user' ? (v.trainerId ?? null) : null,
    trainerName: v.trainerKind === 'name' ? text(v.trainerName) : null,
    startsAt: v.startsAt?.toISOString() ?? '',
    endsAt: v.endsAt?.toISOString() ?? '',
    locationId: v.locationId ?? null,
    place: text(v.place),
    description: text(v.description),
    inviteeIds: v.inviteeIds ?? [],
  };
}

/**
 * 新建培训 / 修改培训: what, who teaches (a colleague or an outside trainer by name), when,
 * where, and who is invited (people of the site; with nobody invited anyone of the site
 * may sign in). Materials are uploaded on the detail page the create opens.
 */
export function SessionDrawer({
  open,
  onClose,
  record,
  defaultSiteId,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  record: Session | null;
  defaultSiteId?: string | null;
  onSaved?: (s: Session) => void;
}) {
  const { t } = useTranslation('training');
  const me = useMe();
  const can = useCan();
  const sites = me.sites.filter((s) => can('training:manage', s.id));
  const firstSite = defaultSiteId && sites.some((s) => s.id === defaultSiteId) ? defaultSiteId : sites[0]?.id;

  return (
    <FormDrawer<Values, Session, Session>
      open={open}
      onClose={onClose}
      width={600}
      title={record ? t('sessions.edit', { number: record.number }) : t('sessions.create')}
      resource={SESSIONS}
      record={record}
      editMethod="put"
      initialValues={{ siteId: firstSite, trainerKind: 'user', inviteeIds: [] }}
      toValues={(r) => ({
        siteId: r.siteId,
        title: r.title,
        type: r.type,
        trainerKind: r.trainerId || !r.trainerName ? 'user' : 'name',
        trainerId: r.trainerId,
        trainerName: r.trainerId ? null : r.trainerName,
        startsAt: dayjs(r.startsAt),
        endsAt: dayjs(r.endsAt),
        locationId: r.locationId,
        place: r.place,
        description: r.description,
        inviteeIds: invitedIds(r),
      })}
      toBody={(v) => toBody(v, record?.siteId ?? v.siteId)}
      submit={(body, _mode, current) => (current ? api.put<Session>(`${SESSIONS}/${current.id}`, body) : api.post<Session>(SESSIONS, body))}
      invalidate={[MY]}
      onSaved={(s) => onSaved?.(s)}
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
  record: Session | null;
  sites: { id: string; name: string; code: string }[];
}) {
  const { t } = useTranslation('training');
  const types = useDictionary(TRAINING_TYPE);
  const siteId = (Form.useWatch('siteId', form) as string | undefined) ?? record?.siteId;
  const trainerKind = Form.useWatch('trainerKind', form) as Values['trainerKind'] | undefined;
  const startsAt = Form.useWatch('startsAt', form) as Dayjs | null | undefined;
  const required = (message: string) => [{ required: true, message }];

  return (
    <>
      {record ? null : (
        <Form.Item name="siteId" label={t('field.site')} rules={required(t('validation.site'))}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
            onChange={() => form.setFieldsValue({ locationId: null, inviteeIds: [], trainerId: null })}
            data-testid="session-site"
          />
        </Form.Item>
      )}
      <Form.Item name="title" label={t('field.title')} rules={[...required(t('validation.title')), { max: 200 }]}>
        <Input placeholder={t('sessions.titlePlaceholder')} data-testid="session-title" />
      </Form.Item>
      <Form.Item name="type" label={t('field.type')} rules={required(t('validation.type'))}>
        <Select options={types.options} loading={types.loading} data-testid="session-type" />
      </Form.Item>
      <Form.Item name="trainerKind" label={t('field.trainer')} style={{ marginBottom: 8 }}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'user', label: t('sessions.trainerUser') },
            { value: 'name', label: t('sessions.trainerOutside') },
          ]}
        />
      </Form.Item>
      {trainerKind === 'name' ? (
        <Form.Item name="trainerName" rules={[{ required: true, whitespace: true, message: t('validation.trainerName') }, { max: 100 }]}>
          <Input placeholder={t('sessions.trainerNamePlaceholder')} data-testid="session-trainer-name" />
        </Form.Item>
      ) : (
        <Form.Item name="trainerId" rules={required(t('validation.trainer'))}>
          <UserSelect
            disabled={!siteId}
            params={{ siteId }}
            initialOptions={record?.trainerId ? [{ value: record.trainerId, label: record.trainerName ?? '' }] : undefined}
            placeholder={t('sessions.trainerPlaceholder')}
            data-testid="session-trainer"
          />
        </Form.Item>
      )}
      <Form.Item name="startsAt" label={t('field.startsAt')} rules={required(t('validation.startsAt'))}>
        <DatePicker
          showTime={{ format: 'HH:mm', minuteStep: 5 }}
          format="YYYY-MM-DD HH:mm"
          inputReadOnly
          style={{ width: '100%' }}
          onChange={(d) => {
            // a new start carries the end along, keeping the session's length (an hour for a fresh one)
            const end = form.getFieldValue('endsAt') as Dayjs | null | undefined;
            const length = startsAt && end ? end.diff(startsAt, 'minute') : 60;
            if (d) form.setFieldsValue({ endsAt: d.add(length > 0 ? length : 60, 'minute') });
          }}
          data-testid="session-starts"
        />
      </Form.Item>
      <Form.Item
        name="endsAt"
        label={t('field.endsAt')}
        dependencies={['startsAt']}
        rules={[
          ...required(t('validation.endsAt')),
          {
            validator: async (_, value: Dayjs | null | undefined) => {
              const start = form.getFieldValue('startsAt') as Dayjs | null | undefined;
              if (value && start && !value.isAfter(start)) throw new Error(t('validation.endAfterStart'));
            },
          },
        ]}
      >
        <DatePicker
          showTime={{ format: 'HH:mm', minuteStep: 5 }}
          format="YYYY-MM-DD HH:mm"
          inputReadOnly
          style={{ width: '100%' }}
          data-testid="session-ends"
        />
      </Form.Item>
      <Form.Item name="locationId" label={t('field.location')}>
        <LocationSelect siteId={siteId} placeholder={t('sessions.locationPlaceholder')} />
      </Form.Item>
      <Form.Item name="place" label={t('field.place')} rules={[{ max: 200 }]}>
        <Input placeholder={t('sessions.placePlaceholder')} />
      </Form.Item>
      <Form.Item name="inviteeIds" label={t('field.invitees')} extra={t('sessions.inviteesHint')}>
        <UserSelect
          mode="multiple"
          disabled={!siteId}
          params={{ siteId }}
          limit={50}
          initialOptions={record ? record.attendees.filter((a) => a.invited).map((a) => ({ value: a.userId, label: a.name })) : undefined}
          placeholder={t('sessions.inviteesPlaceholder')}
          data-testid="session-invitees"
        />
      </Form.Item>
      <Form.Item name="description" label={t('field.description')} rules={[{ max: 4000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </>
  );
}
