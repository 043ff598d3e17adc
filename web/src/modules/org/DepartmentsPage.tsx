import { Button, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth';
import { ActiveToggle, FormDrawer, PageContainer, type QueryColumn, QueryTable, RemoteSelect, StatusTag } from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { CODE_PATTERN, useActiveOptions } from './options';
import type { Department } from './types';

interface DepartmentValues {
  code: string;
  name: string;
  parentId?: string | null;
}

const departmentLabel = (d: Pick<Department, 'name' | 'code'>) => `${d.name}（${d.code}）`;

/** 部门: organisation-wide list with a parent department; create/edit drawer, deactivate/activate. */
export default function DepartmentsPage() {
  const { t } = useTranslation('org');
  const can = useCan();
  const activeOptions = useActiveOptions();
  const [editing, setEditing] = useState<Department | null>(null);
  const [open, setOpen] = useState(false);
  const manage = can.everywhere('org:manage');

  const edit = (d: Department | null) => {
    setEditing(d);
    setOpen(true);
  };

  const columns: QueryColumn<Department>[] = [
    { title: t('departments.code'), dataIndex: 'code', sorter: true },
    { title: t('departments.name'), dataIndex: 'name', sorter: true },
    {
      title: t('departments.parent'),
      dataIndex: 'parentName',
      render: (_: unknown, r) => (r.parentName ? departmentLabel({ name: r.parentName, code: r.parentCode ?? '' }) : '—'),
    },
    { title: t('common:status.label'), dataIndex: 'active', render: (a: boolean) => <StatusTag active={a} /> },
    {
      title: t('common:table.actions'),
      key: 'actions',
      render: (_, r) =>
        manage ? (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => edit(r)}>
              {t('common:actions.edit')}
            </Button>
            <ActiveToggle resource="/departments" record={r} name={r.name} />
          </Space>
        ) : null,
    },
  ];

  return (
    <PageContainer title={t('departments.title')} subtitle={t('departments.subtitle')}>
      <QueryTable<Department>
        resource="/departments"
        columns={manage ? columns : columns.filter((col) => col.key !== 'actions')}
        defaultSort="code"
        searchPlaceholder={t('departments.search')}
        onCreate={manage ? () => edit(null) : undefined}
        createLabel={t('departments.create')}
        filters={
          <Form.Item name="active">
            <Select allowClear placeholder={t('common:status.label')} options={activeOptions} style={{ width: 120 }} />
          </Form.Item>
        }
      />
      <FormDrawer<DepartmentValues, Department, Department>
        open={open}
        onClose={() => setOpen(false)}
        title={editing ? t('departments.edit', { name: editing.name }) : t('departments.create')}
        resource="/departments"
        record={editing}
        toValues={(r) => ({ code: r.code, name: r.name, parentId: r.parentId })}
        toBody={(v) => ({ code: v.code.trim(), name: v.name.trim(), parentId: v.parentId ?? null })}
      >
        <Form.Item
          name="code"
          label={t('departments.code')}
          rules={[{ required: true, whitespace: true }, { max: 32 }, { pattern: CODE_PATTERN, message: t('departments.codeInvalid') }]}
        >
          <Input placeholder="HQ-WX" />
        </Form.Item>
        <Form.Item name="name" label={t('departments.name')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="parentId" label={t('departments.parent')} extra={t('departments.parentHint')}>
          <RemoteSelect<Department>
            resource="/departments"
            params={{ active: '1' }}
            labelOf={departmentLabel}
            exclude={editing ? [editing.id] : []}
            initialOptions={
              editing?.parentId && editing.parentName
                ? [{ value: editing.parentId, label: departmentLabel({ name: editing.parentName, code: editing.parentCode ?? '' }) }]
                : []
            }
            placeholder={t('departments.noParent')}
          />
        </Form.Item>
        {editing ? <HistoryPanel entity="department" entityId={editing.id} version={editing.version} /> : null}
      </FormDrawer>
    </PageContainer>
  );
}
