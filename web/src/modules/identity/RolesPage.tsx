import { Button, Form, Grid, Input, Popover, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth';
import { ActiveToggle, FormDrawer, PageContainer, type QueryColumn, QueryTable, StatusTag } from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { useActiveOptions, useRoleLabel } from './options';
import { PermissionChecklist, PermissionSummary } from './PermissionChecklist';
import { ROLE_CODE_PATTERN } from './rules';
import type { Role } from './types';

interface RoleValues {
  code: string;
  name: string;
  nameEn: string;
  permissions: string[];
}

/**
 * 角色: named bundles of permissions, granted to users per site. Built-in roles keep
 * their code (other modules and the seed refer to it) but their names and permissions
 * may be adapted.
 */
export default function RolesPage() {
  const { t } = useTranslation('identity');
  const can = useCan();
  const screens = Grid.useBreakpoint();
  const activeOptions = useActiveOptions();
  const roleLabel = useRoleLabel();
  const [editing, setEditing] = useState<Role | null>(null);
  const [open, setOpen] = useState(false);
  // roles apply wherever they are granted: only a manager on every site defines them
  const manage = can.everywhere('roles:manage');

  const edit = (r: Role | null) => {
    setEditing(r);
    setOpen(true);
  };

  const columns: QueryColumn<Role>[] = [
    {
      title: t('roles.code'),
      dataIndex: 'code',
      sorter: true,
      render: (v: string, r) => (
        <Space size={4}>
          {v}
          {r.builtin ? <Tag color="purple">{t('roles.builtin')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('roles.name'), dataIndex: 'name', sorter: true },
    { title: t('roles.nameEn'), dataIndex: 'nameEn' },
    {
      title: t('roles.permissions'),
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
    { title: t('roles.memberCount'), dataIndex: 'memberCount', align: 'right' },
    { title: t('users.status'), dataIndex: 'active', render: (a: boolean) => <StatusTag active={a} /> },
    ...(manage
      ? ([
          {
            title: t('common:table.actions'),
            key: 'actions',
            fixed: screens.md ? ('right' as const) : undefined,
            render: (_: unknown, r: Role) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => edit(r)} data-testid="role-edit">
                  {t('common:actions.edit')}
                </Button>
                <ActiveToggle resource="/roles" record={r} name={roleLabel(r)} invalidate={['/users']} />
              </Space>
            ),
          },
        ] satisfies QueryColumn<Role>[])
      : []),
  ];

  return (
    <PageContainer title={t('roles.title')} subtitle={t('roles.subtitle')}>
      <QueryTable<Role>
        resource="/roles"
        columns={columns}
        defaultSort="code"
        exportable={false}
        pageSize={50}
        searchPlaceholder={t('roles.search')}
        onCreate={manage ? () => edit(null) : undefined}
        createLabel={t('roles.create')}
        filters={
          <Form.Item name="active">
            <Select allowClear placeholder={t('users.status')} options={activeOptions} style={{ width: screens.sm ? 110 : '100%' }} />
          </Form.Item>
        }
        tableProps={{
          expandable: {
            expandedRowRender: (r) => <PermissionSummary permissions={r.permissions} />,
            columnTitle: null,
          },
        }}
      />
      <FormDrawer<RoleValues, Role, Role>
        open={open}
        onClose={() => setOpen(false)}
        title={editing ? t('roles.edit', { name: roleLabel(editing) }) : t('roles.create')}
        resource="/roles"
        record={editing}
        width={640}
        invalidate={['/users']}
        initialValues={{ permissions: [] }}
        toValues={(r) => ({ code: r.code, name: r.name, nameEn: r.nameEn, permissions: r.permissions })}
        toBody={(v) => ({
          // a built-in role's code cannot change; leaving it out keeps the server from even seeing one
          ...(editing?.builtin ? {} : { code: v.code.trim() }),
          name: v.name.trim(),
          nameEn: v.nameEn.trim(),
          permissions: v.permissions ?? [],
        })}
      >
        <Form.Item
          name="code"
          label={t('roles.code')}
          extra={editing?.builtin ? t('roles.builtinCodeHint') : t('roles.codeHint')}
          rules={[
            { required: true, whitespace: true, message: t('roles.codeRequired') },
            { pattern: ROLE_CODE_PATTERN, message: t('roles.codeInvalid') },
          ]}
        >
          <Input disabled={editing?.builtin} placeholder="maintenance_lead" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('roles.name')}
          rules={[
            { required: true, whitespace: true, message: t('roles.nameRequired') },
            { max: 50, message: t('roles.nameTooLong') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('roles.nameEn')}
          rules={[
            { required: true, whitespace: true, message: t('roles.nameEnRequired') },
            { max: 80, message: t('roles.nameEnTooLong') },
          ]}
        >
          <Input autoComplete="off" placeholder="Maintenance lead" />
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.permissions')} extra={t('roles.permissionsHint')}>
          <PermissionChecklist data-testid="role-permissions" />
        </Form.Item>
        {editing ? <HistoryPanel entity="role" entityId={editing.id} version={editing.version} /> : null}
      </FormDrawer>
    </PageContainer>
  );
}
