import {
  DeleteOutlined,
  DownloadOutlined,
  EyeOutlined,
  FileExcelOutlined,
  FileOutlined,
  FilePdfOutlined,
  FileTextOutlined,
  FileWordOutlined,
  PaperClipOutlined,
  UploadOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Image,
  Popconfirm,
  Progress,
  Skeleton,
  Typography,
  theme,
  Upload,
  type UploadProps,
} from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, download, isApiError, upload } from '../app/api';
import { useCan, useMe } from '../app/auth';
import { useInfiniteList, useInvalidate } from './hooks';
import { useErrorText } from './useErrorText';

export interface Attachment {
  id: string;
  ownerType: string;
  ownerId: string;
  siteId: string | null;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  createdBy: string | null;
  /** the uploader's name, when the server sends it */
  createdByName?: string | null;
  createdAt: string;
  /** /api/v1/attachments/:id/content */
  url: string;
}

export interface AttachmentsPanelProps {
  /** the owning record's type as registered on the server, e.g. 'site', 'user' */
  ownerType: string;
  ownerId: string;
  /** hides upload and delete (the record is closed, or the person may only look) */
  readOnly?: boolean;
  title?: ReactNode;
  /** render without the surrounding Card */
  bare?: boolean;
}

interface Pending {
  uid: string;
  name: string;
  percent: number;
  error?: string;
}

type UploadRequestOption = Parameters<NonNullable<UploadProps['customRequest']>>[0];

const RESOURCE = '/attachments';
const THUMB = 48;
/** What the server accepts (it decides from the bytes; this only narrows the file picker). */
const ACCEPT = '.jpg,.jpeg,.png,.gif,.webp,.pdf,.docx,.xlsx,.mp4,.txt,.csv,image/*,application/pdf,video/mp4,text/plain,text/csv';

/** 1.2 MB, 350 KB, 12 B */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(size < 10 * 1024 ? 1 : 0)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}

function FileIcon({ mime }: { mime: string }) {
  const style = { fontSize: 28 };
  if (mime === 'application/pdf') return <FilePdfOutlined style={{ ...style, color: '#cf1322' }} />;
  if (mime.includes('wordprocessingml')) return <FileWordOutlined style={{ ...style, color: '#1677ff' }} />;
  if (mime.includes('spreadsheetml')) return <FileExcelOutlined style={{ ...style, color: '#389e0d' }} />;
  if (mime.startsWith('video/')) return <VideoCameraOutlined style={style} />;
  if (mime.startsWith('text/')) return <FileTextOutlined style={style} />;
  return <FileOutlined style={style} />;
}

/**
 * The files of one record: upload several at once with progress, image thumbnails
 * that open a preview, download, delete with a confirmation. The server checks each
 * file's type from its content and its size; refusals are shown per file.
 */
export function AttachmentsPanel({ ownerType, ownerId, readOnly = false, title, bare = false }: AttachmentsPanelProps) {
  const { t, i18n } = useTranslation('system');
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const me = useMe();
  const can = useCan();
  const [pending, setPending] = useState<Pending[]>([]);
  const [deleting, setDeleting] = useState<string | null>(null);
  const writable = !readOnly && can('files:upload', null);
  const list = useInfiniteList<Attachment>(RESOURCE, { ownerType, ownerId, limit: 50 }, { enabled: Boolean(ownerId) });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const patchPending = (uid: string, change: Partial<Pending> | null) =>
    setPending((prev) => (change ? prev.map((p) => (p.uid === uid ? { ...p, ...change } : p)) : prev.filter((p) => p.uid !== uid)));

  /** 415 and 413 get their own sentence: what is allowed, and the size limit when the server names it. */
  const uploadError = (err: unknown): string => {
    if (isApiError(err) && err.status === 415) return t('attachments.unsupported');
    if (isApiError(err) && err.status === 413) {
      const limit = err.message.match(/(\d+(?:\.\d+)?)\s*MB/)?.[1];
      return limit ? t('attachments.tooLargeLimit', { limit }) : t('attachments.tooLarge');
    }
    return errorText(err);
  };

  const send = async (options: UploadRequestOption) => {
    const file = options.file as File & { uid: string };
    setPending((prev) => [...prev, { uid: file.uid, name: file.name, percent: 0 }]);
    const form = new FormData();
    form.append('ownerType', ownerType);
    form.append('ownerId', ownerId);
    form.append('file', file, file.name);
    try {
      await upload<Attachment>(RESOURCE, form, undefined, (percent) => patchPending(file.uid, { percent }));
      patchPending(file.uid, null);
      message.success(t('attachments.uploaded', { name: file.name }));
      await invalidate(RESOURCE, '/audit');
    } catch (err) {
      patchPending(file.uid, { error: uploadError(err), percent: 100 });
    }
  };

  const remove = async (a: Attachment) => {
    setDeleting(a.id);
    try {
      await api.post(`${RESOURCE}/${a.id}/delete`);
      message.success(t('attachments.deleted', { name: a.filename }));
      await invalidate(RESOURCE, '/audit');
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setDeleting(null);
    }
  };

  const save = async (a: Attachment) => {
    try {
      await download(`${RESOURCE}/${a.id}/content`, undefined, a.filename);
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const uploaderOf = (a: Attachment) => a.createdByName ?? (a.createdBy && a.createdBy === me.user.id ? me.user.name : null);

  const uploadButton = writable ? (
    <Upload multiple accept={ACCEPT} showUploadList={false} customRequest={(o) => void send(o)}>
      <Button icon={<UploadOutlined />} data-testid="attachments-upload">
        {t('attachments.upload')}
      </Button>
    </Upload>
  ) : null;

  const pendingList = pending.length ? (
    <div style={{ display: 'grid', gap: 8, marginBottom: 12 }} data-testid="attachments-pending">
      {pending.map((p) =>
        p.error ? (
          <Alert
            key={p.uid}
            type="error"
            showIcon
            closable={{ onClose: () => patchPending(p.uid, null) }}
            title={
              <div>
                <Typography.Text strong style={{ display: 'block', wordBreak: 'break-all' }}>
                  {t('attachments.failed', { name: p.name })}
                </Typography.Text>
                <Typography.Text>{p.error}</Typography.Text>
              </div>
            }
          />
        ) : (
          <div key={p.uid}>
            <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
              {p.name}
            </Typography.Text>
            <Progress percent={p.percent} size="small" status={p.percent >= 100 ? 'active' : 'normal'} />
          </div>
        ),
      )}
    </div>
  ) : null;

  const rows = (
    <Image.PreviewGroup>
      <div style={{ display: 'grid' }}>
        {items.map((a, i) => {
          const uploader = uploaderOf(a);
          return (
            <Flex
              key={a.id}
              gap={12}
              align="center"
              style={{ paddingBlock: 8, borderTop: i ? `1px solid ${token.colorSplit}` : undefined }}
              data-testid="attachment-row"
            >
              <div style={{ width: THUMB, height: THUMB, flex: 'none', display: 'grid', placeItems: 'center' }}>
                {a.mime.startsWith('image/') ? (
                  <Image
                    src={a.url}
                    alt={a.filename}
                    width={THUMB}
                    height={THUMB}
                    style={{ objectFit: 'cover', borderRadius: 4 }}
                    preview={{ cover: <EyeOutlined aria-label={t('attachments.preview')} /> }}
                  />
                ) : (
                  <FileIcon mime={a.mime} />
                )}
              </div>
              <div style={{ flex: 1, minWidth: 0 }}>
                <Typography.Link ellipsis onClick={() => void save(a)} style={{ display: 'block' }} title={a.filename}>
                  {a.filename}
                </Typography.Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[formatBytes(a.size), uploader, dayjs(a.createdAt).format('YYYY-MM-DD HH:mm')].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
              <Flex gap={0} style={{ flex: 'none' }}>
                <Button
                  type="text"
                  icon={<DownloadOutlined />}
                  onClick={() => void save(a)}
                  aria-label={t('attachments.download')}
                  title={t('attachments.download')}
                />
                {writable ? (
                  <Popconfirm
                    title={t('attachments.confirmDelete', { name: a.filename })}
                    okText={t('attachments.delete')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('common:actions.cancel')}
                    onConfirm={() => remove(a)}
                  >
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      loading={deleting === a.id}
                      aria-label={t('attachments.delete')}
                      title={t('attachments.delete')}
                      data-testid="attachment-delete"
                    />
                  </Popconfirm>
                ) : null}
              </Flex>
            </Flex>
          );
        })}
      </div>
    </Image.PreviewGroup>
  );

  const body = (
    <>
      {bare && uploadButton ? <div style={{ marginBottom: 12 }}>{uploadButton}</div> : null}
      {pendingList}
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : list.error ? (
        <Typography.Text type="danger">{errorText(list.error)}</Typography.Text>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attachments.empty')} />
      ) : (
        rows
      )}
      {list.hasNextPage ? (
        <Button block type="link" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t('common:table.loadMore')}
        </Button>
      ) : null}
    </>
  );

  if (bare) return <div data-testid="attachments-panel">{body}</div>;
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <PaperClipOutlined />
          {title ?? t('attachments.title')}
          {items.length ? (
            <Typography.Text type="secondary">
              {i18n.language.startsWith('zh') ? `（${items.length}）` : `(${items.length})`}
            </Typography.Text>
          ) : null}
        </Flex>
      }
      extra={uploadButton}
      data-testid="attachments-panel"
    >
      {body}
    </Card>
  );
}
