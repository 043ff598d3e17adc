import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Grid, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { hasGlobalGrant, hasGrant, useMe } from '../../app/auth';
import { applyFieldErrors, useErrorText, useInvalidate } from '../../components';
import { managesMembership } from './access';
import { GrantFields } from './GrantFields';
import { useMembershipLabel } from './MembershipTags';
import { useRoleLabel, useRoles } from './options';
import { ALL_SITES } from './rules';
import type { Membership, User } from './types';

interface GrantValues {
  roleId: string;
  siteId: string;
}

/** 授权: the user's roles per site (or on every site), with 添加授权 and 移除. */
export function MembershipsCard({ user }: { user: User }) {
  const { t } = useTranslation('identity');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const screens = Grid.useBreakpoint();
  const me = useMe();
  const roles = useRoles();
  const roleLabel = useRoleLabel();
  const membershipLabel = useMembershipLabel();
  const [form] = Form.useForm<GrantValues>();
  const [adding, setAdding] = useState(false);
  const [saving, setSaving] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const memberships = user.memberships ?? [];
  const holdsAllSites = memberships.some((m) => m.siteId === null);
  // a site manager may add on their sites unless the user already holds an all-sites role
  const mayAdd =
    (hasGlobalGrant(me, 'users:manage') || (!holdsAllSites && me.sites.some((s) => hasGrant(me, 'users:manage', s.id)))) && user.active;

  useEffect(() => {
    if (!adding) return;
    form.resetFields();
    setError(null);
  }, [adding, form]);

  const add = async (v: GrantValues) => {
    setSaving(true);
    setError(null);
    try {
      await api.post(`/users/${user.id}/memberships`, { roleId: v.roleId, siteId: v.siteId === ALL_SITES ? null : v.siteId });
      await invalidate('/users');
      message.success(t('memberships.added'));
      setAdding(false);
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
    } finally {
      setSaving(false);
    }
  };

  const remove = async (m: Membership) => {
    setRemoving(m.id);
    try {
      await api.delete(`/memberships/${m.id}`);
      message.success(t('memberships.removed'));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setRemoving(null);
      await invalidate('/users');
    }
  };

  const roleOf = (m: Membership) => roles.data?.items.find((r) => r.id === m.roleId);

  return (
    <Card
      title={t('memberships.title')}
      extra={
        mayAdd ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="membership-add">
            {t('memberships.add')}
          </Button>
        ) : null
      }
      styles={{ body: { padding: 'clamp(12px, 3vw, 24px)' } }}
    >
      <Typography.Paragraph type="secondary">{t('memberships.hint')}</Typography.Paragraph>
      <Table<Membership>
        rowKey="id"
        size="middle"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={memberships}
        locale={{ emptyText: t('memberships.none') }}
        columns={[
          {
            title: t('memberships.role'),
            key: 'role',
            render: (_, m) => {
              const role = roleOf(m);
              return (
                <>
                  {role ? roleLabel(role) : m.roleName}
                  <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                    {m.roleCode}
                  </Typography.Text>
                  {m.roleActive ? null : <Tag style={{ marginInlineStart: 6 }}>{t('roles.inactiveRole')}</Tag>}
                </>
              );
            },
          },
          {
            title: t('memberships.site'),
            key: 'site',
            render: (_, m) =>
              m.siteId === null ? <Tag color="blue">{t('memberships.allSites')}</Tag> : `${m.siteName ?? ''}（${m.siteCode ?? ''}）`,
          },
          // on a phone the date would push 移除 out of sight
          ...(screens.sm
            ? [
                {
                  title: t('memberships.grantedAt'),
                  dataIndex: 'createdAt',
                  render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
                },
              ]
            : []),
          {
            title: t('common:table.actions'),
            key: 'actions',
            render: (_, m) =>
              managesMembership(me, m.siteId, memberships) ? (
                <Popconfirm
                  title={t('memberships.confirmRemove', { grant: membershipLabel(m), name: user.name })}
                  description={t('memberships.removeHint')}
                  okText={t('memberships.remove')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common:actions.cancel')}
                  onConfirm={() => remove(m)}
                >
                  <Button type="link" size="small" danger loading={removing === m.id} data-testid="membership-remove">
                    {t('memberships.remove')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('memberships.addTitle', { name: user.name })}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        okText={t('memberships.add')}
        okButtonProps={{ loading: saving }}
        cancelText={t('common:actions.cancel')}
        width={screens.sm ? 560 : '100%'}
        forceRender
      >
        {error ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorText(error)} /> : null}
        <Form<GrantValues> form={form} layout="vertical" onFinish={(v) => void add(v)} disabled={saving}>
          <GrantFields
            roleName="roleId"
            siteName="siteId"
            required
            taken={(site) =>
              site ? memberships.filter((m) => (site === ALL_SITES ? m.siteId === null : m.siteId === site)).map((m) => m.roleId) : []
            }
          />
        </Form>
      </Modal>
    </Card>
  );
}
