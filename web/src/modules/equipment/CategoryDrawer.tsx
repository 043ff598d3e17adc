import { Form, Input, InputNumber, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components';
import { allIds, toTreeOptions } from './tree';
import type { Category, CategoryNode } from './types';

interface Values {
  parentId?: string | null;
  code: string;
  name: string;
  nameEn: string;
  sort?: number | null;
}

export const KEY_PATTERN = /^[a-z][a-z0-9_]*$/;
export const CODE_PATTERN = /^[A-Za-z0-9_.-]+$/;

/** Create or edit a category; moving it under another parent re-paths its subtree on the server. */
export function CategoryDrawer(props: {
  open: boolean;
  onClose: () => void;
  record: Category | null;
  parentId: string | null;
  tree: CategoryNode[];
  onSaved?: (c: Category) => void;
}) {
  const { t } = useTranslation('equipment');
  const { record } = props;
  // a category cannot move under itself or its own descendants
  const own = record ? findSubtree(props.tree, record.id) : [];
  const options = toTreeOptions(props.tree).map(function disable(o): ReturnType<typeof toTreeOptions>[number] {
    return { ...o, disabled: own.includes(o.value), children: o.children.map(disable) };
  });

  return (
    <FormDrawer<Values, Category, Category>
      open={props.open}
      onClose={props.onClose}
      title={record ? t('categories.edit', { name: record.name }) : t('categories.create')}
      resource="/asset-categories"
      record={record}
      initialValues={{ parentId: props.parentId, sort: 0 }}
      toValues={(r) => ({ parentId: r.parentId, code: r.code, name: r.name, nameEn: r.nameEn, sort: r.sort })}
      toBody={(v) => ({ ...v, parentId: v.parentId ?? null, sort: v.sort ?? 0 })}
      onSaved={(c) => props.onSaved?.(c)}
    >
      <Form.Item name="parentId" label={t('categories.parent')} extra={t('categories.parentHint')}>
        <TreeSelect
          allowClear
          treeData={options}
          treeDefaultExpandAll
          showSearch={{ treeNodeFilterProp: 'title' }}
          placeholder={t('categories.root')}
        />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('categories.code')}
        extra={t('categories.codeHint')}
        rules={[
          { required: true, message: t('validation.required', { field: t('categories.code') }) },
          { pattern: CODE_PATTERN, message: t('validation.code') },
          { max: 40, message: t('validation.max', { max: 40 }) },
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('categories.name')}
        rules={[
          { required: true, whitespace: true, message: t('validation.required', { field: t('categories.name') }) },
          { max: 100, message: t('validation.max', { max: 100 }) },
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="nameEn"
        label={t('categories.nameEn')}
        rules={[
          { required: true, whitespace: true, message: t('validation.required', { field: t('categories.nameEn') }) },
          { max: 100, message: t('validation.max', { max: 100 }) },
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="sort" label={t('categories.sort')} extra={t('categories.sortHint')}>
        <InputNumber precision={0} min={0} max={9999} style={{ width: '100%' }} />
      </Form.Item>
    </FormDrawer>
  );
}

function findSubtree(nodes: CategoryNode[], id: string): string[] {
  for (const n of nodes) {
    if (n.id === id) return allIds([n]);
    const inner = findSubtree(n.children, id);
    if (inner.length) return inner;
  }
  return [];
}
