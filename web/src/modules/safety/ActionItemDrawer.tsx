import { Col, DatePicker, Form, Input, Radio, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormDrawer, UserSelect } from '../../components';
import { type ItemValues, itemBody, ownerResource } from './logic';
import { ACTION_KINDS, ACTIONS, type ActionItem, type ActionKind, type ActionOwnerType, CALENDAR, OVERVIEW } from './types';

/**
 * 新增 / 修改整改措施: kind, what is to be done, who carries it out (a person of the
 * owner's site), by when, and optionally who is asked to verify it. Edits go as PUT
 * while the item is open.
 */
export function ActionItemDrawer({
  open,
  onClose,
  record,
  ownerType,
  ownerId,
  siteId,
  defaultKind,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  record: ActionItem | null;
  ownerType: ActionOwnerType;
  ownerId: string;
  siteId: string;
  defaultKind?: ActionKind;
  onSaved?: (item: ActionItem) => void;
}) {
  const { t } = useTranslation('safety');
  const max = (n: number) => ({ max: n, message: t('validation.max', { max: n }) });
  return (
    <FormDrawer<ItemValues, ActionItem, ActionItem>
      open={open}
      onClose={onClose}
      width={560}
      title={record ? t('item.edit', { number: record.number }) : t('item.create')}
      resource={ACTIONS}
      editMethod="put"
      record={record}
      initialValues={{ kind: defaultKind ?? (ownerType === 'drill' ? 'improvement' : 'corrective') }}
      toValues={(r) => ({
        kind: r.kind,
        title: r.title,
        description: r.description,
        assigneeId: r.assigneeId,
        dueDate: dayjs(r.dueDate),
        verifierId: r.verifierId,
      })}
      toBody={(v, mode) => (mode === 'create' ? { ...itemBody(v), ownerType, ownerId } : itemBody(v))}
      invalidate={[ownerResource(ownerType), OVERVIEW, CALENDAR]}
      onSaved={(item) => onSaved?.(item)}
    >
      {(form) => (
        <>
          <Form.Item name="kind" label={t('field.kind')} rules={[{ required: true, message: t('validation.kind') }]}>
            <Radio.Group
              optionType="button"
              options={ACTION_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              data-testid="action-kind"
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('field.title')}
            rules={[{ required: true, whitespace: true, message: t('validation.title') }, max(200)]}
          >
            <Input maxLength={200} placeholder={t('form.titlePlaceholder')} data-testid="action-title" />
          </Form.Item>
          <Form.Item name="description" label={t('field.description')} rules={[max(2000)]}>
            <Input.TextArea rows={3} maxLength={2000} placeholder={t('form.descriptionPlaceholder')} data-testid="action-description" />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name="assigneeId" label={t('field.assignee')} rules={[{ required: true, message: t('validation.assignee') }]}>
                <UserSelect
                  params={{ siteId }}
                  initialOptions={record ? [{ value: record.assigneeId, label: record.assigneeName }] : undefined}
                  placeholder={t('form.userPlaceholder')}
                  data-testid="action-assignee"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name="dueDate"
                label={t('field.dueDate')}
                rules={[
                  { required: true, message: t('validation.dueDate') },
                  {
                    // an edit may keep a due date that has passed since; a new one lies ahead
                    validator: (_r, v?: Dayjs | null) =>
                      v?.isBefore(dayjs(), 'day') && v.format('YYYY-MM-DD') !== record?.dueDate
                        ? Promise.reject(new Error(t('validation.duePast')))
                        : Promise.resolve(),
                  },
                ]}
              >
                <DatePicker inputReadOnly style={{ width: '100%' }} data-testid="action-due" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="verifierId"
            label={t('field.verifier')}
            extra={t('form.verifierHint')}
            dependencies={['assigneeId']}
            rules={[
              {
                validator: (_r, v?: string | null) =>
                  v && v === form.getFieldValue('assigneeId')
                    ? Promise.reject(new Error(t('validation.verifierDiffers')))
                    : Promise.resolve(),
              },
            ]}
          >
            <UserSelect
              params={{ siteId }}
              initialOptions={record?.verifierId ? [{ value: record.verifierId, label: record.verifierName ?? '' }] : undefined}
              placeholder={t('form.verifierPlaceholder')}
              data-testid="action-verifier"
            />
          </Form.Item>
        </>
      )}
    </FormDrawer>
  );
}
