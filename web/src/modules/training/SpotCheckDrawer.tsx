import { DatePicker, Form, type FormInstance, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth';
import { FormDrawer, RemoteSelect, UserSelect, useDictionary, useRecord } from '../../components';
import { BANKS, type Bank, MY, SPOT_CHECKS, type SpotCheck, type SpotCheckInput, TRAINING_TYPE } from './types';

interface Values {
  siteId: string;
  title?: string;
  bankId?: string;
  questionCount?: number | null;
  passMark?: number | null;
  dueAt?: Dayjs | null;
  participantIds?: string[];
}

/** the most questions drawn for one person (the server's limit) */
const MAX_DRAWN = 100;
/** a short quiz: what a person answers standing at their post */
const DEFAULT_QUESTIONS = 10;
const DEFAULT_PASS_MARK = 60;

export function toBody(v: Values): SpotCheckInput {
  return {
    siteId: v.siteId,
    title: v.title?.trim() ?? '',
    bankId: v.bankId ?? '',
    questionCount: v.questionCount ?? 0,
    passMark: v.passMark ?? 0,
    dueAt: v.dueAt?.toISOString() ?? '',
    participantIds: v.participantIds ?? [],
  };
}

/**
 * 发起抽查: a bank, how many of its questions each person gets (drawn for each one), the
 * score that passes, until when, and who is checked (people of the site).
 */
export function SpotCheckDrawer({
  open,
  onClose,
  defaultSiteId,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  defaultSiteId?: string | null;
  onSaved?: (c: SpotCheck) => void;
}) {
  const { t } = useTranslation('training');
  const me = useMe();
  const can = useCan();
  const sites = me.sites.filter((s) => can('training:manage', s.id));
  const firstSite = defaultSiteId && sites.some((s) => s.id === defaultSiteId) ? defaultSiteId : sites[0]?.id;

  return (
    <FormDrawer<Values, SpotCheck>
      open={open}
      onClose={onClose}
      width={560}
      title={t('spotChecks.create')}
      resource={SPOT_CHECKS}
      initialValues={{
        siteId: firstSite,
        questionCount: DEFAULT_QUESTIONS,
        passMark: DEFAULT_PASS_MARK,
        dueAt: dayjs().add(3, 'day').hour(18).minute(0).second(0).millisecond(0),
        participantIds: [],
      }}
      toBody={toBody}
      invalidate={[MY]}
      onSaved={(c) => onSaved?.(c)}
    >
      {(form) => <Fields form={form} sites={sites} />}
    </FormDrawer>
  );
}

function Fields({ form, sites }: { form: FormInstance<Values>; sites: { id: string; name: string; code: string }[] }) {
  const { t } = useTranslation('training');
  const topics = useDictionary(TRAINING_TYPE);
  const siteId = Form.useWatch('siteId', form) as string | undefined;
  const bankId = Form.useWatch('bankId', form) as string | undefined;
  const bank = useRecord<Bank>(BANKS, bankId).data ?? null;

  // a chosen bank names the check unless a title was written, and caps the question count
  useEffect(() => {
    if (!bank || bank.id !== form.getFieldValue('bankId')) return;
    if (!form.getFieldValue('title')) form.setFieldsValue({ title: t('spotChecks.defaultTitle', { name: bank.name }) });
    const count = form.getFieldValue('questionCount') as number | null | undefined;
    if (count && count > bank.questionCount) form.setFieldsValue({ questionCount: bank.questionCount });
  }, [bank, form, t]);
  const required = (message: string) => [{ required: true, message }];

  return (
    <>
      <Form.Item name="siteId" label={t('field.site')} rules={required(t('validation.site'))}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
          onChange={() => form.setFieldsValue({ participantIds: [] })}
          data-testid="spot-check-site"
        />
      </Form.Item>
      <Form.Item name="bankId" label={t('field.bank')} rules={required(t('validation.bank'))}>
        <RemoteSelect<Bank>
          resource={BANKS}
          params={{ active: '1' }}
          labelOf={(b) => t('spotChecks.bankOption', { name: b.name, topic: topics.label(b.topic), count: b.questionCount })}
          placeholder={t('spotChecks.bankPlaceholder')}
          data-testid="spot-check-bank"
        />
      </Form.Item>
      <Form.Item name="title" label={t('field.checkTitle')} rules={[...required(t('validation.title')), { max: 200 }]}>
        <Input data-testid="spot-check-title" />
      </Form.Item>
      <Form.Item
        name="questionCount"
        label={t('field.drawCount')}
        extra={bank ? t('spotChecks.bankHas', { count: bank.questionCount }) : undefined}
        rules={required(t('validation.questionCount'))}
      >
        <InputNumber
          min={1}
          max={Math.min(bank?.questionCount ?? MAX_DRAWN, MAX_DRAWN)}
          precision={0}
          style={{ width: 160 }}
          data-testid="spot-check-count"
        />
      </Form.Item>
      <Form.Item
        name="passMark"
        label={t('field.passMark')}
        extra={t('spotChecks.passMarkHint')}
        rules={required(t('validation.passMark'))}
      >
        <InputNumber
          min={0}
          max={100}
          precision={0}
          addonAfter={t('spotChecks.points')}
          style={{ width: 160 }}
          data-testid="spot-check-pass"
        />
      </Form.Item>
      <Form.Item name="dueAt" label={t('field.dueAt')} rules={required(t('validation.dueAt'))}>
        <DatePicker
          showTime={{ format: 'HH:mm', minuteStep: 5 }}
          format="YYYY-MM-DD HH:mm"
          inputReadOnly
          style={{ width: '100%' }}
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          data-testid="spot-check-due"
        />
      </Form.Item>
      <Form.Item
        name="participantIds"
        label={t('field.participants')}
        rules={[{ required: true, type: 'array', min: 1, message: t('validation.participants') }]}
      >
        <UserSelect
          mode="multiple"
          disabled={!siteId}
          params={{ siteId }}
          limit={50}
          placeholder={t('spotChecks.participantsPlaceholder')}
          data-testid="spot-check-participants"
        />
      </Form.Item>
    </>
  );
}
