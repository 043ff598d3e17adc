import { PlusOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Select, Skeleton, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, isApiError } from '../../app/api';
import {
  applyFieldErrors,
  ImportDialog,
  LoadError,
  PageContainer,
  useDictionary,
  useErrorText,
  useInvalidate,
  useRecord,
} from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { blankQuestion, moved, questionBody, questionFieldErrors, questionProblems } from './logic';
import { QuestionEditor } from './QuestionEditor';
import { BANK_ENTITY, BANKS, type Bank, type BankInput, PATHS, type QuestionInput, type QuestionKind, TRAINING_TYPE } from './types';

interface HeaderValues {
  name?: string;
  topic?: string;
  description?: string | null;
}

/** Audit diffs name stored columns; the history shows them as the editor does. */
const HISTORY_FIELDS: Record<string, string> = {
  name: 'field.bankName',
  topic: 'field.topic',
  description: 'field.description',
  questions: 'history.questions',
  question_count: 'field.questionCount',
};

/** `new` in the path makes a bank; anything else edits the bank with that id. */
const NEW = 'new';

/**
 * 题库编辑: the bank's name and topic and its questions, each edited on its own card
 * (kind, text, options with the correct ones ticked, explanation). Problems are listed on
 * the card they belong to once saving was tried, and disappear as they are fixed; the
 * server's refusals land on the same cards. Questions may also come from an Excel sheet.
 */
export default function BankEditorPage() {
  const { t } = useTranslation('training');
  const { id = NEW } = useParams<{ id: string }>();
  const creating = id === NEW;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const topics = useDictionary(TRAINING_TYPE);
  const record = useRecord<Bank>(BANKS, creating ? null : id);
  const [form] = Form.useForm<HeaderValues>();
  const [questions, setQuestions] = useState<QuestionInput[]>(() => (creating ? [blankQuestion()] : []));
  const [checked, setChecked] = useState(false);
  const [serverErrors, setServerErrors] = useState<Map<number, string[]>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [importing, setImporting] = useState(false);
  // an import appends to the stored bank and reloads it: edits not yet saved would be lost
  const [dirty, setDirty] = useState(false);
  const bank = record.data;

  // the stored bank fills the editor when it arrives (and again after a reload for a stale version)
  useEffect(() => {
    if (!bank) return;
    form.setFieldsValue({ name: bank.name, topic: bank.topic, description: bank.description });
    setQuestions(bank.questions.map((q) => ({ ...q })));
    setServerErrors(new Map());
    setDirty(false);
  }, [bank, form]);

  const edit = (change: (list: QuestionInput[]) => QuestionInput[]) => {
    setQuestions(change);
    setDirty(true);
  };

  const problems = useMemo(() => questions.map(questionProblems), [questions]);
  const badCount = problems.filter((p) => p.length).length;

  const update = (index: number, q: QuestionInput) => {
    edit((list) => list.map((x, i) => (i === index ? q : x)));
    setServerErrors((m) => {
      if (!m.has(index)) return m;
      const next = new Map(m);
      next.delete(index);
      return next;
    });
  };
  const add = (kind: QuestionKind) => {
    edit((list) => [...list, blankQuestion(kind)]);
    setTimeout(() => document.getElementById(`question-${questions.length}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' }));
  };

  const save = async () => {
    setChecked(true);
    setError(null);
    let header: HeaderValues;
    try {
      header = await form.validateFields();
    } catch {
      return;
    }
    if (questions.length === 0) {
      message.error(t('bank.noQuestions'));
      return;
    }
    const firstBad = problems.findIndex((p) => p.length);
    if (firstBad >= 0) {
      message.error(t('bank.fixProblems', { count: badCount }));
      document.getElementById(`question-${firstBad}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    const body: BankInput = {
      name: header.name?.trim() ?? '',
      topic: header.topic ?? '',
      description: header.description?.trim() || null,
      questions: questions.map(questionBody),
    };
    setSaving(true);
    try {
      const saved = bank
        ? await api.put<Bank>(`${BANKS}/${bank.id}`, { ...body, version: bank.version })
        : await api.post<Bank>(BANKS, body);
      await invalidate(BANKS);
      message.success(t(bank ? 'common:form.saved' : 'common:form.created'));
      setServerErrors(new Map());
      setDirty(false);
      if (!bank) navigate(`${PATHS.banks}/${saved.id}`, { replace: true });
    } catch (err) {
      const byQuestion = isApiError(err) ? questionFieldErrors(err.fields) : new Map<number, string[]>();
      setServerErrors(byQuestion);
      const headerPlaced = applyFieldErrors(form, err);
      if (!headerPlaced && byQuestion.size === 0) setError(err);
      const first = [...byQuestion.keys()].sort((a, b) => a - b)[0];
      if (first !== undefined) document.getElementById(`question-${first}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      if (byQuestion.size) message.error(t('bank.fixProblems', { count: byQuestion.size }));
    } finally {
      setSaving(false);
    }
  };

  if (!creating && record.error) return <LoadError error={record.error} onRetry={() => void record.refetch()} />;

  const stale = isApiError(error, 'STALE_VERSION');
  const addButtons = (
    <Space wrap>
      {(['single', 'multiple', 'judge'] as const).map((k) => (
        <Button key={k} icon={<PlusOutlined />} onClick={() => add(k)} data-testid={`add-question-${k}`}>
          {t(`bank.add.${k}`)}
        </Button>
      ))}
    </Space>
  );

  return (
    <PageContainer
      title={creating ? t('banks.create') : (bank?.name ?? t('banks.detail'))}
      subtitle={t('bank.subtitle', { count: questions.length })}
      backTo={PATHS.banks}
      card={false}
      extra={
        <>
          {bank ? (
            <Button
              icon={<UploadOutlined />}
              onClick={() => (dirty ? message.warning(t('bank.saveBeforeImport')) : setImporting(true))}
              data-testid="bank-import"
            >
              {t('bank.import')}
            </Button>
          ) : null}
          <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void save()} data-testid="bank-save">
            {t('common:actions.save')}
          </Button>
        </>
      }
    >
      {error ? (
        <Alert
          type={stale ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 16 }}
          title={stale ? t('common:form.stale') : errorText(error)}
          description={stale ? t('common:form.staleHint') : undefined}
          action={
            stale ? (
              <Button size="small" type="primary" onClick={() => void record.refetch().then(() => setError(null))}>
                {t('common:form.reload')}
              </Button>
            ) : undefined
          }
        />
      ) : null}
      {!creating && record.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Form<HeaderValues> form={form} layout="vertical" disabled={saving} onValuesChange={() => setDirty(true)}>
              <Flex gap={16} wrap>
                <Form.Item
                  name="name"
                  label={t('field.bankName')}
                  rules={[{ required: true, message: t('validation.bankName') }, { max: 100 }]}
                  style={{ flex: '2 1 240px', marginBottom: 12 }}
                >
                  <Input data-testid="bank-name" />
                </Form.Item>
                <Form.Item
                  name="topic"
                  label={t('field.topic')}
                  rules={[{ required: true, message: t('validation.topic') }]}
                  style={{ flex: '1 1 160px', marginBottom: 12 }}
                >
                  <Select options={topics.options} loading={topics.loading} data-testid="bank-topic" />
                </Form.Item>
              </Flex>
              <Form.Item name="description" label={t('field.description')} rules={[{ max: 1000 }]} style={{ marginBottom: 0 }}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
              </Form.Item>
            </Form>
          </Card>
          {checked && badCount ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('bank.fixProblems', { count: badCount })}
              data-testid="bank-problems"
            />
          ) : null}
          <Flex vertical gap={12} style={{ marginBottom: 16 }}>
            {questions.length === 0 ? (
              <Card size="small">
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bank.empty')} />
              </Card>
            ) : (
              questions.map((q, i) => (
                <QuestionEditor
                  // questions have no identity before they are saved; their place is what the editor tracks
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above
                  key={i}
                  index={i}
                  total={questions.length}
                  value={q}
                  onChange={(next) => update(i, next)}
                  onRemove={() => {
                    edit((list) => list.filter((_, j) => j !== i));
                    setServerErrors(new Map());
                  }}
                  onCopy={() => {
                    const { id: _id, ...copy } = q;
                    edit((list) => [...list.slice(0, i + 1), copy, ...list.slice(i + 1)]);
                  }}
                  onMove={(delta) => {
                    edit((list) => moved(list, i, delta));
                    setServerErrors(new Map());
                  }}
                  problems={checked ? (problems[i] ?? null) : null}
                  serverErrors={serverErrors.get(i)}
                />
              ))
            )}
          </Flex>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Flex justify="space-between" align="center" wrap gap={8}>
              {addButtons}
              <Typography.Text type="secondary">{t('bank.count', { count: questions.length })}</Typography.Text>
            </Flex>
          </Card>
          {bank ? (
            <HistoryPanel
              entity={BANK_ENTITY}
              entityId={bank.id}
              version={bank.version}
              fieldLabel={(field) => (HISTORY_FIELDS[field] ? t(HISTORY_FIELDS[field]) : undefined)}
              valueLabel={(field, value) => {
                if (field === 'topic') return topics.label(String(value));
                // the questions as stored are long JSON: how many there were says what changed
                if (field === 'questions' && Array.isArray(value)) return t('bank.count', { count: value.length });
                return undefined;
              }}
            />
          ) : null}
          {bank ? (
            <ImportDialog
              open={importing}
              onClose={() => setImporting(false)}
              title={t('bank.importTitle', { name: bank.name })}
              templatePath={`${BANKS}/import/template`}
              allowValidRows
              importPath={`${BANKS}/${bank.id}/import`}
              invalidate={[BANKS]}
            />
          ) : null}
        </>
      )}
    </PageContainer>
  );
}
