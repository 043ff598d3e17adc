import { DownOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { ActiveToggle, useErrorText, useInvalidate } from '../../components';
import { managesUser } from './access';
import type { User } from './types';

export interface UserActionsProps {
  user: User;
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
  /** 'row' = links in a table row, 'page' = buttons on the detail page */
  variant: 'row' | 'page';
}

/** 编辑, 停用/启用, 重置密码 and 解锁 for one user — only what the server would allow the person. */
export function UserActions({ user, onEdit, onResetPassword, variant }: UserActionsProps) {
  const { t } = useTranslation('identity');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const me = useMe();
  if (!managesUser(me, user.memberships ?? [])) return null;
  const self = user.id === me.user.id;
  const row = variant === 'row';

  const unlock = async () => {
    try {
      await api.post(`/users/${user.id}/unlock`);
      message.success(t('users.unlocked', { name: user.name }));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      await invalidate('/users');
    }
  };

  const more = [
    { key: 'reset', label: t('password.reset'), onClick: () => onResetPassword(user) },
    ...(user.lockedUntil ? [{ key: 'unlock', label: t('users.unlock'), onClick: () => void unlock() }] : []),
  ];

  return (
    <Space size={row ? 0 : 8} wrap={!row}>
      <Button type={row ? 'link' : 'primary'} size={row ? 'small' : 'middle'} onClick={() => onEdit(user)} data-testid="user-edit">
        {t('common:actions.edit')}
      </Button>
      {row ? (
        <Dropdown menu={{ items: more }} trigger={['click']}>
          <Button type="link" size="small" data-testid="user-more">
            {t('common:actions.more')} <DownOutlined />
          </Button>
        </Dropdown>
      ) : (
        <>
          <Button onClick={() => onResetPassword(user)} data-testid="user-reset-password">
            {t('password.reset')}
          </Button>
          {user.lockedUntil ? (
            <Button onClick={() => void unlock()} data-testid="user-unlock">
              {t('users.unlock')}
            </Button>
          ) : null}
        </>
      )}
      {self && user.active ? null : (
        <ActiveToggle resource="/users" record={user} name={user.name} size={row ? 'small' : 'middle'} type={row ? 'link' : 'default'} />
      )}
    </Space>
  );
}
