import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api';
import { useMe } from '../auth';

/** Avatar + name (the name inside the menu on a phone); 修改密码 and 退出登录. */
export function UserMenu({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation('shell');
  const me = useMe();
  const navigate = useNavigate();

  // a full page load: nothing of this person stays in memory, and the sign-in page gets no
  // ?next= (clearing the session in place let the guard send the next person to this page)
  const logout = async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      window.location.replace('/login');
    }
  };

  return (
    <Dropdown
      menu={{
        items: [
          // on a phone the button shows only the avatar: say who is signed in here
          ...(compact
            ? [
                { key: 'who', icon: <UserOutlined />, label: `${me.user.name}（${me.user.username}）`, disabled: true },
                { type: 'divider' as const },
              ]
            : []),
          { key: 'password', icon: <KeyOutlined />, label: t('user.changePassword') },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout') },
        ],
        onClick: ({ key }) => {
          if (key === 'password') navigate('/change-password');
          if (key === 'logout') void logout();
        },
      }}
    >
      <Button type="text" data-testid="user-menu" aria-label={me.user.name} style={{ paddingInline: 6 }}>
        <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1677ff' }} />
        {compact ? null : <span>{me.user.name}</span>}
      </Button>
    </Dropdown>
  );
}
