import { App, Button, Form, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useCan } from '../../app/auth';
import { ActiveToggle, PageContainer, type QueryColumn, QueryTable, StatusTag, useErrorText, useInvalidate } from '../../components';
import { ChannelDrawer } from './ChannelDrawer';
import { DeliveriesDrawer } from './DeliveriesDrawer';
import { CHANNEL_KINDS, type Channel } from './types';

const KIND_COLORS: Record<string, string> = { email: 'blue', wecom: 'green', dingtalk: 'geekblue' };

/** A webhook address without its key: enough to recognise it, nothing to steal from a screenshot. */
function robotHost(url: unknown): string | null {
  if (typeof url !== 'string' || !url) return null;
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return url;
  }
}

/** 通知渠道: email / 企业微信 / 钉钉 robots of the organisation, with 发送测试 and the delivery log. */
export default function ChannelsPage() {
  const { t } = useTranslation('notifications');
  const { modal } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const can = useCan();
  const manage = can.everywhere('notify:manage');
  const [drawer, setDrawer] = useState<{ record: Channel | null } | null>(null);
  const [deliveries, setDeliveries] = useState<Channel | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const kindOptions = CHANNEL_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }));

  const target = (c: Channel): string => {
    if (c.kind === 'email') {
      const host = typeof c.config.host === 'string' ? c.config.host : t('channels.serverDefault');
      const to = Array.isArray(c.config.to) ? (c.config.to as string[]) : [];
      return to.length ? `${host} → ${to.join('、')}` : host;
    }
    return robotHost(c.config.url) ?? t('channels.serverDefault');
  };

  const test = async (c: Channel) => {
    setTesting(c.id);
    try {
      const result = await api.post<{ id: string; status: string; error: string | null }>(`/notification-channels/${c.id}/test`);
      if (result.status === 'sent') {
        modal.success({ title: t('channels.testSent'), content: t(`channels.testSentHint.${c.kind}`, { defaultValue: '' }) || undefined });
      } else {
        modal.error({
          title: t('channels.testFailed'),
          content: (
            <Typography.Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {result.error ?? t('channels.unknownError')}
            </Typography.Text>
          ),
        });
      }
    } catch (err) {
      modal.error({ title: t('channels.testFailed'), content: errorText(err) });
    } finally {
      setTesting(null);
      await invalidate(`/notification-channels/${c.id}/deliveries`);
    }
  };

  const columns: QueryColumn<Channel>[] = [
    { title: t('channels.name'), dataIndex: 'name', sorter: true },
    {
      title: t('channels.kind'),
      dataIndex: 'kind',
      sorter: true,
      render: (k: string) => <Tag color={KIND_COLORS[k] ?? 'default'}>{t(`kinds.${k}`, { defaultValue: k })}</Tag>,
    },
    {
      title: t('channels.target'),
      key: 'target',
      render: (_, c) => (
        <Typography.Text type="secondary" ellipsis style={{ maxWidth: 280 }} title={target(c)}>
          {target(c)}
        </Typography.Text>
      ),
    },
    { title: t('common:status.active'), dataIndex: 'active', render: (a: boolean) => <StatusTag active={a} /> },
    {
      title: t('common:table.actions'),
      key: 'actions',
      render: (_, c) => (
        <Space size={0} wrap={false}>
          {manage ? (
            <Button type="link" size="small" onClick={() => setDrawer({ record: c })}>
              {t('common:actions.edit')}
            </Button>
          ) : null}
          {manage ? (
            <Button
              type="link"
              size="small"
              loading={testing === c.id}
              disabled={!c.active}
              onClick={() => void test(c)}
              data-testid="channel-test"
            >
              {t('channels.test')}
            </Button>
          ) : null}
          <Button type="link" size="small" onClick={() => setDeliveries(c)} data-testid="channel-deliveries">
            {t('channels.deliveries')}
          </Button>
          {manage ? <ActiveToggle resource="/notification-channels" record={c} name={c.name} /> : null}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title={t('channels.title')} subtitle={t('channels.subtitle')}>
      <QueryTable<Channel>
        resource="/notification-channels"
        columns={columns}
        defaultSort="name"
        exportable={false}
        searchPlaceholder={t('channels.search')}
        onCreate={manage ? () => setDrawer({ record: null }) : undefined}
        createLabel={t('channels.create')}
        filters={
          <>
            <Form.Item name="kind">
              <Select allowClear placeholder={t('channels.kind')} options={kindOptions} style={{ width: 130 }} />
            </Form.Item>
            <Form.Item name="active">
              <Select
                allowClear
                placeholder={t('common:status.active')}
                style={{ width: 110 }}
                options={[
                  { value: '1', label: t('common:status.active') },
                  { value: '0', label: t('common:status.inactive') },
                ]}
              />
            </Form.Item>
          </>
        }
      />
      <ChannelDrawer open={drawer !== null} record={drawer?.record ?? null} onClose={() => setDrawer(null)} />
      <DeliveriesDrawer channel={deliveries} onClose={() => setDeliveries(null)} />
    </PageContainer>
  );
}
