import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Checkbox,
  Col,
  Flex,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Row,
  Segmented,
  Select,
  Tooltip,
  Typography,
  theme,
} from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import type { ItemValues, NumberBand } from './items';
import { useKindOptions } from './options';

const NEW_ITEM: ItemValues = { kind: 'pass_fail', required: true, photoOnFail: false, band: 'none' };

/**
 * The items of a template: add, remove and move up/down; each kind shows the fields
 * it needs (a number's unit and band, a choice's options and failing options, a
 * pass/fail item's photo-on-fail). Keys are shown but never typed: they are stable
 * once saved and made from the position for new items.
 */
export function ItemsEditor({ form }: { form: FormInstance }) {
  const { t } = useTranslation('checklists');
  const { token } = theme.useToken();
  return (
    <Form.List
      name="items"
      rules={[
        {
          validator: (_r, items: ItemValues[] | undefined) =>
            items?.length ? Promise.resolve() : Promise.reject(new Error(t('validation.noItems'))),
        },
      ]}
    >
      {(fields, { add, remove, move }, { errors }) => (
        <div data-testid="items-editor">
          {fields.map(({ key, name }, index) => (
            <div
              key={key}
              style={{
                border: `1px solid ${token.colorBorderSecondary}`,
                borderRadius: token.borderRadiusLG,
                padding: 12,
                marginBottom: 12,
              }}
              data-testid="item-editor"
            >
              <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
                <Typography.Text strong>
                  {t('editor.itemN', { n: index + 1 })}
                  <ItemKey form={form} name={name} />
                </Typography.Text>
                <Flex gap={0}>
                  <Tooltip title={t('editor.up')}>
                    <Button
                      type="text"
                      icon={<ArrowUpOutlined />}
                      disabled={index === 0}
                      onClick={() => move(index, index - 1)}
                      aria-label={t('editor.up')}
                    />
                  </Tooltip>
                  <Tooltip title={t('editor.down')}>
                    <Button
                      type="text"
                      icon={<ArrowDownOutlined />}
                      disabled={index === fields.length - 1}
                      onClick={() => move(index, index + 1)}
                      aria-label={t('editor.down')}
                    />
                  </Tooltip>
                  <Tooltip title={t('editor.remove')}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(name)} aria-label={t('editor.remove')} />
                  </Tooltip>
                </Flex>
              </Flex>
              <ItemFields form={form} name={name} />
            </div>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ ...NEW_ITEM })} data-testid="item-add">
            {t('editor.add')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

function ItemKey({ form, name }: { form: FormInstance; name: number }) {
  const { t } = useTranslation('checklists');
  const key = Form.useWatch(['items', name, 'key'], form) as string | undefined;
  return (
    <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8, fontSize: 12 }}>
      {key ? t('editor.key', { key }) : t('editor.keyNew')}
    </Typography.Text>
  );
}

function ItemFields({ form, name }: { form: FormInstance; name: number }) {
  const { t } = useTranslation('checklists');
  const kindOptions = useKindOptions();
  const path = (field: string) => ['items', name, field];
  const kind = Form.useWatch(path('kind'), form) as ItemValues['kind'];
  const band = (Form.useWatch(path('band'), form) as NumberBand | undefined) ?? 'none';
  const options = (Form.useWatch(path('options'), form) as string[] | undefined) ?? [];
  const max = (n: number): Rule => ({ max: n, message: t('validation.max', { max: n }) });
  const value = (field: string) => form.getFieldValue(path(field)) as number | null | undefined;

  return (
    <>
      {/* registered, so the saved key travels with the item when it is moved and saved */}
      <Form.Item name={[name, 'key']} hidden>
        <Input />
      </Form.Item>
      <Form.Item
        name={[name, 'label']}
        label={t('items.label')}
        rules={[{ required: true, whitespace: true, message: t('validation.label') }, max(200)]}
      >
        <Input placeholder={t('editor.labelPlaceholder')} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name={[name, 'kind']} label={t('items.kind')} rules={[{ required: true, message: t('validation.kind') }]}>
            <Select options={kindOptions} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={[name, 'required']} valuePropName="checked" label=" " colon={false}>
            <Checkbox>{t('items.required')}</Checkbox>
          </Form.Item>
        </Col>
      </Row>
      {kind === 'pass_fail' ? (
        <Form.Item name={[name, 'photoOnFail']} valuePropName="checked">
          <Checkbox>{t('items.photoOnFail')}</Checkbox>
        </Form.Item>
      ) : null}
      {kind === 'number' ? (
        <>
          <Row gutter={12}>
            <Col xs={24} sm={8}>
              <Form.Item name={[name, 'unit']} label={t('items.unit')} rules={[max(20)]}>
                <Input placeholder={t('editor.unitPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={16}>
              <Form.Item name={[name, 'band']} label={t('items.band')}>
                <Segmented block options={(['none', 'range', 'target'] as const).map((b) => ({ value: b, label: t(`band.${b}`) }))} />
              </Form.Item>
            </Col>
          </Row>
          {band === 'range' ? (
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item
                  name={[name, 'min']}
                  label={t('items.min')}
                  rules={[
                    {
                      validator: (_r, v: number | null | undefined) =>
                        v == null && value('max') == null ? Promise.reject(new Error(t('validation.rangeEmpty'))) : Promise.resolve(),
                    },
                  ]}
                  dependencies={[path('max')]}
                >
                  <InputNumber style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name={[name, 'max']}
                  label={t('items.max')}
                  dependencies={[path('min')]}
                  rules={[
                    {
                      validator: (_r, v: number | null | undefined) => {
                        const low = value('min');
                        return v != null && low != null && low > v ? Promise.reject(new Error(t('validation.range'))) : Promise.resolve();
                      },
                    },
                  ]}
                >
                  <InputNumber style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          ) : null}
          {band === 'target' ? (
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name={[name, 'target']} label={t('items.target')} rules={[{ required: true, message: t('validation.target') }]}>
                  <InputNumber style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name={[name, 'tolerance']}
                  label={t('items.tolerance')}
                  rules={[
                    { required: true, message: t('validation.tolerance') },
                    { type: 'number', min: 0, message: t('validation.tolerance') },
                  ]}
                >
                  <InputNumber style={{ width: '100%' }} min={0} prefix="±" />
                </Form.Item>
              </Col>
            </Row>
          ) : null}
        </>
      ) : null}
      {kind === 'choice' ? (
        <>
          <Form.Item
            name={[name, 'options']}
            label={t('items.options')}
            extra={t('editor.optionsHint')}
            rules={[
              {
                validator: (_r, v: string[] | undefined) => {
                  const distinct = new Set((v ?? []).map((o) => o.trim()).filter(Boolean));
                  if (distinct.size < 2) return Promise.reject(new Error(t('validation.options')));
                  if ((v ?? []).some((o) => o.trim().length > 100)) return Promise.reject(new Error(t('validation.max', { max: 100 })));
                  return Promise.resolve();
                },
              },
            ]}
          >
            <Select
              mode="tags"
              open={false}
              tokenSeparators={[',', '，', '、']}
              placeholder={t('editor.optionsPlaceholder')}
              onChange={(next: string[]) => {
                const fails = (form.getFieldValue(path('failOptions')) as string[] | undefined) ?? [];
                form.setFieldValue(
                  path('failOptions'),
                  fails.filter((f) => next.includes(f)),
                );
              }}
            />
          </Form.Item>
          <Form.Item
            name={[name, 'failOptions']}
            label={t('items.failOptions')}
            extra={t('editor.failOptionsHint')}
            dependencies={[path('options')]}
            rules={[
              {
                validator: (_r, v: string[] | undefined) =>
                  (v ?? []).every((o) => options.includes(o)) ? Promise.resolve() : Promise.reject(new Error(t('validation.failOptions'))),
              },
            ]}
          >
            <Select
              mode="multiple"
              options={options.map((o) => ({ value: o, label: o }))}
              placeholder={t('editor.failOptionsPlaceholder')}
            />
          </Form.Item>
        </>
      ) : null}
      <Form.Item name={[name, 'hint']} label={t('items.hint')} rules={[max(500)]} style={{ marginBottom: 0 }}>
        <Input placeholder={t('editor.hintPlaceholder')} />
      </Form.Item>
    </>
  );
}
