import { Alert, Checkbox, Col, Empty, Flex, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../components';
import { type PermissionGroup, usePermissionCatalogue } from './permissions';

export interface PermissionChecklistProps {
  value?: string[];
  onChange?: (value: string[]) => void;
  /** offer only these permissions (e.g. what the person holds); all when absent */
  only?: Set<string>;
  disabled?: boolean;
  'data-testid'?: string;
}

function restrict(groups: PermissionGroup[], only?: Set<string>): PermissionGroup[] {
  if (!only) return groups;
  return groups.map((g) => ({ ...g, items: g.items.filter((i) => only.has(i.name)) })).filter((g) => g.items.length);
}

/** Permissions as checkboxes grouped by module (`module:action`), with a select-all per group. Works in Form.Item. */
export function PermissionChecklist({ value = [], onChange, only, disabled, ...rest }: PermissionChecklistProps) {
  const { t } = useTranslation('identity');
  const errorText = useErrorText();
  const catalogue = usePermissionCatalogue();
  const groups = restrict(catalogue.groups, only);
  const chosen = new Set(value);

  if (catalogue.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (catalogue.error) return <Alert type="error" showIcon title={errorText(catalogue.error)} />;
  if (!groups.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('permissions.none')} />;

  // keep the catalogue's order so the stored list reads the same every time
  const order = catalogue.entries.map((e) => e.name);
  const emit = (next: Set<string>) => onChange?.(order.filter((n) => next.has(n)).concat(value.filter((v) => !order.includes(v))));

  const setGroup = (g: PermissionGroup, on: boolean) => {
    const next = new Set(chosen);
    for (const i of g.items) {
      if (on) next.add(i.name);
      else next.delete(i.name);
    }
    emit(next);
  };

  return (
    <Flex vertical gap={8} data-testid={rest['data-testid']}>
      <Typography.Text type="secondary">{t('permissions.selected', { count: value.length })}</Typography.Text>
      {groups.map((g) => {
        const count = g.items.filter((i) => chosen.has(i.name)).length;
        return (
          <div key={g.module} style={{ border: '1px solid rgba(5,5,5,0.08)', borderRadius: 8, padding: '8px 12px' }}>
            <Checkbox
              checked={count === g.items.length}
              indeterminate={count > 0 && count < g.items.length}
              disabled={disabled}
              onChange={(e) => setGroup(g, e.target.checked)}
            >
              <Typography.Text strong>{g.label}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                {count}/{g.items.length}
              </Typography.Text>
            </Checkbox>
            <Row gutter={[8, 4]} style={{ marginTop: 6, paddingInlineStart: 24 }}>
              {g.items.map((i) => (
                <Col xs={24} sm={12} key={i.name}>
                  <Checkbox
                    checked={chosen.has(i.name)}
                    disabled={disabled}
                    onChange={(e) => {
                      const next = new Set(chosen);
                      if (e.target.checked) next.add(i.name);
                      else next.delete(i.name);
                      emit(next);
                    }}
                  >
                    {i.label}
                    <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                      {i.name}
                    </Typography.Text>
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </div>
        );
      })}
    </Flex>
  );
}

/** Read-only view of a permission list, grouped like the checklist. */
export function PermissionSummary({ permissions }: { permissions: string[] }) {
  const { t } = useTranslation('identity');
  const catalogue = usePermissionCatalogue();
  const held = new Set(permissions);
  const groups = restrict(catalogue.groups, held);
  const unknown = permissions.filter((p) => !catalogue.entries.some((e) => e.name === p));
  if (!permissions.length) return <Typography.Text type="secondary">{t('permissions.none')}</Typography.Text>;
  if (catalogue.isPending) return <Skeleton active title={false} paragraph={{ rows: 2 }} />;
  return (
    <Flex vertical gap={6}>
      {groups.map((g) => (
        <div key={g.module}>
          <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
            {g.label}
          </Typography.Text>
          <Space size={[4, 4]} wrap>
            {g.items.map((i) => (
              <Tag key={i.name}>{i.label}</Tag>
            ))}
          </Space>
        </div>
      ))}
      {unknown.length ? (
        <Space size={[4, 4]} wrap>
          {unknown.map((p) => (
            <Tag key={p}>{p}</Tag>
          ))}
        </Space>
      ) : null}
    </Flex>
  );
}
