import {
  CameraOutlined,
  CheckCircleFilled,
  CloseOutlined,
  EditOutlined,
  ExclamationCircleFilled,
  MinusCircleFilled,
  WarningFilled,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Descriptions,
  Empty,
  Flex,
  Image,
  Input,
  InputNumber,
  Progress,
  Radio,
  Space,
  Spin,
  Tag,
  Typography,
  theme,
} from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  ChecklistAnswer,
  ChecklistFinding,
  ChecklistItem,
  ChecklistResultDto,
  ChecklistResultInput,
  FindingReason,
  PassFail,
} from '../../../contracts/checklists';
import { apiUrl, isApiError, upload } from '../app/api';
import { useMe } from '../app/auth';
import type { Attachment } from './AttachmentsPanel';
import { type AnswerMap, answerList, answerMap, checklistHints, expectedText, fieldItemKey, type ItemHint } from './checklistAnswers';
import { useErrorText } from './useErrorText';

export interface ChecklistFormProps {
  result: ChecklistResultDto;
  /** the attachment owner photos are uploaded to (one the person may write to while filling) */
  photoOwner: { ownerType: string; ownerId: string };
  /** stores the answers (PUT …/checklist) and answers the saved result */
  save: (input: ChecklistResultInput) => Promise<ChecklistResultDto>;
  /** after a save; `submitted` when it was the final submit */
  onSaved?: (result: ChecklistResultDto, submitted: boolean) => void;
  /** someone else saved in between: read the result again */
  onReload?: () => void;
  /**
   * What a failed item becomes when submitted, for the texts that say so: a repair work
   * order (maintenance, the default), a finding (patrol points) or nothing (an etiquette
   * check keeps its failed items and a score).
   */
  followUp?: ChecklistFollowUpKind;
}

export type ChecklistFollowUpKind = 'work_order' | 'finding' | 'none';

/** the i18next context of the texts that name the follow-up (`warnFailed_finding`, `…_none`) */
const followUpContext = (kind: ChecklistFollowUpKind | undefined) => (kind && kind !== 'work_order' ? kind : undefined);

const PHOTO_EDGE = 1600;
const THUMB = 64;
const photoUrl = (id: string) => apiUrl(`/attachments/${id}/content`);

/**
 * Phone photos are several MB; a 1600 px JPEG keeps the defect readable and uploads
 * quickly on a mobile connection. Anything the browser cannot decode goes up as it is.
 */
async function shrink(file: File): Promise<Blob> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, PHOTO_EDGE / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.size < 1024 * 1024) return file;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  }
}

/**
 * Fills one checklist on a phone: big 合格 / 不合格 / 不适用 buttons, numbers with
 * their unit and allowed band (a value outside it is flagged at once), choices,
 * text, photos taken with the camera and the signer's name; 保存草稿 at any time and
 * 提交 after a confirmation listing the findings that will become follow-up work
 * orders. Once submitted (or when the person may not fill it) it shows the answers,
 * findings and follow-ups read-only. Patrols and readings reuse it.
 */
export function ChecklistForm(props: ChecklistFormProps) {
  const { result } = props;
  const editable = result.status === 'draft' && result.canFill;
  return editable ? <FillForm {...props} /> : <ChecklistResultView result={result} />;
}

function FillForm({ result, photoOwner, save, onSaved, onReload, followUp }: ChecklistFormProps) {
  const context = followUpContext(followUp);
  const { t } = useTranslation('checklists');
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const { token } = theme.useToken();
  const [answers, setAnswers] = useState<AnswerMap>(() => answerMap(result.answers));
  const [showMissing, setShowMissing] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null);
  const root = useRef<HTMLDivElement>(null);

  // a newer stored result (another save, a reload after 409) replaces the local edits
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when another version of the result arrives
  useEffect(() => {
    setAnswers(answerMap(result.answers));
    setServerErrors({});
  }, [result.id, result.version]);

  const hints = checklistHints(result.items, answers);

  const change = (key: string, patch: Partial<ChecklistAnswer>) => {
    setAnswers((prev) => ({ ...prev, [key]: { key, value: null, photoIds: [], note: null, ...prev[key], ...patch } }));
    setServerErrors((prev) => {
      if (!prev[key]) return prev;
      const { [key]: _gone, ...rest } = prev;
      return rest;
    });
  };

  const scrollTo = (key: string) =>
    root.current?.querySelector(`[data-item="${key}"]`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });

  const send = async (submit: boolean) => {
    const sent = answerList(result.items, answers);
    setBusy(submit ? 'submit' : 'draft');
    setError(null);
    try {
      const saved = await save({ answers: sent, submit, version: result.version });
      message.success(submit ? t('fill.submitted') : t('fill.draftSaved'));
      onSaved?.(saved, submit);
    } catch (err) {
      if (isApiError(err, 'STALE_VERSION')) {
        message.warning(t('fill.stale'));
        onReload?.();
      } else if (isApiError(err) && err.fields.length) {
        const byKey: Record<string, string[]> = {};
        const rest: string[] = [];
        for (const f of err.fields) {
          const key = fieldItemKey(f.field, sent);
          if (key) byKey[key] = [...(byKey[key] ?? []), f.message];
          else rest.push(f.message);
        }
        setServerErrors(byKey);
        if (rest.length) setError(err);
        const first = result.items.find((i) => byKey[i.key]);
        if (first) scrollTo(first.key);
      } else setError(err);
    } finally {
      setBusy(null);
    }
  };

  const submit = () => {
    if (hints.missing > 0) {
      setShowMissing(true);
      const first = result.items.find((i) => hints.byKey[i.key]?.missing);
      if (first) scrollTo(first.key);
      message.warning(t('fill.missingCount', { count: hints.missing }));
      return;
    }
    const findings = hints.findings;
    modal.confirm({
      title: t('fill.confirmTitle'),
      icon: findings.length ? (
        <WarningFilled style={{ color: token.colorWarning }} />
      ) : (
        <CheckCircleFilled style={{ color: token.colorSuccess }} />
      ),
      content: findings.length ? (
        <div data-testid="checklist-confirm-findings">
          <Typography.Paragraph>{t('fill.confirmFindings', { count: findings.length, context })}</Typography.Paragraph>
          <FindingList findings={findings} />
        </div>
      ) : (
        t('fill.confirmAllPass')
      ),
      okText: t('fill.submit'),
      cancelText: t('fill.back'),
      okButtonProps: { 'data-testid': 'checklist-confirm' } as ButtonProps,
      onOk: () => send(true),
    });
  };

  return (
    <div ref={root} data-testid="checklist-form">
      <Flex align="center" gap={12} wrap style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">
          {result.templateName} · {t('fill.templateVersion', { version: result.templateVersion })}
        </Typography.Text>
        {result.filledByName ? (
          <Typography.Text type="secondary">{t('fill.draftBy', { name: result.filledByName })}</Typography.Text>
        ) : null}
      </Flex>
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(error)} /> : null}
      <div>
        {result.items.map((item, index) => (
          <ItemField
            key={item.key}
            index={index}
            item={item}
            answer={answers[item.key]}
            hint={hints.byKey[item.key] as ItemHint}
            showMissing={showMissing}
            errors={serverErrors[item.key]}
            photoOwner={photoOwner}
            context={context}
            onChange={(patch) => change(item.key, patch)}
          />
        ))}
      </div>
      <div
        style={{
          position: 'sticky',
          bottom: 0,
          zIndex: 2,
          background: token.colorBgContainer,
          borderTop: `1px solid ${token.colorSplit}`,
          padding: '10px 0',
          marginTop: 4,
        }}
      >
        <Flex align="center" gap={12} wrap justify="space-between">
          <div style={{ flex: '1 1 140px', minWidth: 120 }}>
            <Progress
              percent={Math.round((hints.answered / Math.max(1, hints.total)) * 100)}
              size="small"
              showInfo={false}
              status={hints.missing ? 'active' : 'success'}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="checklist-progress">
              {t('fill.progress', { answered: hints.answered, total: hints.total })}
              {hints.findings.length ? ` · ${t('fill.findingsSoFar', { count: hints.findings.length })}` : ''}
            </Typography.Text>
          </div>
          <Space>
            <Button
              size="large"
              loading={busy === 'draft'}
              disabled={busy === 'submit'}
              onClick={() => void send(false)}
              data-testid="checklist-draft"
            >
              {t('fill.saveDraft')}
            </Button>
            <Button
              size="large"
              type="primary"
              loading={busy === 'submit'}
              disabled={busy === 'draft'}
              onClick={submit}
              data-testid="checklist-submit"
            >
              {t('fill.submit')}
            </Button>
          </Space>
        </Flex>
      </div>
    </div>
  );
}

function ItemField(props: {
  index: number;
  item: ChecklistItem;
  answer: ChecklistAnswer | undefined;
  hint: ItemHint;
  showMissing: boolean;
  errors: string[] | undefined;
  photoOwner: ChecklistFormProps['photoOwner'];
  context: string | undefined;
  onChange: (patch: Partial<ChecklistAnswer>) => void;
}) {
  const { item, answer, hint, onChange } = props;
  const { t } = useTranslation('checklists');
  const { token } = theme.useToken();
  const me = useMe();
  const value = answer?.value ?? null;
  const photos = answer?.photoIds ?? [];
  const missing = props.showMissing ? hint.missing : null;
  const band = item.kind === 'number' ? expectedText(item) : null;
  const failed = hint.finding !== null;
  const showEvidence = item.kind === 'pass_fail' && value === 'fail';

  let input: ReactNode = null;
  switch (item.kind) {
    case 'pass_fail':
      input = <PassFailButtons value={value as PassFail | null} onChange={(v) => onChange({ value: v })} />;
      break;
    case 'number':
      input = (
        <InputNumber
          size="large"
          inputMode="decimal"
          value={typeof value === 'number' ? value : null}
          onChange={(v) => onChange({ value: typeof v === 'number' && Number.isFinite(v) ? v : null })}
          suffix={item.unit ?? undefined}
          status={failed ? 'warning' : missing ? 'error' : undefined}
          placeholder={t('fill.numberPlaceholder')}
          style={{ width: '100%', maxWidth: 260 }}
          data-testid={`checklist-number-${item.key}`}
        />
      );
      break;
    case 'choice':
      input = (
        <Radio.Group value={value} onChange={(e) => onChange({ value: e.target.value as string })} style={{ display: 'grid', gap: 4 }}>
          {(item.options ?? []).map((o) => (
            <Radio key={o} value={o} style={{ padding: '6px 0' }}>
              {o}
              {(item.failOptions ?? []).includes(o) ? (
                <Tag color="red" style={{ marginInlineStart: 8 }} bordered={false}>
                  {t('fill.failOption')}
                </Tag>
              ) : null}
            </Radio>
          ))}
        </Radio.Group>
      );
      break;
    case 'text':
      input = (
        <Input.TextArea
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange({ value: e.target.value })}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          status={missing ? 'error' : undefined}
        />
      );
      break;
    case 'photo':
      input = <PhotoField photoIds={photos} owner={props.photoOwner} onChange={(ids) => onChange({ photoIds: ids })} />;
      break;
    case 'signature':
      input = (
        <Space.Compact style={{ width: '100%', maxWidth: 360 }}>
          <Input
            size="large"
            prefix={<EditOutlined />}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => onChange({ value: e.target.value })}
            placeholder={t('fill.signaturePlaceholder')}
            maxLength={100}
            status={missing ? 'error' : undefined}
          />
          <Button size="large" onClick={() => onChange({ value: me.user.name })}>
            {t('fill.signAsMe')}
          </Button>
        </Space.Compact>
      );
      break;
  }

  const borderColor = missing || props.errors?.length ? token.colorError : failed ? token.colorWarning : token.colorSplit;

  return (
    <div
      data-item={item.key}
      data-testid={`checklist-item-${item.key}`}
      style={{
        padding: '12px 12px 14px',
        marginBottom: 10,
        border: `1px solid ${borderColor}`,
        borderRadius: token.borderRadiusLG,
        background: failed ? token.colorWarningBg : undefined,
      }}
    >
      <Flex gap={8} align="flex-start" style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary" style={{ minWidth: 20 }}>
          {props.index + 1}.
        </Typography.Text>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong>
            {item.label}
            {item.required ? <span style={{ color: token.colorError, marginInlineStart: 2 }}>*</span> : null}
          </Typography.Text>
          {item.hint ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {item.hint}
            </Typography.Text>
          ) : null}
          {band ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('fill.band', { band })}
            </Typography.Text>
          ) : null}
        </div>
        <ItemStateIcon hint={hint} />
      </Flex>
      {input}
      {failed && hint.finding ? (
        <Typography.Text type="warning" style={{ display: 'block', marginTop: 6 }} data-testid={`checklist-warning-${item.key}`}>
          <WarningFilled /> {findingText(t, hint.finding, value, band, props.context)}
        </Typography.Text>
      ) : null}
      {showEvidence ? (
        <div style={{ marginTop: 10 }}>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 4 }}>
            {item.photoOnFail ? t('fill.evidenceRequired') : t('fill.evidenceOptional')}
          </Typography.Text>
          <PhotoField photoIds={photos} owner={props.photoOwner} onChange={(ids) => onChange({ photoIds: ids })} />
        </div>
      ) : null}
      {failed ? (
        <Input.TextArea
          style={{ marginTop: 10 }}
          value={answer?.note ?? ''}
          onChange={(e) => onChange({ note: e.target.value })}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={500}
          placeholder={t('fill.notePlaceholder', { context: props.context })}
        />
      ) : null}
      {missing ? (
        <Typography.Text type="danger" style={{ display: 'block', marginTop: 6 }}>
          {t(`fill.missing.${missing}`)}
        </Typography.Text>
      ) : null}
      {props.errors?.map((e) => (
        <Typography.Text key={e} type="danger" style={{ display: 'block', marginTop: 6 }}>
          {e}
        </Typography.Text>
      ))}
    </div>
  );
}

function ItemStateIcon({ hint }: { hint: ItemHint }) {
  const { token } = theme.useToken();
  if (hint.finding) return <ExclamationCircleFilled style={{ color: token.colorWarning, fontSize: 18 }} />;
  if (hint.answered && !hint.missing) return <CheckCircleFilled style={{ color: token.colorSuccess, fontSize: 18 }} />;
  return <MinusCircleFilled style={{ color: token.colorTextQuaternary, fontSize: 18 }} />;
}

/** 合格 / 不合格 / 不适用 as three large buttons, each a thumb's width on a phone. */
function PassFailButtons({ value, onChange }: { value: PassFail | null; onChange: (v: PassFail) => void }) {
  const { t } = useTranslation('checklists');
  const { token } = theme.useToken();
  const choices: { v: PassFail; color: 'green' | 'red' | 'default' }[] = [
    { v: 'pass', color: 'green' },
    { v: 'fail', color: 'red' },
    { v: 'na', color: 'default' },
  ];
  // a chosen N.A. is neutral grey, not the near-black of a solid default button
  const naOn = { background: token.colorTextTertiary, borderColor: token.colorTextTertiary, color: token.colorWhite };
  return (
    <Flex gap={8} role="radiogroup">
      {choices.map(({ v, color }) => {
        const on = value === v;
        return (
          <Button
            key={v}
            role="radio"
            aria-checked={on}
            size="large"
            color={color}
            variant={on ? 'solid' : 'outlined'}
            style={{ flex: 1, minWidth: 0, height: 48, ...(on && v === 'na' ? naOn : {}) }}
            onClick={() => onChange(v)}
            data-testid={`answer-${v}`}
          >
            {t(`passFail.${v}`)}
          </Button>
        );
      })}
    </Flex>
  );
}

/** Photos of an item: thumbnails that open full size, remove, and 拍照 straight to the rear camera. */
function PhotoField({
  photoIds,
  owner,
  onChange,
  readOnly = false,
}: {
  photoIds: string[];
  owner?: ChecklistFormProps['photoOwner'];
  onChange?: (ids: string[]) => void;
  readOnly?: boolean;
}) {
  const { t } = useTranslation('checklists');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(0);
  // uploads finishing one after another must all land, whatever the render in between
  const latest = useRef(photoIds);
  latest.current = photoIds;

  const add = async (files: FileList | null) => {
    if (!files?.length || !owner) return;
    for (const file of Array.from(files)) {
      setUploading((n) => n + 1);
      try {
        const body = await shrink(file);
        const form = new FormData();
        form.append('ownerType', owner.ownerType);
        form.append('ownerId', owner.ownerId);
        const name = body === file ? file.name : `${file.name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`;
        form.append('file', body, name);
        const saved = await upload<Attachment>('/attachments', form);
        latest.current = [...latest.current, saved.id];
        onChange?.(latest.current);
      } catch (err) {
        message.error(errorText(err));
      } finally {
        setUploading((n) => n - 1);
      }
    }
    if (input.current) input.current.value = '';
  };

  return (
    <Flex gap={8} wrap align="center">
      <Image.PreviewGroup>
        {photoIds.map((id) => (
          <div key={id} style={{ position: 'relative', width: THUMB, height: THUMB }}>
            <Image src={photoUrl(id)} width={THUMB} height={THUMB} style={{ objectFit: 'cover', borderRadius: 6 }} alt="" />
            {readOnly ? null : (
              <Button
                size="small"
                shape="circle"
                icon={<CloseOutlined />}
                aria-label={t('fill.removePhoto')}
                onClick={() => onChange?.(photoIds.filter((p) => p !== id))}
                style={{ position: 'absolute', top: -8, right: -8 }}
              />
            )}
          </div>
        ))}
      </Image.PreviewGroup>
      {uploading > 0 ? (
        <div style={{ width: THUMB, height: THUMB, display: 'grid', placeItems: 'center' }}>
          <Spin />
        </div>
      ) : null}
      {readOnly ? null : (
        <>
          <input
            ref={input}
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            hidden
            onChange={(e) => void add(e.target.files)}
            data-testid="checklist-photo-input"
          />
          <Button size="large" icon={<CameraOutlined />} onClick={() => input.current?.click()} style={{ height: THUMB }}>
            {t('fill.takePhoto')}
          </Button>
        </>
      )}
      {readOnly && photoIds.length === 0 ? <Typography.Text type="secondary">—</Typography.Text> : null}
    </Flex>
  );
}

type T = ReturnType<typeof useTranslation<'checklists'>>['t'];

function valueText(t: T, value: ChecklistAnswer['value'], item?: ChecklistItem): string {
  if (value === null || value === undefined || value === '') return '—';
  if (value === 'pass' || value === 'fail' || value === 'na') {
    if (!item || item.kind === 'pass_fail') return t(`passFail.${value}`);
  }
  if (typeof value === 'number') return item?.unit ? `${value} ${item.unit}` : String(value);
  return String(value);
}

function findingText(t: T, reason: FindingReason, value: ChecklistAnswer['value'], band: string | null, context?: string): string {
  const text = t(`reason.${reason}`);
  if (reason === 'failed' || reason === 'fail_option' || !band) return t('fill.warnFailed', { reason: text, context });
  return t('fill.warnBand', { reason: text, value: String(value), band, context });
}

/** The findings of a checklist: what failed, what was entered and what was allowed. */
export function FindingList({ findings, followUps = [] }: { findings: ChecklistFinding[]; followUps?: ChecklistResultDto['followUps'] }) {
  const { t } = useTranslation('checklists');
  return (
    <ul style={{ paddingInlineStart: 18, margin: 0 }} data-testid="checklist-findings">
      {findings.map((f) => {
        const follow = followUps.find((u) => u.key === f.key);
        return (
          <li key={f.key} style={{ marginBottom: 6 }}>
            <Typography.Text strong>{f.label}</Typography.Text>
            <Typography.Text type="danger"> {t(`reason.${f.reason}`)}</Typography.Text>
            {f.reason !== 'failed' ? (
              <Typography.Text type="secondary">
                {' '}
                {valueText(t, f.value)}
                {f.expected ? ` · ${t('fill.band', { band: f.expected })}` : ''}
              </Typography.Text>
            ) : null}
            {f.note ? <Typography.Text style={{ display: 'block' }}>{f.note}</Typography.Text> : null}
            {follow ? (
              <Link
                to={follow.type === 'finding' ? `/hazards/findings/${follow.id}` : `/work-orders/${follow.id}`}
                style={{ display: 'block' }}
                data-testid="checklist-follow-up"
              >
                {t(follow.type === 'finding' ? 'view.followUpFinding' : 'view.followUp', { number: follow.number })}
              </Link>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** A filled checklist, read-only: who submitted it when, findings with their follow-up orders, every answer. */
export function ChecklistResultView({ result }: { result: ChecklistResultDto }) {
  const { t } = useTranslation('checklists');
  const byKey = answerMap(result.answers);
  const findingKeys = new Set(result.findings.map((f) => f.key));
  const submitted = result.status === 'submitted';
  return (
    <div data-testid="checklist-view">
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Tag color={submitted ? 'success' : 'processing'}>{t(`status.${result.status}`)}</Tag>
        <Typography.Text type="secondary">
          {result.templateName} · {t('fill.templateVersion', { version: result.templateVersion })}
        </Typography.Text>
        {submitted && result.submittedAt ? (
          <Typography.Text type="secondary">
            {t('view.submittedBy', { name: result.filledByName ?? '—', time: dayjs(result.submittedAt).format('YYYY-MM-DD HH:mm') })}
          </Typography.Text>
        ) : null}
      </Flex>
      {submitted ? (
        result.findings.length ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t(
              result.followUps.some((u) => u.type === 'finding')
                ? 'view.findingsRecorded'
                : result.followUps.length
                  ? 'view.findings'
                  : 'view.findingsOnly',
              {
                count: result.findings.length,
              },
            )}
            description={<FindingList findings={result.findings} followUps={result.followUps} />}
          />
        ) : (
          <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('view.allPassed')} />
        )
      ) : null}
      {result.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Descriptions
          size="small"
          column={1}
          bordered
          styles={{ label: { width: '45%' } }}
          items={result.items.map((item) => {
            const a = byKey[item.key];
            const bad = findingKeys.has(item.key);
            const photos = a?.photoIds ?? [];
            return {
              key: item.key,
              label: item.label,
              children: (
                <div>
                  {item.kind === 'photo' ? null : (
                    <Typography.Text type={bad ? 'danger' : undefined} strong={bad}>
                      {valueText(t, a?.value ?? null, item)}
                    </Typography.Text>
                  )}
                  {photos.length || item.kind === 'photo' ? (
                    <div style={{ marginTop: item.kind === 'photo' ? 0 : 6 }}>
                      <PhotoField photoIds={photos} readOnly />
                    </div>
                  ) : null}
                  {a?.note ? (
                    <Typography.Text type="secondary" style={{ display: 'block' }}>
                      {a.note}
                    </Typography.Text>
                  ) : null}
                </div>
              ),
            };
          })}
        />
      )}
    </div>
  );
}
