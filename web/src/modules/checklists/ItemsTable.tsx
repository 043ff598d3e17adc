import { CameraOutlined } from '@ant-design/icons';
import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChecklistItem } from '../../../../contracts/checklists';
import { expectedText } from '../../components/checklistAnswers';

/** What an item asks for, in one line: the band of a number, the options of a choice (failing ones in red). */
export function ItemRequirement({ item }: { item: ChecklistItem }) {
  const { t } = useTranslation('checklists');
  if (item.kind === 'number') {
    const band = expectedText(item);
    return band ? (
      <span>{t('items.allowed', { band })}</span>
    ) : (
      <Typography.Text type="secondary">{item.unit ?? t('items.noBand')}</Typography.Text>
    );
  }
  if (item.kind === 'choice') {
    return (
      <Space size={[4, 4]} wrap>
        {(item.options ?? []).map((o) => (
          <Tag key={o} color={(item.failOptions ?? []).includes(o) ? 'red' : undefined}>
            {o}
          </Tag>
        ))}
      </Space>
    );
  }
  if (item.kind === 'pass_fail' && item.photoOnFail) {
    return (
      <span>
        <CameraOutlined /> {t('items.photoOnFail')}
      </span>
    );
  }
  return <Typography.Text type="secondary">—</Typography.Text>;
}

/** A template version's items, read-only. */
export function ItemsTable({ items }: { items: ChecklistItem[] }) {
  const { t } = useTranslation('checklists');
  return (
    <Table<ChecklistItem>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={items}
      scroll={{ x: 'max-content' }}
      data-testid="checklist-items"
      columns={[
        { title: '#', key: 'n', width: 40, render: (_, _r, i) => i + 1 },
        {
          title: t('items.label'),
          dataIndex: 'label',
          render: (label: string, r) => (
            <div style={{ minWidth: 140, maxWidth: 320, whiteSpace: 'normal' }}>
              <Typography.Text>
                {label}
                {r.required ? <Typography.Text type="danger"> *</Typography.Text> : null}
              </Typography.Text>
              {r.hint ? (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {r.hint}
                </Typography.Text>
              ) : null}
            </div>
          ),
        },
        { title: t('items.kind'), dataIndex: 'kind', render: (k: string) => t(`kind.${k}`) },
        { title: t('items.requirement'), key: 'req', render: (_, r) => <ItemRequirement item={r} /> },
        { title: t('items.key'), dataIndex: 'key', render: (k: string) => <Typography.Text type="secondary">{k}</Typography.Text> },
      ]}
    />
  );
}
