import { Alert, Col, Form, Input, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import type { ChecklistPurpose, ChecklistTemplateDto, ChecklistTemplateInput } from '../../../../contracts/checklists';
import { ApiError, api, isApiError } from '../../app/api';
import { FormDrawer } from '../../components';
import { ItemsEditor } from './ItemsEditor';
import { dottedFields, type ItemValues, toItems, toValues } from './items';
import { usePurposeOptions } from './options';

interface Values {
  code: string;
  name: string;
  purpose: ChecklistPurpose;
  description?: string | null;
  items: ItemValues[];
}

export const RESOURCE = '/checklist-templates';

/** Field errors about `items[2].label` placed under the item's own input. */
function withDottedFields(err: unknown): unknown {
  if (!isApiError(err) || err.fields.length === 0) return err;
  return new ApiError(err.status, err.code, err.message, dottedFields(err.fields), err.details, err.requestId);
}

/**
 * New template, or edit one: code, name, purpose, description and the items. Saving
 * changed items makes a new version (results already filled keep theirs), which the
 * drawer says before it happens.
 */
export function TemplateDrawer(props: {
  open: boolean;
  onClose: () => void;
  record: ChecklistTemplateDto | null;
  onSaved?: (t: ChecklistTemplateDto) => void;
}) {
  const { t } = useTranslation('checklists');
  const purposeOptions = usePurposeOptions();
  const { record } = props;
  const required = (field: string): Rule => ({ required: true, whitespace: true, message: t('validation.required', { field }) });
  const max = (n: number): Rule => ({ max: n, message: t('validation.max', { max: n }) });

  return (
    <FormDrawer<Values, ChecklistTemplateDto, ChecklistTemplateDto>
      open={props.open}
      onClose={props.onClose}
      width={720}
      title={record ? t('form.edit', { name: record.name }) : t('form.create')}
      resource={RESOURCE}
      record={record}
      initialValues={{ purpose: 'maintenance', items: [{ kind: 'pass_fail', required: true, band: 'none' }] }}
      toValues={(r) => ({
        code: r.code,
        name: r.name,
        purpose: r.purpose,
        description: r.description,
        items: r.items.map(toValues),
      })}
      toBody={(v): ChecklistTemplateInput => ({
        code: v.code.trim(),
        name: v.name.trim(),
        purpose: v.purpose,
        description: v.description?.trim() ? v.description.trim() : null,
        items: toItems(v.items ?? []),
      })}
      submit={async (body, _mode, current) => {
        try {
          // PUT with the version (FormDrawer adds it on edit): changed items become a new template version
          return current
            ? await api.put<ChecklistTemplateDto>(`${RESOURCE}/${current.id}`, body)
            : await api.post<ChecklistTemplateDto>(RESOURCE, body);
        } catch (err) {
          throw withDottedFields(err);
        }
      }}
      onSaved={(r) => props.onSaved?.(r)}
    >
      {(form) => (
        <>
          {record ? (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('form.versionHint', { version: record.currentVersion })} />
          ) : null}
          <Row gutter={12}>
            <Col xs={24} sm={8}>
              <Form.Item
                name="code"
                label={t('field.code')}
                rules={[required(t('field.code')), max(40), { pattern: /^[A-Za-z0-9_-]+$/, message: t('validation.code') }]}
              >
                <Input placeholder="HVAC-M" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={16}>
              <Form.Item name="name" label={t('field.name')} rules={[required(t('field.name')), max(100)]}>
                <Input placeholder={t('form.namePlaceholder')} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="purpose"
            label={t('field.purpose')}
            rules={[{ required: true, message: t('validation.select', { field: t('field.purpose') }) }]}
          >
            <Select options={purposeOptions} />
          </Form.Item>
          <Form.Item name="description" label={t('field.description')} rules={[max(2000)]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
          <Form.Item label={t('field.items')} required style={{ marginBottom: 0 }}>
            <ItemsEditor form={form} />
          </Form.Item>
        </>
      )}
    </FormDrawer>
  );
}
