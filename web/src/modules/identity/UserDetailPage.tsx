import { Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { DetailPage, useRecord } from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { MembershipsCard } from './MembershipsCard';
import { useLocaleOptions } from './options';
import { ResetPasswordModal } from './ResetPasswordModal';
import type { User } from './types';
import { UserActions } from './UserActions';
import { UserDrawer } from './UserDrawer';
import { UserStatus } from './UsersPage';

const time = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

/** 用户详情: profile, sign-in state and the user's memberships (role × site). */
export default function UserDetailPage() {
  const { t } = useTranslation('identity');
  const { id } = useParams<{ id: string }>();
  const record = useRecord<User>('/users', id);
  const localeOptions = useLocaleOptions();
  const [editing, setEditing] = useState<User | null>(null);
  const [editOpen, setEditOpen] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const user = record.data;

  const items = user
    ? [
        { key: 'username', label: t('users.username'), children: user.username },
        { key: 'name', label: t('users.name'), children: user.name },
        { key: 'status', label: t('users.status'), children: <UserStatus user={user} /> },
        { key: 'phone', label: t('users.phone'), children: user.phone ?? '—' },
        { key: 'employeeNo', label: t('users.employeeNo'), children: user.employeeNo ?? '—' },
        { key: 'department', label: t('users.department'), children: user.departmentName ?? '—' },
        { key: 'email', label: t('users.email'), children: user.email ?? '—' },
        { key: 'locale', label: t('users.locale'), children: localeOptions.find((o) => o.value === user.locale)?.label ?? user.locale },
        {
          key: 'lockedUntil',
          label: t('users.lockedUntilLabel'),
          children: user.lockedUntil ? (
            <Typography.Text type="danger">{time(user.lockedUntil)}</Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('users.notLocked')}</Typography.Text>
          ),
        },
        {
          key: 'failedLogins',
          label: t('users.failedLogins'),
          children: user.failedLogins ? <Tag color="warning">{user.failedLogins}</Tag> : '0',
        },
        {
          key: 'mustChangePassword',
          label: t('users.mustChangePasswordLabel'),
          children: user.mustChangePassword ? t('common:yes') : t('common:no'),
        },
        { key: 'createdAt', label: t('users.createdAt'), children: time(user.createdAt) },
        { key: 'updatedAt', label: t('users.updatedAt'), children: time(user.updatedAt) },
      ]
    : [];

  return (
    <DetailPage
      title={user ? `${user.name}（${user.username}）` : t('users.detail')}
      subtitle={t('users.detailSubtitle')}
      backTo="/identity/users"
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      actions={
        user ? (
          <UserActions
            user={user}
            variant="page"
            onEdit={(u) => {
              setEditing(u);
              setEditOpen(true);
            }}
            onResetPassword={setResetting}
          />
        ) : null
      }
      items={items}
      history={user ? <HistoryPanel entity="user" entityId={user.id} version={user.version} /> : null}
    >
      {user ? <MembershipsCard user={user} /> : null}
      <UserDrawer open={editOpen} onClose={() => setEditOpen(false)} record={editing} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </DetailPage>
  );
}
