import { Alert, DatePicker, Divider, Form, Input, InputNumber, Select, Skeleton } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { attributesToForm } from './attributeValues';
import { useCategoryAttributes, useLocalName } from './options';
import type { AttributeValue } from './types';

/**
 * The chosen category's attributes (own and inherited) as form fields named
 * `attributes.<key>`, so a server error `attributes.<key>` lands under its field.
 */
export function AttributeFields({ categoryId }: { categoryId: string | null | undefined }) {
  const { t } = useTranslation('equipment');
  const localName = useLocalName();
  const defs = useCategoryAttributes(categoryId, true);
  const form = Form.useFormInstance();
  // stored date values arrive as text; the picker needs dayjs
  useEffect(() => {
    if (!defs.data) return;
    const current = form.getFieldValue('attributes') as Record<string, AttributeValue> | undefined;
    if (!current) return;
    const converted = attributesToForm(defs.data, current);
    if (defs.data.some((d) => d.type === 'date' && typeof current[d.key] === 'string')) form.setFieldValue('attributes', converted);
  }, [defs.data, form]);
  if (!categoryId) return null;
  if (defs.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (defs.error) return <Alert type="warning" showIcon title={t('assetForm.attributesFailed')} />;
  const active = (defs.data ?? []).filter((d) => d.active);
  if (active.length === 0) return null;
  return (
    <>
      <Divider titlePlacement="start" plain>
        {t('assetForm.attributes')}
      </Divider>
      {active.map((d) => {
        const label = localName({ name: d.label, nameEn: d.labelEn });
        const rules = d.required
          ? [
              {
                required: true,
                message: t(d.type === 'choice' || d.type === 'date' ? 'validation.select' : 'validation.required', { field: label }),
              },
            ]
          : [];
        return (
          <Form.Item key={d.id} name={['attributes', d.key]} label={label} rules={rules} data-testid={`attr-${d.key}`}>
            {d.type === 'number' ? (
              <InputNumber style={{ width: '100%' }} suffix={d.unit ?? undefined} />
            ) : d.type === 'date' ? (
              <DatePicker style={{ width: '100%' }} />
            ) : d.type === 'choice' ? (
              <Select allowClear options={d.options.map((o) => ({ value: o, label: o }))} />
            ) : (
              <Input maxLength={200} />
            )}
          </Form.Item>
        );
      })}
    </>
  );
}
