import {
  CheckOutlined,
  DeleteOutlined,
  EditOutlined,
  FileExcelOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  HistoryOutlined,
  RedoOutlined,
  RollbackOutlined,
  SaveOutlined,
  SendOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, type ButtonProps, Card, Flex, Grid, Segmented, Select, Space, Tooltip } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, useNavigate, useParams, useSearchParams } from 'react-router';
import type { SummaryBody, SummaryLang, WorkSummaryDetailDto, WorkSummaryEditInput } from '../../../../contracts/reports';
import { api, download, isApiError, request } from '../../app/api';
import { DetailPage, useErrorText, useInvalidate } from '../../components';
import { formatInZone } from '../maintenance/format';
import { FigureDrawer, type FigureFocus } from './FigureDrawer';
import { bodyProblems, docLang, hasProblems, PATHS, SUMMARIES, type SummaryStep, summarySteps } from './logic';
import { NoteDialog } from './NoteDialog';
import { SummaryStatusTag } from './options';
import { SummaryDocument } from './SummaryDocument';
import { SummaryEditor } from './SummaryEditor';
import { useScopeText } from './useScopeText';
import { useSummary, useSummaryCache } from './useSummary';

interface Editing {
  lang: SummaryLang;
  body: SummaryBody;
  /** the body as loaded, to tell whether anything changed */
  original: SummaryBody;
}

const EXPORTS = [
  { format: 'docx', icon: <FileWordOutlined /> },
  { format: 'pdf', icon: <FilePdfOutlined /> },
  { format: 'xlsx', icon: <FileExcelOutlined /> },
] as const;

/**
 * 工作总结 detail: the document with every figure linked to its records (a click shows how
 * it was computed, each site's value and the comparisons), in Chinese or English; its
 * versions (an older one read-only, restorable); editing the prose of the shown language
 * with figures inserted as tokens; the steps 提交审批 → 审批通过 / 退回 → 重新打开;
 * 重新生成 from today's data; and the Word, PDF and Excel exports.
 */
export default function SummaryDetailPage() {
  const { t, i18n } = useTranslation('summaries');
  const { id } = useParams<{ id: string }>();
  const [search, setSearch] = useSearchParams();
  const asked = Number(search.get('version'));
  const versionNo = Number.isInteger(asked) && asked > 0 ? asked : null;
  const query = useSummary(id, versionNo);
  const s = query.data;
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const prime = useSummaryCache();
  const scopeText = useScopeText();
  const screens = Grid.useBreakpoint();
  const [lang, setLang] = useState<SummaryLang>(() => docLang(i18n.language));
  const [editing, setEditing] = useState<Editing | null>(null);
  const [focus, setFocus] = useState<FigureFocus | null>(null);
  const [dialog, setDialog] = useState<'approve' | 'return' | 'save' | null>(null);
  const [stale, setStale] = useState(false);
  const [exporting, setExporting] = useState<string | null>(null);

  const dirty = editing !== null && JSON.stringify(editing.body) !== JSON.stringify(editing.original);
  const viewingOld = s ? s.versionNo !== s.currentVersionNo : false;
  const steps = s && !editing ? summarySteps(s, viewingOld) : [];
  const at = (iso: string | null) => formatInZone(iso, undefined);

  // edits are not lost by a click on a menu item or a figure's records
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('edit.leaveTitle'),
      content: t('edit.leaveHint'),
      okText: t('edit.leave'),
      okButtonProps: { danger: true },
      cancelText: t('edit.stay'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const showVersion = (no: number | null) => {
    const next = new URLSearchParams(search);
    if (no === null) next.delete('version');
    else next.set('version', String(no));
    setSearch(next, { replace: true });
  };

  /** a step's answer is the summary as it now is: shown at once, lists refreshed */
  const applied = async (detail: WorkSummaryDetailDto | undefined, done: string) => {
    if (detail) prime(detail);
    showVersion(null);
    message.success(done);
    await invalidate(SUMMARIES);
  };

  const failed = async (err: unknown) => {
    message.error(errorText(err));
    // someone else moved it on: show what it is now
    if (isApiError(err, 'STALE_VERSION') || isApiError(err, 'ILLEGAL_TRANSITION')) await invalidate(SUMMARIES);
  };

  const confirmStep = (step: SummaryStep, send: () => Promise<WorkSummaryDetailDto | undefined>, danger = false) =>
    modal.confirm({
      title: t(`step.${step}.confirm`, { number: s?.number, no: s?.versionNo }),
      content: t(`step.${step}.hint`, { no: s?.versionNo }),
      okText: t(`step.${step}.action`),
      okButtonProps: { danger, 'data-testid': `summary-${step}-ok` } as ButtonProps,
      cancelText: t('common:actions.cancel'),
      onOk: async () => {
        try {
          const result = await send();
          if (step === 'delete') {
            message.success(t('step.delete.done'));
            await invalidate(SUMMARIES);
            navigate(PATHS.list, { replace: true });
            return;
          }
          await applied(result, t(`step.${step}.done`));
        } catch (err) {
          await failed(err);
        }
      },
    });

  const exportFile = async (format: 'docx' | 'pdf' | 'xlsx') => {
    if (!s) return;
    setExporting(format);
    try {
      const params = { version: s.versionNo, lang };
      await download(`${SUMMARIES}/${s.id}/export.${format}`, params, `${s.number}.${format}`);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setExporting(null);
    }
  };

  const startEditing = () => {
    if (!s) return;
    setStale(false);
    setEditing({ lang, body: s.body[lang], original: s.body[lang] });
  };

  const cancelEditing = () => {
    if (!dirty) {
      setEditing(null);
      return;
    }
    modal.confirm({
      title: t('edit.discardTitle'),
      content: t('edit.discardHint'),
      okText: t('edit.discard'),
      okButtonProps: { danger: true },
      cancelText: t('edit.stay'),
      onOk: () => setEditing(null),
    });
  };

  const trySave = () => {
    if (!s || !editing) return;
    const problems = bodyProblems(editing.body, s.facts);
    if (hasProblems(problems)) {
      message.error(
        problems.unknown.length
          ? t('edit.fixUnknown', { tokens: problems.unknown.join('、') })
          : problems.titleMissing
            ? t('edit.titleRequired')
            : t('edit.fixEmpty', { count: problems.empty.length }),
      );
      document
        .querySelector('[data-testid="summary-editor"] .ant-input-status-error')
        ?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    setDialog('save');
  };

  const save = async (note: string | null) => {
    if (!s || !editing) return;
    const body: WorkSummaryEditInput = {
      version: s.version,
      // the summary's own title is the Chinese one
      ...(editing.lang === 'zh' ? { title: editing.body.title.trim() } : {}),
      body: { [editing.lang]: { ...editing.body, title: editing.body.title.trim() } },
      note,
    };
    try {
      const saved = await api.put<WorkSummaryDetailDto>(`${SUMMARIES}/${s.id}`, body);
      setDialog(null);
      setEditing(null);
      await applied(saved, t('edit.saved', { no: saved.versionNo }));
    } catch (err) {
      if (!isApiError(err, 'STALE_VERSION')) throw err;
      setDialog(null);
      setStale(true);
    }
  };

  const reloadAfterStale = async () => {
    setEditing(null);
    setStale(false);
    showVersion(null);
    await invalidate(SUMMARIES);
  };

  const buttons: Record<SummaryStep, () => ReactNode> = {
    edit: () => (
      <Button key="edit" icon={<EditOutlined />} onClick={startEditing} data-testid="summary-edit">
        {t('edit.start')}
      </Button>
    ),
    regenerate: () => (
      <Button
        key="regenerate"
        icon={<RedoOutlined />}
        onClick={() => s && confirmStep('regenerate', () => api.post(`${SUMMARIES}/${s.id}/regenerate`, { version: s.version }), true)}
        data-testid="summary-regenerate"
      >
        {t('step.regenerate.action')}
      </Button>
    ),
    submit: () => (
      <Button
        key="submit"
        type="primary"
        icon={<SendOutlined />}
        onClick={() => s && confirmStep('submit', () => api.post(`${SUMMARIES}/${s.id}/submit`, { version: s.version }))}
        data-testid="summary-submit"
      >
        {t('step.submit.action')}
      </Button>
    ),
    approve: () => (
      <Button key="approve" type="primary" icon={<CheckOutlined />} onClick={() => setDialog('approve')} data-testid="summary-approve">
        {t('step.approve.action')}
      </Button>
    ),
    return: () => (
      <Button key="return" danger icon={<RollbackOutlined />} onClick={() => setDialog('return')} data-testid="summary-return">
        {t('step.return.action')}
      </Button>
    ),
    reopen: () => (
      <Button
        key="reopen"
        icon={<UnlockOutlined />}
        onClick={() => s && confirmStep('reopen', () => api.post(`${SUMMARIES}/${s.id}/reopen`, { version: s.version }))}
        data-testid="summary-reopen"
      >
        {t('step.reopen.action')}
      </Button>
    ),
    delete: () => (
      <Button
        key="delete"
        danger
        icon={<DeleteOutlined />}
        onClick={() =>
          s && confirmStep('delete', () => request('DELETE', `${SUMMARIES}/${s.id}`, { params: { version: s.version } }), true)
        }
        data-testid="summary-delete"
      >
        {t('step.delete.action')}
      </Button>
    ),
    restore: () => (
      <Button
        key="restore"
        type="primary"
        icon={<HistoryOutlined />}
        onClick={() =>
          s && confirmStep('restore', () => api.post(`${SUMMARIES}/${s.id}/restore`, { version: s.version, versionNo: s.versionNo }))
        }
        data-testid="summary-restore"
      >
        {t('step.restore.action')}
      </Button>
    ),
  };

  const actions = editing ? (
    <Space wrap>
      <Button type="primary" icon={<SaveOutlined />} onClick={trySave} data-testid="summary-save">
        {t('edit.save')}
      </Button>
      <Button onClick={cancelEditing} data-testid="summary-cancel-edit">
        {t('common:actions.cancel')}
      </Button>
    </Space>
  ) : (
    <Space wrap>{steps.map((step) => buttons[step]())}</Space>
  );

  const items = s
    ? [
        { key: 'status', label: t('field.status'), children: <SummaryStatusTag status={s.status} /> },
        {
          key: 'period',
          label: t('field.period'),
          children: t('detail.period', { label: s.period.label[docLang(i18n.language)], start: s.period.startDate, end: s.period.endDate }),
        },
        { key: 'sites', label: t('field.sites'), children: scopeText({ ...s, departmentName: null }) },
        ...(s.departmentName ? [{ key: 'department', label: t('field.department'), children: s.departmentName }] : []),
        { key: 'author', label: t('field.author'), children: `${s.authorName} · ${at(s.createdAt)}` },
        ...(s.submittedAt ? [{ key: 'submitted', label: t('field.submittedAt'), children: at(s.submittedAt) }] : []),
        ...(s.approvedAt
          ? [{ key: 'approved', label: t('field.approvedBy'), children: `${s.approvedByName ?? '—'} · ${at(s.approvedAt)}` }]
          : []),
        ...(s.approvalNote ? [{ key: 'approvalNote', label: t('field.approvalNote'), children: s.approvalNote }] : []),
        { key: 'data', label: t('field.dataAt'), children: at(s.facts.generatedAt) },
      ]
    : [];

  const versionOptions = (s?.versions ?? []).map((v) => ({
    value: v.no,
    label: [
      t('version.label', { no: v.no }),
      t(`version.kind.${v.kind}`),
      v.createdByName,
      at(v.createdAt),
      v.no === s?.currentVersionNo ? t('version.current') : null,
    ]
      .filter(Boolean)
      .join(' · '),
    title: v.note ?? undefined,
  }));
  const shownVersion = s?.versions.find((v) => v.no === s.versionNo);

  const toolbar = s ? (
    <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
      <Select<number>
        value={s.versionNo}
        options={versionOptions}
        onChange={(no) => showVersion(no === s.currentVersionNo ? null : no)}
        disabled={editing !== null}
        style={{ width: screens.sm ? 400 : '100%' }}
        popupMatchSelectWidth={false}
        aria-label={t('version.select')}
        data-testid="summary-version"
      />
      <Tooltip title={editing ? t('edit.langLocked') : undefined}>
        <Segmented<SummaryLang>
          value={editing?.lang ?? lang}
          onChange={setLang}
          disabled={editing !== null}
          options={[
            { value: 'zh', label: t('lang.zh') },
            { value: 'en', label: t('lang.en') },
          ]}
          data-testid="summary-lang"
        />
      </Tooltip>
      <Space wrap size={8} style={{ marginInlineStart: screens.sm ? 'auto' : undefined }}>
        {EXPORTS.map((e) => (
          <Button
            key={e.format}
            icon={e.icon}
            loading={exporting === e.format}
            onClick={() => void exportFile(e.format)}
            data-testid={`summary-export-${e.format}`}
          >
            {t(`export.${e.format}`)}
          </Button>
        ))}
      </Space>
    </Flex>
  ) : null;

  return (
    <DetailPage
      title={s ? `${s.number} ${s.title}` : t('detail.title')}
      subtitle={s ? `${s.period.label[docLang(i18n.language)]} · ${scopeText(s)}` : undefined}
      backTo={PATHS.list}
      loading={query.isPending}
      error={query.error}
      onRetry={() => void query.refetch()}
      actions={s ? actions : null}
      items={items}
    >
      {s ? (
        <>
          {s.status === 'returned' && s.returnReason ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('detail.returned')}
              description={<span style={{ whiteSpace: 'pre-wrap' }}>{s.returnReason}</span>}
              data-testid="summary-returned"
            />
          ) : null}
          {viewingOld && shownVersion ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('version.old', {
                no: shownVersion.no,
                kind: t(`version.kind.${shownVersion.kind}`),
                name: shownVersion.createdByName,
                at: at(shownVersion.createdAt),
              })}
              description={shownVersion.note ? t('version.note', { note: shownVersion.note }) : undefined}
              action={
                <Button size="small" type="link" onClick={() => showVersion(null)} data-testid="summary-show-current">
                  {t('version.showCurrent')}
                </Button>
              }
              data-testid="summary-old-version"
            />
          ) : null}
          {stale ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('edit.stale')}
              description={t('edit.staleHint')}
              action={
                <Button size="small" danger onClick={() => void reloadAfterStale()} data-testid="summary-reload">
                  {t('common:form.reload')}
                </Button>
              }
              data-testid="summary-stale"
            />
          ) : null}
          <Card styles={{ body: { padding: 'clamp(12px, 3vw, 32px)' } }}>
            {toolbar}
            {editing ? (
              <>
                <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('edit.hint', { lang: t(`lang.${editing.lang}`) })} />
                <SummaryEditor
                  body={editing.body}
                  data={s.facts}
                  lang={editing.lang}
                  onChange={(body) => setEditing({ ...editing, body })}
                  onFigure={setFocus}
                />
                <Flex justify="flex-end" gap={8} style={{ marginTop: 16 }}>
                  <Button onClick={cancelEditing}>{t('common:actions.cancel')}</Button>
                  <Button type="primary" icon={<SaveOutlined />} onClick={trySave} data-testid="summary-save-bottom">
                    {t('edit.save')}
                  </Button>
                </Flex>
              </>
            ) : (
              <SummaryDocument body={s.body[lang]} data={s.facts} lang={lang} onFigure={setFocus} />
            )}
          </Card>
          <FigureDrawer focus={focus} data={s.facts} lang={editing?.lang ?? lang} onClose={() => setFocus(null)} />
          <NoteDialog
            open={dialog === 'approve'}
            title={t('step.approve.confirm', { number: s.number })}
            hint={t('step.approve.hint')}
            label={t('step.approve.note')}
            okText={t('step.approve.action')}
            onSubmit={async (note) => {
              const result = await api.post<WorkSummaryDetailDto>(`${SUMMARIES}/${s.id}/approve`, { version: s.version, note });
              setDialog(null);
              await applied(result, t('step.approve.done'));
            }}
            onClose={() => setDialog(null)}
            testId="summary-approve-dialog"
          />
          <NoteDialog
            open={dialog === 'return'}
            title={t('step.return.confirm', { number: s.number })}
            hint={t('step.return.hint')}
            label={t('step.return.reason')}
            requiredMessage={t('step.return.reasonRequired')}
            okText={t('step.return.action')}
            danger
            onSubmit={async (reason) => {
              const result = await api.post<WorkSummaryDetailDto>(`${SUMMARIES}/${s.id}/return`, { version: s.version, reason });
              setDialog(null);
              await applied(result, t('step.return.done'));
            }}
            onClose={() => setDialog(null)}
            testId="summary-return-dialog"
          />
          <NoteDialog
            open={dialog === 'save'}
            title={t('edit.saveTitle', { no: s.currentVersionNo + 1 })}
            hint={t('edit.saveHint')}
            label={t('edit.note')}
            okText={t('edit.save')}
            onSubmit={save}
            onClose={() => setDialog(null)}
            testId="summary-save-dialog"
          />
        </>
      ) : null}
    </DetailPage>
  );
}
