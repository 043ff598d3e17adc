import { Form, Input, InputNumber, Select, TreeSelect, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { toTreeData } from './locationTree';
import { CODE_PATTERN, useLocationKindOptions } from './options';
import type { Location, LocationNode } from './types';

interface LocationValues {
  parentId?: string | null;
  code: string;
  name: string;
  kind: string;
  sort?: number | null;
}

export interface LocationDrawerProps {
  open: boolean;
  onClose: () => void;
  site: { id: string; name: string };
  /** the site's tree, for choosing the parent of a new location */
  tree: LocationNode[];
  /** editing this location; null = create */
  record: Location | null;
  /** create: the preset parent (null = top level) */
  parentId: string | null;
}

/** Create (under a chosen parent) or edit a location; moving is its own dialog. */
export function LocationDrawer({ open, onClose, site, tree, record, parentId }: LocationDrawerProps) {
  const { t } = useTranslation('org');
  const kindOptions = useLocationKindOptions();
  return (
    <FormDrawer<LocationValues, Location, Location>
      open={open}
      onClose={onClose}
      title={record ? t('locations.edit', { name: record.name }) : t('locations.create')}
      resource="/locations"
      record={record}
      invalidate={['/locations/tree']}
      initialValues={{ parentId, kind: 'room' }}
      toValues={(r) => ({ code: r.code, name: r.name, kind: r.kind, sort: r.sort })}
      toBody={(v, mode) => ({
        ...(mode === 'create' && { siteId: site.id, parentId: v.parentId ?? null }),
        code: v.code.trim(),
        name: v.name.trim(),
        kind: v.kind,
        ...(typeof v.sort === 'number' && { sort: v.sort }),
      })}
    >
      <Form.Item label={t('locations.site')}>
        <Typography.Text>{site.name}</Typography.Text>
      </Form.Item>
      {record ? null : (
        <Form.Item name="parentId" label={t('locations.parent')} extra={t('locations.parentHint')}>
          <TreeSelect
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder={t('locations.topLevel')}
            treeData={toTreeData(tree)}
            treeDefaultExpandAll={false}
          />
        </Form.Item>
      )}
      <Form.Item
        name="code"
        label={t('locations.code')}
        extra={t('locations.codeHint')}
        rules={[{ required: true, whitespace: true }, { max: 40 }, { pattern: CODE_PATTERN, message: t('locations.codeInvalid') }]}
      >
        <Input placeholder="CC-A-1F-101" />
      </Form.Item>
      <Form.Item name="name" label={t('locations.name')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="kind" label={t('locations.kind')} rules={[{ required: true }]}>
        <Select options={kindOptions} />
      </Form.Item>
      <Form.Item name="sort" label={t('locations.sort')} extra={t('locations.sortHint')}>
        <InputNumber min={-1_000_000} max={1_000_000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      {record ? <HistoryPanel entity="location" entityId={record.id} version={record.version} /> : null}
    </FormDrawer>
  );
}
