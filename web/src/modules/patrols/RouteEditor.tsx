import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, type FormInstance, Radio, Space, TreeSelect, Typography, theme } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth';
import { RemoteSelect } from '../../components';
import { useLocationTree } from '../equipment/options';
import { toTreeOptions } from '../equipment/tree';
import { TemplateSelect } from '../maintenance/options';
import type { PatrolPointDto, PatrolTargetType } from './types';

/** One point of the route as the form holds it. */
export interface RoutePointValue {
  targetType: PatrolTargetType;
  targetId?: string | null;
  checklistTemplateId?: string | null;
}

interface AssetRow {
  id: string;
  code: string;
  name: string;
}

/**
 * The route (巡检路线): an ordered list of points, each a location of the site (tree) or
 * an asset (searched), with an optional checklist; moved up and down, removed, added at
 * the end. The form field is `points`, so the server's errors (`points.2.targetId`)
 * show under the point they concern. `known` are the saved points, for their labels.
 */
export function RouteEditor({ form, siteId, known }: { form: FormInstance; siteId: string | undefined; known: PatrolPointDto[] }) {
  const { t } = useTranslation('patrols');
  const { token } = theme.useToken();
  const can = useCan();
  // watched, so that a point's type switch re-renders its target picker
  const values = Form.useWatch('points', form) as RoutePointValue[] | undefined;
  const locations = useLocationTree(siteId);
  const treeData = toTreeOptions(locations.data?.nodes ?? []);
  const assetsAllowed = Boolean(siteId) && can('assets:read', siteId);
  const pointsRule = {
    validator: async (_r: unknown, points: RoutePointValue[] | undefined) => {
      if (!points?.length) throw new Error(t('validation.points'));
      const keys = points.filter((p) => p.targetId).map((p) => `${p.targetType}:${p.targetId}`);
      if (new Set(keys).size !== keys.length) throw new Error(t('validation.duplicatePoint'));
    },
  };
  const chosen = (field: string): Rule => ({ required: true, message: t('validation.select', { field }) });

  return (
    <Form.List name="points" rules={[pointsRule]}>
      {(fields, { add, remove, move }, { errors }) => (
        <div data-testid="route-editor">
          {fields.map((field, index) => {
            const value = values?.[field.name];
            const type = value?.targetType ?? 'location';
            const saved = known.find((p) => p.targetId === value?.targetId && p.targetType === type);
            const savedTemplate = known.find((p) => p.checklistTemplateId && p.checklistTemplateId === value?.checklistTemplateId);
            return (
              <div
                key={field.key}
                data-testid={`route-point-${index}`}
                style={{
                  border: `1px solid ${token.colorBorderSecondary}`,
                  borderRadius: token.borderRadiusLG,
                  padding: '8px 12px 0',
                  marginBottom: 8,
                }}
              >
                <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
                  <Space size={8} wrap>
                    <Typography.Text strong>{t('route.pointN', { n: index + 1 })}</Typography.Text>
                    <Form.Item name={[field.name, 'targetType']} noStyle>
                      <Radio.Group
                        size="small"
                        optionType="button"
                        options={[
                          { value: 'location', label: t('target.location') },
                          { value: 'asset', label: t('target.asset') },
                        ]}
                        onChange={() => form.setFieldValue(['points', field.name, 'targetId'], null)}
                      />
                    </Form.Item>
                  </Space>
                  <Space size={0}>
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowUpOutlined />}
                      disabled={index === 0}
                      onClick={() => move(index, index - 1)}
                      aria-label={t('route.up')}
                      data-testid={`route-up-${index}`}
                    />
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowDownOutlined />}
                      disabled={index === fields.length - 1}
                      onClick={() => move(index, index + 1)}
                      aria-label={t('route.down')}
                      data-testid={`route-down-${index}`}
                    />
                    <Button
                      type="text"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(index)}
                      aria-label={t('route.remove')}
                      data-testid={`route-remove-${index}`}
                    />
                  </Space>
                </Flex>
                <Form.Item
                  name={[field.name, 'targetId']}
                  rules={[chosen(type === 'asset' ? t('target.asset') : t('target.location'))]}
                  style={{ marginBottom: 8 }}
                >
                  {type === 'asset' ? (
                    <RemoteSelect<AssetRow>
                      resource="/assets"
                      params={{ siteId }}
                      labelOf={(a) => `${a.code} ${a.name}`}
                      initialOptions={saved ? [{ value: saved.targetId, label: saved.targetName }] : undefined}
                      placeholder={t('route.assetPlaceholder')}
                      disabled={!assetsAllowed}
                      popupMatchSelectWidth={false}
                      style={{ width: '100%' }}
                      data-testid={`route-asset-${index}`}
                    />
                  ) : (
                    <TreeSelect
                      treeData={treeData}
                      showSearch={{ treeNodeFilterProp: 'title' }}
                      loading={locations.isFetching}
                      disabled={!siteId}
                      popupMatchSelectWidth={false}
                      placeholder={t('route.locationPlaceholder')}
                      style={{ width: '100%' }}
                      data-testid={`route-location-${index}`}
                    />
                  )}
                </Form.Item>
                <Form.Item name={[field.name, 'checklistTemplateId']} style={{ marginBottom: 8 }}>
                  <TemplateSelect
                    current={
                      savedTemplate?.checklistTemplateId
                        ? { id: savedTemplate.checklistTemplateId, name: savedTemplate.checklistTemplateName ?? '' }
                        : null
                    }
                    placeholder={t('route.noChecklist')}
                    style={{ width: '100%' }}
                    data-testid={`route-checklist-${index}`}
                  />
                </Form.Item>
              </div>
            );
          })}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            onClick={() => add({ targetType: 'location', targetId: null, checklistTemplateId: null } satisfies RoutePointValue)}
            disabled={!siteId}
            data-testid="route-add"
          >
            {t('route.add')}
          </Button>
          <Form.ErrorList errors={errors} />
        </div>
      )}
    </Form.List>
  );
}
