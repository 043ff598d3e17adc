import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api';
import { useMe, useSetMe } from '../auth';

/** Avatar + name; 修改密码 and 退出登录. */
export function UserMenu({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation('shell');
  const me = useMe();
  const setMe = useSetMe();
  const client = useQueryClient();
  const navigate = useNavigate();

  const logout = async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      setMe(null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      navigate('/login', { replace: true });
    }
  };

  return (
    <Dropdown
      menu={{
        items: [
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
      <Button type="text" data-testid="user-menu" style={{ paddingInline: 6 }}>
        <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1677ff' }} />
        {compact ? null : <span>{me.user.name}</span>}
      </Button>
    </Dropdown>
  );
}
