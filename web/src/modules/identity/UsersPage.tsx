import { Form, Grid, Select, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../app/auth';
import { ImportDialog, PageContainer, type QueryColumn, QueryTable, RemoteSelect, SiteSelect, StatusTag } from '../../components';
import { MembershipTags } from './MembershipTags';
import { useActiveOptions, useRoleLabel, useRoles } from './options';
import { ResetPasswordModal } from './ResetPasswordModal';
import type { Department, User } from './types';
import { UserActions } from './UserActions';
import { UserDrawer } from './UserDrawer';

/** The sign-in state next to 启用/停用: locked, or waiting for the first password change. */
export function UserStatus({ user }: { user: User }) {
  const { t } = useTranslation('identity');
  return (
    <Space size={[0, 4]} wrap>
      <StatusTag active={user.active} />
      {user.lockedUntil ? (
        <Tooltip title={t('users.lockedUntil', { time: dayjs(user.lockedUntil).format('YYYY-MM-DD HH:mm') })}>
          <Tag color="error">{t('users.locked')}</Tag>
        </Tooltip>
      ) : null}
      {user.mustChangePassword ? <Tag color="warning">{t('users.mustChangePassword')}</Tag> : null}
    </Space>
  );
}

/** 用户: search and filter by department, role, site and status; create, edit, import, export. */
export default function UsersPage() {
  const { t } = useTranslation('identity');
  const can = useCan();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const activeOptions = useActiveOptions();
  const roles = useRoles();
  const roleLabel = useRoleLabel();
  const [editing, setEditing] = useState<User | null>(null);
  const [open, setOpen] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const manage = can('users:manage');

  const edit = (u: User | null) => {
    setEditing(u);
    setOpen(true);
  };

  const columns: QueryColumn<User>[] = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      sorter: true,
      fixed: screens.sm ? 'left' : undefined,
      render: (v: string, r) => (
        <Link to={`/identity/users/${r.id}`} data-testid="user-link">
          {v}
        </Link>
      ),
    },
    { title: t('users.name'), dataIndex: 'name', sorter: true },
    { title: t('users.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
    { title: t('users.employeeNo'), dataIndex: 'employeeNo', sorter: true, render: (v: string | null) => v ?? '—' },
    { title: t('users.department'), dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
    {
      title: t('memberships.title'),
      key: 'memberships',
      render: (_, r) => <MembershipTags memberships={r.memberships ?? []} />,
    },
    { title: t('users.status'), dataIndex: 'active', render: (_: boolean, r) => <UserStatus user={r} /> },
    // read-only viewers get no empty 操作 column
    ...(manage
      ? ([
          {
            title: t('common:table.actions'),
            key: 'actions',
            fixed: screens.md ? ('right' as const) : undefined,
            render: (_: unknown, r: User) => <UserActions user={r} variant="row" onEdit={(u) => edit(u)} onResetPassword={setResetting} />,
          },
        ] satisfies QueryColumn<User>[])
      : []),
  ];

  return (
    <PageContainer title={t('users.title')} subtitle={t('users.subtitle')}>
      <QueryTable<User>
        resource="/users"
        columns={columns}
        defaultSort="username"
        searchPlaceholder={t('users.search')}
        onCreate={manage ? () => edit(null) : undefined}
        createLabel={t('users.create')}
        onImport={manage ? () => setImportOpen(true) : undefined}
        filters={
          <>
            <Form.Item name="departmentId">
              <RemoteSelect<Department>
                resource="/departments"
                labelOf={(d) => `${d.name}（${d.code}）`}
                placeholder={t('users.department')}
                style={{ width: screens.sm ? 180 : '100%' }}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
            <Form.Item name="roleId">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('memberships.role')}
                loading={roles.isPending}
                options={(roles.data?.items ?? []).map((r) => ({ value: r.id, label: roleLabel(r) }))}
                style={{ width: screens.sm ? 160 : '100%' }}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
            <Form.Item name="siteId">
              <SiteSelect
                allowClear
                placeholder={t('memberships.site')}
                style={{ width: screens.sm ? 160 : '100%' }}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
            <Form.Item name="active">
              <Select allowClear placeholder={t('users.status')} options={activeOptions} style={{ width: screens.sm ? 110 : '100%' }} />
            </Form.Item>
          </>
        }
      />
      <UserDrawer
        open={open}
        onClose={() => setOpen(false)}
        record={editing}
        onSaved={(u, mode) => {
          if (mode === 'create') navigate(`/identity/users/${u.id}`);
        }}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      <ImportDialog
        open={importOpen}
        onClose={() => setImportOpen(false)}
        title={t('users.import')}
        templatePath="/users/import-template"
        importPath="/users/import"
        invalidate={['/users']}
        previewColumns={[
          { key: 'username', title: t('users.username') },
          { key: 'name', title: t('users.name') },
          { key: 'phone', title: t('users.phone') },
          { key: 'employeeNo', title: t('users.employeeNo') },
          { key: 'department', title: t('users.departmentCode') },
          { key: 'email', title: t('users.email') },
          { key: 'role', title: t('users.roleCode') },
          { key: 'site', title: t('users.siteCode') },
        ]}
      />
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
        {t('users.siteFilterHint')}
      </Typography.Text>
    </PageContainer>
  );
}
