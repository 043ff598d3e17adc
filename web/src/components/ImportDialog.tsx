import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Flex, Grid, Modal, Progress, Result, Space, Table, Typography, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download, type QueryParams, upload } from '../app/api';
import { useInvalidate } from './hooks';
import { useErrorText } from './useErrorText';

/** What POST …/import?dryRun=1|0 answers (server/src/platform/http/import.ts). */
export interface ImportResult {
  dryRun: boolean;
  /** 'all' (any error imports nothing) or 'valid' (only the rows without errors) */
  mode?: 'all' | 'valid';
  total: number;
  /** rows without any error */
  valid?: number;
  imported: number;
  errors: { row: number; column: string; message: string }[];
  preview: { row: number; values: Record<string, unknown> }[];
}

export interface ImportDialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  /** GET path of the template, e.g. '/locations/import-template' */
  templatePath: string;
  /** POST path of the import, e.g. '/locations/import' */
  importPath: string;
  /** extra query parameters for template and import (e.g. { siteId }) */
  params?: QueryParams;
  /** resources to refresh after a successful import */
  invalidate?: string[];
  onImported?: (result: ImportResult) => void;
  /** how preview values are titled and shown; default: every key of the preview, as is */
  previewColumns?: { key: string; title: string; render?: (value: unknown) => ReactNode }[];
  /**
   * offers 仅导入无误的行 when the check found errors: the person may then import the
   * rows without errors (`mode=valid`) and leave the others out. Default off: any error imports nothing.
   */
  allowValidRows?: boolean;
  /** shown beside 下载模板 (e.g. a choice that shapes the template, sent through `params`) */
  templateExtra?: ReactNode;
}

type Stage = 'pick' | 'uploading' | 'checked' | 'importing' | 'done';

function displayValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * Spreadsheet import in two steps: the file is checked first (dry run: preview of
 * every row, errors by row and column) and only a clean file can be imported — in
 * one transaction, all rows or none.
 */
export function ImportDialog(props: ImportDialogProps) {
  const { t } = useTranslation('common');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const screens = Grid.useBreakpoint();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>('pick');
  const [percent, setPercent] = useState(0);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [validOnly, setValidOnly] = useState(false);
  const busy = stage === 'uploading' || stage === 'importing';

  const reset = () => {
    setFile(null);
    setStage('pick');
    setPercent(0);
    setResult(null);
    setError(null);
    setValidOnly(false);
  };

  const close = () => {
    if (busy) return;
    reset();
    props.onClose();
  };

  const send = async (dryRun: boolean, mode: 'all' | 'valid' = 'all') => {
    if (!file) return;
    setError(null);
    setPercent(0);
    setStage(dryRun ? 'uploading' : 'importing');
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const query = { ...props.params, dryRun: dryRun ? '1' : '0', ...(mode === 'valid' ? { mode } : {}) };
      const res = await upload<ImportResult>(props.importPath, form, query, setPercent);
      setResult(res);
      if (!dryRun && (res.errors.length === 0 || (mode === 'valid' && res.imported > 0))) {
        await invalidate(...(props.invalidate ?? []));
        message.success(t('import.success', { count: res.imported }));
        props.onImported?.(res);
        setStage('done');
      } else {
        setStage('checked');
      }
    } catch (err) {
      setError(err);
      setStage('pick');
    }
  };

  const templateDownload = async () => {
    try {
      await download(props.templatePath, props.params, `${props.title}.xlsx`);
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const previewColumns: NonNullable<ImportDialogProps['previewColumns']> =
    props.previewColumns ?? [...new Set((result?.preview ?? []).flatMap((p) => Object.keys(p.values)))].map((key) => ({ key, title: key }));
  const errors = result?.errors ?? [];
  const clean = result !== null && errors.length === 0;
  const validCount = result?.valid ?? 0;
  const partialPossible = Boolean(props.allowValidRows) && result?.dryRun && !clean && validCount > 0;
  const skippedRows = new Set(errors.map((e) => e.row)).size;

  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={close}
      width={screens.md ? 860 : '100%'}
      mask={{ closable: false }}
      footer={
        stage === 'done' ? (
          <Button type="primary" onClick={close}>
            {t('actions.close')}
          </Button>
        ) : (
          <Flex justify="flex-end" gap={8} wrap>
            <Button onClick={close} disabled={busy}>
              {t('actions.cancel')}
            </Button>
            {result ? (
              <Button onClick={reset} disabled={busy}>
                {t('import.chooseAgain')}
              </Button>
            ) : null}
            {result && clean ? (
              <Button type="primary" loading={stage === 'importing'} onClick={() => void send(false)} data-testid="import-confirm">
                {t('import.confirm', { count: result.total })}
              </Button>
            ) : partialPossible && validOnly ? (
              <Button
                type="primary"
                loading={stage === 'importing'}
                onClick={() => void send(false, 'valid')}
                data-testid="import-confirm-valid"
              >
                {t('import.confirmValid', { count: validCount, defaultValue: '导入无误的 {{count}} 行' })}
              </Button>
            ) : (
              <Button
                type="primary"
                disabled={!file || Boolean(result)}
                loading={stage === 'uploading'}
                onClick={() => void send(true)}
                data-testid="import-check"
              >
                {t('import.check')}
              </Button>
            )}
          </Flex>
        )
      }
    >
      {stage === 'done' && result ? (
        <Result
          status="success"
          title={t('import.success', { count: result.imported })}
          subTitle={
            result.mode === 'valid' && skippedRows > 0
              ? t('import.skipped', { count: skippedRows, defaultValue: '有错误的 {{count}} 行未导入，请修改后另行导入' })
              : undefined
          }
        />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Text type="secondary">{t('import.hint')}</Typography.Text>
            <Space wrap>
              {props.templateExtra}
              <Button icon={<DownloadOutlined />} onClick={() => void templateDownload()} data-testid="import-template">
                {t('import.template')}
              </Button>
            </Space>
          </Flex>
          {result ? null : (
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              maxCount={1}
              disabled={busy}
              fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
              beforeUpload={(f) => {
                setFile(f);
                setError(null);
                return false;
              }}
              onRemove={() => setFile(null)}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('import.drop')}</p>
              <p className="ant-upload-hint">{t('import.dropHint')}</p>
            </Upload.Dragger>
          )}
          {busy ? (
            <div>
              <Progress percent={percent < 100 ? percent : 99} status="active" />
              <Typography.Text type="secondary">{percent < 100 ? t('import.uploading') : t('import.processing')}</Typography.Text>
            </div>
          ) : null}
          {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
          {result && !busy ? (
            <Alert
              type={clean ? 'success' : 'error'}
              showIcon
              title={
                clean
                  ? t('import.readyTitle', { count: result.total })
                  : t('import.errorTitle', { count: errors.length, total: result.total })
              }
              description={clean ? t('import.readyHint') : t('import.errorHint')}
            />
          ) : null}
          {partialPossible && !busy ? (
            <Checkbox checked={validOnly} onChange={(e) => setValidOnly(e.target.checked)} data-testid="import-valid-only">
              {t('import.validOnly', {
                valid: validCount,
                skipped: skippedRows,
                defaultValue: '仅导入无误的行：导入 {{valid}} 行，跳过有错误的 {{skipped}} 行',
              })}
            </Checkbox>
          ) : null}
          {errors.length ? (
            <Table
              size="small"
              rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
              dataSource={errors}
              pagination={errors.length > 10 ? { pageSize: 10, size: 'small' } : false}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('import.row'), dataIndex: 'row', width: 72 },
                { title: t('import.column'), dataIndex: 'column', width: 140 },
                { title: t('import.problem'), dataIndex: 'message' },
              ]}
              data-testid="import-errors"
            />
          ) : null}
          {result && result.preview.length > 0 && !busy ? (
            <>
              <Typography.Text strong>{t('import.preview', { count: result.preview.length })}</Typography.Text>
              <Table
                size="small"
                rowKey="row"
                dataSource={result.preview}
                pagination={result.preview.length > 10 ? { pageSize: 10, size: 'small' } : false}
                scroll={{ x: 'max-content' }}
                columns={[
                  { title: t('import.row'), dataIndex: 'row', width: 72, fixed: 'left' },
                  ...previewColumns.map((c) => ({
                    title: c.title,
                    key: c.key,
                    render: (_: unknown, r: ImportResult['preview'][number]) => {
                      const value = r.values[c.key];
                      return c.render && value !== null && value !== undefined ? c.render(value) : displayValue(value);
                    },
                  })),
                ]}
                data-testid="import-preview"
              />
            </>
          ) : null}
        </Space>
      )}
    </Modal>
  );
}
