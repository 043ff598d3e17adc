import { App, Button, Form, Grid, Popconfirm, Popover, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useCan } from '../../app/auth';
import { PageContainer, type QueryColumn, QueryTable, StatusTag, UserSelect, useErrorText, useInvalidate } from '../../components';
import { PermissionSummary } from './PermissionChecklist';
import { CreateTokenModal, TokenShownModal } from './TokenDialogs';
import type { ApiToken, CreatedToken } from './types';

const TOKEN_STATUS = {
  active: { color: 'success', label: 'identity:tokens.status.active' },
  expired: { color: 'warning', label: 'identity:tokens.status.expired' },
  revoked: { color: 'default', label: 'identity:tokens.status.revoked' },
};

const time = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : null);

/**
 * API 令牌 for integrations. Everyone sees their own tokens; a token manager on every
 * site sees everyone's and may revoke any of them.
 */
export default function ApiTokensPage() {
  const { t } = useTranslation('identity');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const can = useCan();
  const screens = Grid.useBreakpoint();
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const seesAll = can.everywhere('tokens:manage');

  const revoke = async (token: ApiToken) => {
    setRevoking(token.id);
    try {
      await api.post(`/api-tokens/${token.id}/revoke`);
      message.success(t('tokens.revoked', { name: token.name }));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setRevoking(null);
      await invalidate('/api-tokens');
    }
  };

  const columns: QueryColumn<ApiToken>[] = [
    { title: t('tokens.name'), dataIndex: 'name', sorter: true },
    {
      title: t('tokens.prefix'),
      dataIndex: 'prefix',
      render: (v: string) => <Typography.Text code>{`${v}…`}</Typography.Text>,
    },
    ...(seesAll ? [{ title: t('tokens.owner'), key: 'owner', render: (_: unknown, r: ApiToken) => `${r.userName}（${r.username}）` }] : []),
    {
      title: t('tokens.permissions'),
      dataIndex: 'permissions',
      render: (p: string[]) => (
        <Popover
          content={
            <div style={{ maxWidth: 420 }}>
              <PermissionSummary permissions={p} />
            </div>
          }
          trigger={['hover', 'click']}
        >
          <Typography.Link>{t('roles.permissionCount', { count: p.length })}</Typography.Link>
        </Popover>
      ),
    },
    { title: t('tokens.createdAt'), dataIndex: 'createdAt', sortKey: 'createdAt', sorter: true, render: (v: string) => time(v) },
    {
      title: t('tokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      render: (v: string | null) => time(v) ?? <Typography.Text type="secondary">{t('tokens.neverUsed')}</Typography.Text>,
    },
    {
      title: t('tokens.expiresAt'),
      dataIndex: 'expiresAt',
      render: (v: string | null) => time(v) ?? <Typography.Text type="secondary">{t('tokens.never')}</Typography.Text>,
    },
    {
      title: t('tokens.statusTitle'),
      dataIndex: 'status',
      render: (s: string, r) => (
        <>
          <StatusTag status={s} map={TOKEN_STATUS} />
          {r.revokedAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {time(r.revokedAt)}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    {
      title: t('common:table.actions'),
      key: 'actions',
      fixed: screens.md ? 'right' : undefined,
      render: (_, r) =>
        r.status === 'revoked' ? null : (
          <Popconfirm
            title={t('tokens.confirmRevoke', { name: r.name })}
            description={t('tokens.revokeHint')}
            okText={t('tokens.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common:actions.cancel')}
            onConfirm={() => revoke(r)}
          >
            <Button type="link" size="small" danger loading={revoking === r.id} data-testid="token-revoke">
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <PageContainer title={t('tokens.title')} subtitle={seesAll ? t('tokens.subtitleAll') : t('tokens.subtitle')}>
      <QueryTable<ApiToken>
        resource="/api-tokens"
        columns={columns}
        defaultSort="-createdAt"
        search={false}
        exportable={false}
        filters={
          seesAll ? (
            <Form.Item name="userId">
              <UserSelect placeholder={t('tokens.owner')} params={{ active: undefined }} style={{ width: screens.sm ? 220 : '100%' }} />
            </Form.Item>
          ) : undefined
        }
        onCreate={can('tokens:manage') ? () => setCreating(true) : undefined}
        createLabel={t('tokens.create')}
      />
      <CreateTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(token) => {
          setCreating(false);
          setShown(token);
        }}
      />
      <TokenShownModal token={shown} onClose={() => setShown(null)} />
    </PageContainer>
  );
}
