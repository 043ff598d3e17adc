import { Form, Input, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components';
import { KEY_PATTERN } from './CategoryDrawer';
import { useAttributeTypeOptions } from './options';
import type { AttributeDef, AttributeType, Category } from './types';

interface Values {
  key: string;
  label: string;
  labelEn: string;
  type: AttributeType;
  unit?: string | null;
  options?: string[];
  required?: boolean;
  sort?: number | null;
}

/** Create or edit one attribute definition of a category (the key is fixed once values may exist). */
export function AttributeDrawer(props: { open: boolean; onClose: () => void; category: Category; record: AttributeDef | null }) {
  const { t } = useTranslation('equipment');
  const typeOptions = useAttributeTypeOptions();
  const { record, category } = props;

  return (
    <FormDrawer<Values, AttributeDef, AttributeDef>
      open={props.open}
      onClose={props.onClose}
      title={record ? t('attributes.edit', { name: record.label }) : t('attributes.create', { category: category.name })}
      resource="/asset-attributes"
      record={record}
      initialValues={{ type: 'text', required: false, options: [], sort: 0 }}
      toValues={(r) => ({ ...r, unit: r.unit ?? undefined })}
      toBody={(v, mode) => {
        const body = {
          label: v.label.trim(),
          labelEn: v.labelEn.trim(),
          unit: v.type === 'number' ? v.unit?.trim() || null : null,
          options: v.type === 'choice' ? [...new Set((v.options ?? []).map((o) => o.trim()).filter(Boolean))] : [],
          required: Boolean(v.required),
          sort: v.sort ?? 0,
        };
        // key and type are fixed once created: stored values depend on them
        return mode === 'create' ? { ...body, categoryId: category.id, key: v.key, type: v.type } : body;
      }}
      invalidate={['/asset-categories']}
    >
      {(form) => (
        <>
          <Form.Item
            name="key"
            label={t('attributes.key')}
            extra={t('attributes.keyHint')}
            rules={[
              { required: true, message: t('validation.required', { field: t('attributes.key') }) },
              { pattern: KEY_PATTERN, message: t('validation.key') },
              { max: 40, message: t('validation.max', { max: 40 }) },
            ]}
          >
            <Input disabled={Boolean(record)} />
          </Form.Item>
          <Form.Item
            name="label"
            label={t('attributes.label')}
            rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('attributes.label') }) }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item
            name="labelEn"
            label={t('attributes.labelEn')}
            rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('attributes.labelEn') }) }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item
            name="type"
            label={t('attributes.type')}
            extra={t('attributes.typeHint')}
            rules={[{ required: true, message: t('validation.select', { field: t('attributes.type') }) }]}
          >
            <Select options={typeOptions} disabled={Boolean(record)} />
          </Form.Item>
          <Form.Item noStyle dependencies={['type']}>
            {() => {
              const type = form.getFieldValue('type') as AttributeType;
              if (type === 'number')
                return (
                  <Form.Item name="unit" label={t('attributes.unit')} extra={t('attributes.unitHint')}>
                    <Input maxLength={20} style={{ width: 160 }} />
                  </Form.Item>
                );
              if (type === 'choice')
                return (
                  <Form.Item
                    name="options"
                    label={t('attributes.options')}
                    extra={t('attributes.optionsHint')}
                    rules={[{ required: true, type: 'array', min: 1, message: t('validation.options') }]}
                  >
                    <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} placeholder={t('attributes.optionsPlaceholder')} />
                  </Form.Item>
                );
              return null;
            }}
          </Form.Item>
          <Form.Item name="required" label={t('attributes.required')} valuePropName="checked" extra={t('attributes.requiredHint')}>
            <Switch />
          </Form.Item>
          <Form.Item name="sort" label={t('categories.sort')}>
            <InputNumber precision={0} min={0} max={9999} style={{ width: '100%' }} />
          </Form.Item>
        </>
      )}
    </FormDrawer>
  );
}
