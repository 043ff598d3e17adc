import { Form, Select, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ChecklistPurpose, ChecklistTemplateDto } from '../../../../contracts/checklists';
import { useCan } from '../../app/auth';
import { PageContainer, type QueryColumn, QueryTable, StatusTag } from '../../components';
import { PURPOSE_COLORS, usePurposeOptions } from './options';
import { TemplateActiveButton } from './TemplateActiveButton';
import { RESOURCE, TemplateDrawer } from './TemplateDrawer';

/** 检查表模板: every template of the organisation, searchable, filtered by purpose and 启用/停用, with export and 新建. */
export default function TemplatesPage() {
  const { t } = useTranslation('checklists');
  const can = useCan();
  const navigate = useNavigate();
  const purposeOptions = usePurposeOptions();
  const [creating, setCreating] = useState(false);
  const manage = can('checklists:manage');

  const columns: QueryColumn<ChecklistTemplateDto>[] = [
    {
      title: t('field.code'),
      dataIndex: 'code',
      render: (c: string, r) => <Link to={`/checklists/templates/${r.id}`}>{c}</Link>,
    },
    {
      title: t('field.name'),
      dataIndex: 'name',
      render: (n: string, r) => <Link to={`/checklists/templates/${r.id}`}>{n}</Link>,
    },
    {
      title: t('field.purpose'),
      dataIndex: 'purpose',
      render: (p: ChecklistPurpose) => <Tag color={PURPOSE_COLORS[p]}>{t(`purpose.${p}`)}</Tag>,
    },
    { title: t('field.itemCount'), key: 'items', align: 'right', render: (_, r) => r.items.length },
    { title: t('field.currentVersion'), dataIndex: 'currentVersion', align: 'right', render: (v: number) => `v${v}` },
    { title: t('field.active'), dataIndex: 'active', render: (a: boolean) => <StatusTag active={a} /> },
    {
      title: t('field.updatedAt'),
      dataIndex: 'updatedAt',
      render: (v: string) => <Typography.Text type="secondary">{dayjs(v).format('YYYY-MM-DD HH:mm')}</Typography.Text>,
    },
    ...(manage
      ? [
          {
            title: t('common:table.actions'),
            key: 'actions',
            render: (_: unknown, r: ChecklistTemplateDto) => <TemplateActiveButton record={r} />,
          },
        ]
      : []),
  ];

  return (
    <PageContainer title={t('list.title')} subtitle={t('list.subtitle')}>
      <QueryTable<ChecklistTemplateDto>
        resource={RESOURCE}
        columns={columns}
        searchPlaceholder={t('list.search')}
        initialFilters={{ active: '1' }}
        onCreate={manage ? () => setCreating(true) : undefined}
        createLabel={t('list.create')}
        filters={
          <>
            <Form.Item name="purpose">
              <Select allowClear placeholder={t('field.purpose')} options={purposeOptions} style={{ width: 130 }} />
            </Form.Item>
            <Form.Item name="active">
              <Select
                allowClear
                placeholder={t('field.active')}
                style={{ width: 110 }}
                options={[
                  { value: '1', label: t('list.activeOnly') },
                  { value: '0', label: t('list.inactiveOnly') },
                ]}
              />
            </Form.Item>
          </>
        }
        onRowClick={(r) => navigate(`/checklists/templates/${r.id}`)}
      />
      <TemplateDrawer
        open={creating}
        onClose={() => setCreating(false)}
        record={null}
        onSaved={(r) => navigate(`/checklists/templates/${r.id}`)}
      />
    </PageContainer>
  );
}
