import { Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth';
import { ActiveToggle, FormDrawer, PageContainer, QueryTable, StatusTag, useDictionary } from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { hours } from '../workorders/work/format';
import type { WorkStandard } from '../workorders/work/types';

interface Values {
  category: string;
  name: string;
  standardMinutes: number;
}

const MAX_MINUTES = 10_080;

/** 标准工时: one standard time per repair category, organisation-wide. */
export default function StandardsPage() {
  const { t } = useTranslation('wowork');
  const can = useCan();
  const categories = useDictionary('repair_category');
  const manage = can.everywhere('workorders:manage');
  const [drawer, setDrawer] = useState<{ record: WorkStandard | null } | null>(null);

  return (
    <PageContainer title={t('standards.title')} subtitle={t('standards.subtitle')}>
      <QueryTable<WorkStandard>
        resource="/work-standards"
        defaultSort="category"
        onCreate={manage ? () => setDrawer({ record: null }) : undefined}
        createLabel={t('standards.create')}
        filters={
          <>
            <Form.Item name="category">
              <Select allowClear placeholder={t('standards.category')} options={categories.options} style={{ minWidth: 140 }} />
            </Form.Item>
            <Form.Item name="active">
              <Select
                allowClear
                placeholder={t('common:status.label')}
                style={{ minWidth: 100 }}
                options={[
                  { value: '1', label: t('common:status.active') },
                  { value: '0', label: t('common:status.inactive') },
                ]}
              />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('standards.category'), dataIndex: 'category', sorter: true, render: (v: string) => categories.label(v) },
          { title: t('standards.name'), dataIndex: 'name', sorter: true },
          {
            title: t('standards.standardMinutes'),
            dataIndex: 'standardMinutes',
            sorter: true,
            align: 'right',
            render: (v: number) => (
              <Space size={4} wrap>
                {v}
                <Typography.Text type="secondary">{t('standards.hoursValue', { hours: hours(v) })}</Typography.Text>
              </Space>
            ),
          },
          { title: t('common:status.label'), dataIndex: 'active', render: (v: boolean) => <StatusTag active={v} /> },
          ...(manage
            ? [
                {
                  title: t('common:table.actions'),
                  key: 'actions',
                  render: (_: unknown, r: WorkStandard) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setDrawer({ record: r })}>
                        {t('common:actions.edit')}
                      </Button>
                      <ActiveToggle resource="/work-standards" record={r} name={r.name} />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormDrawer<Values, WorkStandard, WorkStandard>
        open={drawer !== null}
        onClose={() => setDrawer(null)}
        title={drawer?.record ? t('standards.edit') : t('standards.create')}
        resource="/work-standards"
        record={drawer?.record ?? null}
        toValues={(r) => ({ category: r.category, name: r.name, standardMinutes: r.standardMinutes })}
        toBody={(v) => ({ category: v.category, name: v.name.trim(), standardMinutes: v.standardMinutes })}
      >
        <Form.Item
          name="category"
          label={t('standards.category')}
          rules={[{ required: true, message: t('validation.select', { field: t('standards.category') }) }]}
        >
          <Select options={categories.options} loading={categories.loading} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('standards.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required', { field: t('standards.name') }) },
            { max: 60, message: t('validation.max', { max: 60 }) },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="standardMinutes"
          label={t('standards.standardMinutes')}
          rules={[
            { required: true, message: t('validation.required', { field: t('standards.standardMinutes') }) },
            { type: 'integer', min: 1, max: MAX_MINUTES, message: t('validation.standardRange') },
          ]}
        >
          <InputNumber min={1} max={MAX_MINUTES} precision={0} style={{ width: '100%' }} suffix={t('standards.minutesUnit')} />
        </Form.Item>
        {drawer?.record ? <HistoryPanel entity="work_standard" entityId={drawer.record.id} version={drawer.record.version} /> : null}
      </FormDrawer>
    </PageContainer>
  );
}
