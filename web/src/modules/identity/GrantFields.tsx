import { Col, Form, Row, Select } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { permissionsNotHeld } from './access';
import { useGrantSiteOptions, useRoleLabel, useRoles } from './options';
import { ALL_SITES } from './rules';

export interface GrantFieldsProps {
  /** form names of the two fields, e.g. ['memberships', 0, 'roleId'] */
  roleName: NamePath;
  siteName: NamePath;
  required: boolean;
  /** role ids already held on a site, shown disabled: `(siteValue) => roleIds` */
  taken?: (siteValue: string | undefined) => string[];
}

/**
 * 角色 × 场所 for one grant. Only sites where the person manages users are offered, and
 * roles carrying permissions the person lacks on the chosen site are disabled — the
 * server refuses both anyway.
 */
export function GrantFields({ roleName, siteName, required, taken }: GrantFieldsProps) {
  const { t } = useTranslation('identity');
  const me = useMe();
  const form = Form.useFormInstance();
  const site = Form.useWatch(siteName, form) as string | undefined;
  const roles = useRoles(true);
  const roleLabel = useRoleLabel();
  const siteOptions = useGrantSiteOptions();
  const takenIds = taken?.(site) ?? [];

  const roleOptions = (roles.data?.items ?? []).map((r) => {
    const missing = site ? permissionsNotHeld(me, r.permissions, site === ALL_SITES ? null : site) : [];
    const held = takenIds.includes(r.id);
    const note = held ? t('memberships.alreadyHeld') : missing.length ? t('memberships.exceedsOwn') : '';
    return {
      value: r.id,
      label: `${roleLabel(r)}（${r.code}）${note ? ` · ${note}` : ''}`,
      disabled: held || missing.length > 0,
    };
  });

  return (
    <Row gutter={12}>
      <Col xs={24} sm={12}>
        <Form.Item
          name={siteName}
          label={t('memberships.site')}
          dependencies={[roleName]}
          rules={[
            { required, message: t('memberships.siteRequired') },
            ({ getFieldValue }) => ({
              validator: async (_r, value?: string) => {
                if (!value && getFieldValue(roleName)) throw new Error(t('memberships.siteRequired'));
              },
            }),
          ]}
          extra={t('memberships.siteHint')}
        >
          <Select
            allowClear={!required}
            options={siteOptions}
            placeholder={t('memberships.sitePlaceholder')}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="grant-site"
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item
          name={roleName}
          label={t('memberships.role')}
          dependencies={[siteName]}
          rules={[
            { required, message: t('memberships.roleRequired') },
            ({ getFieldValue }) => ({
              validator: async (_r, value?: string) => {
                if (!value && getFieldValue(siteName)) throw new Error(t('memberships.roleRequired'));
              },
            }),
          ]}
        >
          <Select
            allowClear={!required}
            loading={roles.isPending}
            options={roleOptions}
            placeholder={t('memberships.rolePlaceholder')}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="grant-role"
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
