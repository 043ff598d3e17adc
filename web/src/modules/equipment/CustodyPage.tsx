import { App, Button, Form, Input, Modal, Popconfirm, Select, Skeleton, Space, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import {
  LoadError,
  PageContainer,
  type QueryColumn,
  QueryTable,
  StatusTag,
  useErrorText,
  useInvalidate,
  useRecord,
} from '../../components';
import { TRANSFER_STYLES } from './options';
import type { CustodyTransfer, TransferStatus } from './types';

type Direction = 'incoming' | 'outgoing';
const STATUSES: TransferStatus[] = ['pending', 'confirmed', 'rejected', 'cancelled'];

/** 确认接收 (optional note) or 拒绝 (note required), by the receiver. */
function DecisionDialog({
  decision,
  onClose,
}: {
  decision: { transfer: CustodyTransfer; kind: 'confirm' | 'reject' } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('equipment');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<{ note?: string }>();
  const [busy, setBusy] = useState(false);
  const reject = decision?.kind === 'reject';

  const submit = async ({ note }: { note?: string }) => {
    if (!decision) return;
    setBusy(true);
    try {
      await api.post(`/custody-transfers/${decision.transfer.id}/${decision.kind}`, { note: note?.trim() || undefined });
      await invalidate('/custody-transfers', '/my/assets', '/assets');
      message.success(t(reject ? 'custody.rejected' : 'custody.confirmed'));
      form.resetFields();
      onClose();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={decision !== null}
      title={t(reject ? 'custody.reject' : 'custody.confirm')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(reject ? 'custody.reject' : 'custody.confirm')}
      okButtonProps={{ loading: busy, danger: reject }}
      cancelText={t('common:actions.cancel')}
      forceRender
    >
      <Typography.Paragraph>
        {t(reject ? 'custody.rejectHint' : 'custody.confirmHint', {
          count: decision?.transfer.assetCount ?? decision?.transfer.assets?.length ?? 0,
        })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" name="decision" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="note"
          label={t(reject ? 'custody.rejectReason' : 'custody.confirmNote')}
          rules={[
            ...(reject ? [{ required: true, whitespace: true, message: t('validation.rejectNote') }] : []),
            { max: 500, message: t('validation.max', { max: 500 }) },
          ]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The assets of one transfer, loaded when its row is opened. */
function TransferAssets({ id }: { id: string }) {
  const { t } = useTranslation('equipment');
  const detail = useRecord<CustodyTransfer>('/custody-transfers', id);
  if (detail.isPending) return <Skeleton active paragraph={{ rows: 1 }} />;
  if (detail.error) return <LoadError error={detail.error} />;
  return (
    <Space orientation="vertical" size={2}>
      {(detail.data?.assets ?? []).map((a) => (
        <Space key={a.id} size={8} wrap>
          <Link to={`/equipment/assets/${a.id}`}>
            {a.code} {a.name}
          </Link>
          {a.custodianName ? (
            <Typography.Text type="secondary">{t('custody.currentHolder', { name: a.custodianName })}</Typography.Text>
          ) : null}
        </Space>
      ))}
    </Space>
  );
}

/** 责任交接: transfers waiting for me to accept, and those I started. */
export default function CustodyPage() {
  const { t } = useTranslation('equipment');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [tab, setTab] = useState<Direction>('incoming');
  const [decision, setDecision] = useState<{ transfer: CustodyTransfer; kind: 'confirm' | 'reject' } | null>(null);

  const cancel = async (r: CustodyTransfer) => {
    try {
      await api.post(`/custody-transfers/${r.id}/cancel`, {});
      await invalidate('/custody-transfers');
      message.success(t('custody.cancelled'));
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const columns: QueryColumn<CustodyTransfer>[] = [
    { title: t('custody.createdAt'), dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
    {
      title: t('custody.assets'),
      key: 'assets',
      render: (_, r) => t('custody.assetCount', { count: r.assetCount ?? r.assets?.length ?? 0 }),
    },
    tab === 'incoming'
      ? { title: t('custody.from'), key: 'from', render: (_, r) => r.fromUserName ?? r.requestedByName ?? '—' }
      : { title: t('custody.receiver'), key: 'to', render: (_, r) => r.toUserName ?? '—' },
    { title: t('custody.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
    { title: t('common:status.label'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} map={TRANSFER_STYLES} /> },
    { title: t('custody.decisionNote'), dataIndex: 'decisionNote', render: (v: string | null) => v ?? '—' },
    {
      title: t('common:table.actions'),
      key: 'actions',
      render: (_, r) =>
        r.status !== 'pending' ? null : tab === 'incoming' ? (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setDecision({ transfer: r, kind: 'confirm' })} data-testid="transfer-confirm">
              {t('custody.confirm')}
            </Button>
            <Button
              type="link"
              size="small"
              danger
              onClick={() => setDecision({ transfer: r, kind: 'reject' })}
              data-testid="transfer-reject"
            >
              {t('custody.reject')}
            </Button>
          </Space>
        ) : (
          <Popconfirm
            title={t('custody.cancelConfirm')}
            okText={t('custody.cancel')}
            cancelText={t('common:actions.cancel')}
            onConfirm={() => cancel(r)}
          >
            <Button type="link" size="small" danger data-testid="transfer-cancel">
              {t('custody.cancel')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <PageContainer title={t('custody.title')} subtitle={t('custody.subtitle')}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Direction)}
        items={[
          { key: 'incoming', label: t('custody.incoming') },
          { key: 'outgoing', label: t('custody.outgoing') },
        ]}
      />
      <QueryTable<CustodyTransfer>
        key={tab}
        resource="/custody-transfers"
        columns={columns}
        params={{ mine: tab }}
        search={false}
        initialFilters={{ status: 'pending' }}
        tableProps={{ expandable: { expandedRowRender: (r) => <TransferAssets id={r.id} /> } }}
        filters={
          <Form.Item name="status">
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('common:status.label')}
              options={STATUSES.map((s) => ({ value: s, label: t(`custody.status.${s}`) }))}
            />
          </Form.Item>
        }
      />
      <DecisionDialog decision={decision} onClose={() => setDecision(null)} />
    </PageContainer>
  );
}
