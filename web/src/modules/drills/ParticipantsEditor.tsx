import { DeleteOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Flex, Form, Input, InputNumber, Typography, theme } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { namesIn, type ParticipantProblem, type ParticipantRow, participantProblem, participantTotal } from './logic';

/**
 * 参演人员 by group as a form field list (`participants`): group, head count and, when they
 * were taken, the names — one block per group so that it is filled on a phone on the spot.
 * A count left empty is taken from the names; the total is shown under the list.
 */
export function ParticipantsEditor({ name = 'participants' }: { name?: string }) {
  const { t } = useTranslation('drills');
  const { token } = theme.useToken();
  const form = Form.useFormInstance();
  const rows = (Form.useWatch(name, form) as ParticipantRow[] | undefined) ?? [];
  const total = participantTotal(rows);
  const suggestions = t('participants.suggestions')
    .split(',')
    .map((s) => ({ value: s }));

  const message: Record<ParticipantProblem, string> = {
    group: t('participants.groupRequired'),
    count: t('participants.countInvalid'),
    namesExceedCount: t('participants.namesExceedCount'),
    duplicateGroup: t('participants.duplicateGroup'),
  };
  /**
   * The row's check, shown under the field it concerns (the group's own problems under the
   * group, a missing or too small count under the count); checked when a field is left, when
   * a field it depends on changes and on saving — not while the row is being typed.
   */
  const rowRule = (index: number, shows: ParticipantProblem[]): Rule => ({
    validator: () => {
      const problem = participantProblem((form.getFieldValue(name) as ParticipantRow[] | undefined) ?? [], index);
      return problem && shows.includes(problem) ? Promise.reject(new Error(message[problem])) : Promise.resolve();
    },
  });

  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div data-testid="participants-editor">
          {fields.map((field, index) => {
            const named = namesIn(rows[index]?.names).length;
            return (
              <div
                key={field.key}
                style={{
                  border: `1px solid ${token.colorSplit}`,
                  borderRadius: token.borderRadiusLG,
                  padding: '10px 10px 0',
                  marginBottom: 10,
                }}
                data-testid={`participants-row-${index}`}
              >
                <Flex gap={8} align="flex-start">
                  <Form.Item
                    name={[field.name, 'group']}
                    rules={[rowRule(index, ['group', 'duplicateGroup'])]}
                    validateTrigger="onBlur"
                    dependencies={[
                      [name, field.name, 'count'],
                      [name, field.name, 'names'],
                    ]}
                    style={{ flex: '1 1 auto', minWidth: 0, marginBottom: 10 }}
                  >
                    <AutoComplete
                      options={suggestions}
                      placeholder={t('participants.group')}
                      filterOption={(input, option) => String(option?.value ?? '').includes(input)}
                      maxLength={50}
                      data-testid="participants-group"
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'count']}
                    rules={[rowRule(index, ['count', 'namesExceedCount'])]}
                    validateTrigger="onBlur"
                    dependencies={[
                      [name, field.name, 'group'],
                      [name, field.name, 'names'],
                    ]}
                    style={{ flex: '0 0 110px', marginBottom: 10 }}
                  >
                    <InputNumber
                      min={1}
                      max={100000}
                      precision={0}
                      inputMode="numeric"
                      placeholder={named ? String(named) : t('participants.count')}
                      suffix={t('participants.people')}
                      style={{ width: '100%' }}
                      data-testid="participants-count"
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('participants.remove')}
                    onClick={() => remove(field.name)}
                    data-testid="participants-remove"
                  />
                </Flex>
                <Form.Item
                  name={[field.name, 'names']}
                  style={{ marginBottom: 10 }}
                  extra={named ? t('participants.named', { count: named }) : undefined}
                >
                  <Input.TextArea
                    autoSize={{ minRows: 1, maxRows: 5 }}
                    maxLength={2000}
                    placeholder={t('participants.namesPlaceholder')}
                    data-testid="participants-names"
                  />
                </Form.Item>
              </div>
            );
          })}
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Button icon={<PlusOutlined />} onClick={() => add({ group: null, count: null, names: null })} data-testid="participants-add">
              {t('participants.add')}
            </Button>
            <Typography.Text strong data-testid="participants-total">
              <TeamOutlined /> {t('participants.total', { count: total })}
            </Typography.Text>
          </Flex>
        </div>
      )}
    </Form.List>
  );
}
