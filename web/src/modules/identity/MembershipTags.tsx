import { Popover, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRoleLabel, useRoles } from './options';
import type { Membership } from './types';

/** "维修技术员 @ 长春店" in the current language; a deactivated role is struck through. */
export function useMembershipLabel(): (m: Membership) => string {
  const { t } = useTranslation('identity');
  const roles = useRoles();
  const roleLabel = useRoleLabel();
  return (m) => {
    const role = roles.data?.items.find((r) => r.id === m.roleId);
    return `${role ? roleLabel(role) : m.roleName} @ ${m.siteName ?? t('memberships.allSites')}`;
  };
}

/** A user's memberships as tags: the first `max`, the rest behind "+N". */
export function MembershipTags({ memberships, max = 2 }: { memberships: Membership[]; max?: number }) {
  const { t } = useTranslation('identity');
  const label = useMembershipLabel();
  if (!memberships.length) return <Typography.Text type="secondary">{t('memberships.noneShort')}</Typography.Text>;
  const tag = (m: Membership) => (
    <Tag key={m.id} color={m.allSites ? 'blue' : undefined} style={m.roleActive ? undefined : { textDecoration: 'line-through' }}>
      {label(m)}
    </Tag>
  );
  const rest = memberships.slice(max);
  return (
    <Space size={[0, 4]} wrap style={{ maxWidth: 320 }}>
      {memberships.slice(0, max).map(tag)}
      {rest.length ? (
        <Popover
          content={
            <Space size={[0, 4]} wrap style={{ maxWidth: 320 }}>
              {rest.map(tag)}
            </Space>
          }
          trigger={['hover', 'click']}
        >
          <Tag style={{ cursor: 'pointer' }}>+{rest.length}</Tag>
        </Popover>
      ) : null}
    </Space>
  );
}
