import { Alert, Button, Card, Empty, Form, Input, Radio, Segmented, Select, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { applyFieldErrors, ChecklistForm, PageContainer, UserSelect, useInvalidate, useList } from '../../components';
import {
  type CheckValues,
  checkInput,
  DRAFT_KEY,
  draftAnswers,
  draftResult,
  etiquetteTemplates,
  type LocalDraft,
  type PersonMode,
  parseDraft,
} from './logic';
import {
  CHECKS,
  type ChecklistAnswer,
  type ChecklistResultInput,
  type ChecklistTemplateDto,
  type EtiquetteCheck,
  PATHS,
  TEMPLATES,
} from './types';

/** more templates than this are offered in a select rather than as buttons */
const BUTTONS_UP_TO = 4;

const readDraft = (): LocalDraft | null => {
  try {
    return parseDraft(window.localStorage.getItem(DRAFT_KEY));
  } catch {
    return null;
  }
};

/**
 * 新建礼仪检查, on a phone: who is checked (a user of the site, or a name and counter
 * written out), which checklist (仪容仪表检查表, 礼貌礼仪检查表…), every item filled with
 * the checklist form, a note; submitted in one go, the check's score is shown on its page.
 * 保存草稿 keeps the whole form on the phone until it is submitted.
 */
export default function NewCheckPage() {
  const { t } = useTranslation('etiquette');
  const me = useMe();
  const can = useCan();
  const selected = useSelectedSite();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [search] = useSearchParams();
  const [form] = Form.useForm<CheckValues>();
  const personCard = useRef<HTMLDivElement>(null);
  const sites = me.sites.filter((s) => can('training:manage', s.id));
  const [draft, setDraft] = useState<LocalDraft | null>(readDraft);
  const [answers, setAnswers] = useState<ChecklistAnswer[]>(() => draft?.answers ?? []);
  const [revision, setRevision] = useState(1);

  const [personLabel, setPersonLabel] = useState<string | null>(() => draft?.personLabel ?? null);

  // the form starts once from the draft or the link; later changes are the person's
  // biome-ignore lint/correctness/useExhaustiveDependencies: initial values only
  const initialValues = useMemo<CheckValues>(() => {
    if (draft) return draft.values;
    const wanted = search.get('siteId') ?? selected;
    return {
      siteId: sites.find((s) => s.id === wanted)?.id ?? sites[0]?.id,
      personMode: 'user',
      templateId: search.get('templateId') ?? undefined,
    };
  }, []);

  const siteId = Form.useWatch('siteId', form) ?? initialValues.siteId;
  const personMode: PersonMode = Form.useWatch('personMode', form) ?? initialValues.personMode ?? 'user';
  const templateId = Form.useWatch('templateId', form) ?? initialValues.templateId;
  const templates = useList<ChecklistTemplateDto>(TEMPLATES, { active: '1', limit: 200, sort: 'name' });
  const rows = useMemo(() => etiquetteTemplates(templates.data?.items ?? []), [templates.data]);
  const template = rows.find((r) => r.id === templateId) ?? null;
  const result = useMemo(() => (template ? draftResult(template, answers, revision) : null), [template, answers, revision]);

  const chooseTemplate = (next: ChecklistTemplateDto | undefined) => {
    setAnswers(next ? draftAnswers(draft, next) : []);
    setRevision((r) => r + 1);
  };

  const discardDraft = () => {
    window.localStorage.removeItem(DRAFT_KEY);
    setDraft(null);
    setAnswers([]);
    setRevision((r) => r + 1);
    form.resetFields();
    form.setFieldsValue({ siteId: sites[0]?.id, personMode: 'user', templateId: undefined });
  };

  const save = async (input: ChecklistResultInput) => {
    if (!template) throw new Error(t('new.templateFirst'));
    if (!input.submit) {
      const kept: LocalDraft = {
        values: form.getFieldsValue(true) as CheckValues,
        personLabel,
        answers: input.answers,
        savedAt: new Date().toISOString(),
      };
      window.localStorage.setItem(DRAFT_KEY, JSON.stringify(kept));
      setDraft(kept);
      setAnswers(input.answers);
      setRevision((r) => r + 1);
      return draftResult(template, input.answers, revision + 1);
    }
    let values: CheckValues;
    try {
      values = { ...initialValues, ...(await form.validateFields()) };
    } catch {
      personCard.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      throw new Error(t('new.personFirst'));
    }
    try {
      const saved = await api.post<EtiquetteCheck>(CHECKS, checkInput(values, input.answers));
      window.localStorage.removeItem(DRAFT_KEY);
      await invalidate(CHECKS);
      navigate(`${PATHS.list}/${saved.id}`, { replace: true });
      return draftResult(template, input.answers, revision);
    } catch (err) {
      // the person's fields show their errors under them; the items' errors go to the checklist
      applyFieldErrors(form, err);
      throw err;
    }
  };

  return (
    <PageContainer title={t('new.title')} subtitle={t('new.subtitle')} backTo={PATHS.list} card={false}>
      {/* a form for the phone: on a desktop it keeps a phone-like column rather than stretching */}
      <div style={{ maxWidth: 760 }}>
        {draft ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('new.draftRestored', { at: dayjs(draft.savedAt).format('MM-DD HH:mm') })}
            action={
              <Button size="small" onClick={discardDraft} data-testid="etiquette-discard-draft">
                {t('new.discardDraft')}
              </Button>
            }
          />
        ) : null}
        <div ref={personCard}>
          <Card size="small" title={t('new.person')} style={{ marginBottom: 12 }}>
            <Form<CheckValues> form={form} layout="vertical" initialValues={initialValues} requiredMark={false}>
              {sites.length > 1 ? (
                <Form.Item name="siteId" label={t('field.site')} rules={[{ required: true, message: t('validation.site') }]}>
                  <Select
                    options={sites.map((s) => ({ value: s.id, label: s.name }))}
                    onChange={() => form.setFieldValue('personId', null)}
                    data-testid="etiquette-site"
                  />
                </Form.Item>
              ) : (
                <Form.Item name="siteId" hidden>
                  <Input />
                </Form.Item>
              )}
              <Form.Item name="personMode">
                <Segmented<PersonMode>
                  block
                  options={[
                    { value: 'user', label: t('new.modeUser') },
                    { value: 'name', label: t('new.modeName') },
                  ]}
                  data-testid="etiquette-person-mode"
                />
              </Form.Item>
              {personMode === 'user' ? (
                <Form.Item name="personId" label={t('field.person')} rules={[{ required: true, message: t('validation.person') }]}>
                  <UserSelect
                    params={{ siteId }}
                    disabled={!siteId}
                    placeholder={t('new.personPlaceholder')}
                    initialOptions={
                      draft?.values.personId && draft.personLabel ? [{ value: draft.values.personId, label: draft.personLabel }] : undefined
                    }
                    onChange={(_v, option) => setPersonLabel((option as { label?: string } | undefined)?.label ?? null)}
                    data-testid="etiquette-person"
                  />
                </Form.Item>
              ) : (
                <Form.Item
                  name="personName"
                  label={t('field.personName')}
                  rules={[
                    { required: true, whitespace: true, message: t('validation.personName') },
                    { max: 50, message: t('validation.max', { max: 50 }) },
                  ]}
                >
                  <Input maxLength={50} placeholder={t('new.personNamePlaceholder')} data-testid="etiquette-person-name" />
                </Form.Item>
              )}
              <Form.Item
                name="personUnit"
                label={t('field.personUnit')}
                rules={[{ max: 100, message: t('validation.max', { max: 100 }) }]}
                extra={personMode === 'name' ? t('new.unitHint') : undefined}
              >
                <Input maxLength={100} placeholder={t('new.unitPlaceholder')} data-testid="etiquette-person-unit" />
              </Form.Item>
              <Form.Item name="templateId" label={t('field.template')} rules={[{ required: true, message: t('validation.template') }]}>
                {rows.length > BUTTONS_UP_TO ? (
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    options={rows.map((r) => ({ value: r.id, label: r.name }))}
                    loading={templates.isPending}
                    onChange={(id: string) => chooseTemplate(rows.find((r) => r.id === id))}
                    data-testid="etiquette-template"
                  />
                ) : (
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    options={rows.map((r) => ({ value: r.id, label: r.name }))}
                    onChange={(e) => chooseTemplate(rows.find((r) => r.id === e.target.value))}
                    style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}
                    data-testid="etiquette-template"
                  />
                )}
              </Form.Item>
              <Form.Item
                name="note"
                label={t('field.note')}
                rules={[{ max: 1000, message: t('validation.max', { max: 1000 }) }]}
                style={{ marginBottom: 0 }}
              >
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} placeholder={t('new.notePlaceholder')} />
              </Form.Item>
            </Form>
          </Card>
        </div>
        <Card size="small" title={template ? template.name : t('new.checklist')} styles={{ body: { paddingBottom: 0 } }}>
          {templates.isPending ? (
            <Skeleton active />
          ) : result ? (
            <ChecklistForm
              followUp="none"
              result={result}
              // the check does not exist before it is submitted: photos go up as the checker's own files, which the check accepts
              photoOwner={{ ownerType: 'user', ownerId: me.user.id }}
              save={save}
            />
          ) : (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={<Typography.Text type="secondary">{t('new.pickTemplate')}</Typography.Text>}
            />
          )}
        </Card>
      </div>
    </PageContainer>
  );
}
