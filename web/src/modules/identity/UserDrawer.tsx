import { Divider, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth';
import { FormDrawer, RemoteSelect } from '../../components';
import { GrantFields } from './GrantFields';
import { useLocaleOptions } from './options';
import { PasswordInput } from './PasswordInput';
import { ALL_SITES, CN_MOBILE_PATTERN, EMAIL_PATTERN, EMPLOYEE_NO_PATTERN, isStrongPassword, USERNAME_PATTERN } from './rules';
import type { Department, User } from './types';

interface UserValues {
  username: string;
  name: string;
  phone?: string;
  employeeNo?: string;
  departmentId?: string | null;
  email?: string;
  locale?: string;
  password?: string;
  memberships?: { roleId?: string; siteId?: string }[];
}

export interface UserDrawerProps {
  open: boolean;
  onClose: () => void;
  /** null = create */
  record: User | null;
  onSaved?: (user: User, mode: 'create' | 'edit') => void;
}

const departmentLabel = (d: Pick<Department, 'name' | 'code'>) => `${d.name}（${d.code}）`;

/**
 * Create or edit a user. A new user gets an initial password they must change at first
 * sign-in and, optionally, a first role on a site — required for a manager limited to
 * some sites, or the new user would be invisible to them.
 */
export function UserDrawer({ open, onClose, record, onSaved }: UserDrawerProps) {
  const { t } = useTranslation('identity');
  const can = useCan();
  const localeOptions = useLocaleOptions();
  const grantRequired = !can.everywhere('users:manage');

  return (
    <FormDrawer<UserValues, User, User>
      open={open}
      onClose={onClose}
      title={record ? t('users.edit', { name: record.name }) : t('users.create')}
      resource="/users"
      record={record}
      width={560}
      initialValues={{ locale: 'zh-CN', memberships: [{}] }}
      toValues={(u) => ({
        username: u.username,
        name: u.name,
        phone: u.phone ?? '',
        employeeNo: u.employeeNo ?? '',
        departmentId: u.departmentId,
        email: u.email ?? '',
        locale: u.locale,
      })}
      toBody={(v, mode) => {
        const grant = v.memberships?.[0];
        return {
          username: v.username.trim(),
          name: v.name.trim(),
          // '' clears an optional field on the server
          phone: v.phone?.trim() ?? '',
          employeeNo: v.employeeNo?.trim() ?? '',
          departmentId: v.departmentId ?? '',
          email: v.email?.trim() ?? '',
          locale: v.locale,
          ...(mode === 'create' && {
            password: v.password,
            memberships:
              grant?.roleId && grant.siteId ? [{ roleId: grant.roleId, siteId: grant.siteId === ALL_SITES ? null : grant.siteId }] : [],
          }),
        };
      }}
      onSaved={onSaved}
    >
      <Form.Item
        name="username"
        label={t('users.username')}
        extra={t('users.usernameHint')}
        rules={[
          { required: true, whitespace: true, message: t('users.usernameRequired') },
          { pattern: USERNAME_PATTERN, message: t('users.usernameInvalid') },
          { pattern: /^(?!1[3-9]\d{9}$)/, message: t('users.usernameIsMobile') },
        ]}
      >
        <Input autoComplete="off" placeholder="zhangsan" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('users.name')}
        rules={[
          { required: true, whitespace: true, message: t('users.nameRequired') },
          { max: 50, message: t('users.nameTooLong') },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('users.phone')}
        extra={t('users.phoneHint')}
        rules={[{ pattern: CN_MOBILE_PATTERN, message: t('users.phoneInvalid') }]}
      >
        <Input inputMode="numeric" maxLength={11} autoComplete="off" placeholder="13900000000" />
      </Form.Item>
      <Form.Item
        name="employeeNo"
        label={t('users.employeeNo')}
        rules={[{ pattern: EMPLOYEE_NO_PATTERN, message: t('users.employeeNoInvalid') }]}
      >
        <Input maxLength={32} autoComplete="off" />
      </Form.Item>
      <Form.Item name="departmentId" label={t('users.department')}>
        <RemoteSelect<Department>
          resource="/departments"
          params={{ active: '1' }}
          labelOf={departmentLabel}
          initialOptions={
            record?.departmentId && record.departmentName ? [{ value: record.departmentId, label: record.departmentName }] : []
          }
          placeholder={t('users.noDepartment')}
        />
      </Form.Item>
      <Form.Item
        name="email"
        label={t('users.email')}
        rules={[
          { pattern: EMAIL_PATTERN, message: t('users.emailInvalid') },
          { max: 100, message: t('users.emailTooLong') },
        ]}
      >
        <Input inputMode="email" autoComplete="off" />
      </Form.Item>
      <Form.Item name="locale" label={t('users.locale')}>
        <Select options={localeOptions} />
      </Form.Item>
      {record ? null : (
        <>
          <Form.Item
            name="password"
            label={t('users.password')}
            extra={t('users.passwordHint')}
            rules={[
              { required: true, message: t('password.required') },
              {
                validator: async (_r, value?: string) => {
                  if (value && !isStrongPassword(value)) throw new Error(t('password.weak'));
                },
              },
            ]}
          >
            <PasswordInput data-testid="user-password" />
          </Form.Item>
          <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
            {t('users.firstGrant')}
          </Divider>
          <Typography.Paragraph type="secondary">
            {grantRequired ? t('users.firstGrantRequired') : t('users.firstGrantHint')}
          </Typography.Paragraph>
          <GrantFields roleName={['memberships', 0, 'roleId']} siteName={['memberships', 0, 'siteId']} required={grantRequired} />
        </>
      )}
    </FormDrawer>
  );
}
