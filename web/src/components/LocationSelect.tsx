import { TreeSelect } from 'antd';
import { useLocationTree } from '../modules/equipment/options';
import { toTreeOptions } from '../modules/equipment/tree';

export interface LocationSelectProps {
  /** the site whose location tree is offered; without one the field is disabled */
  siteId: string | null | undefined;
  placeholder?: string;
  testId?: string;
  /** set by Form.Item */
  value?: string | null;
  onChange?: (value: string | null) => void;
}

/**
 * A location (位置) of one site, picked from its tree with search — the field every record
 * that happens somewhere has (hazards, incidents, alerts, drills, training sessions).
 * Used inside a Form.Item, which gives it value and onChange.
 */
export function LocationSelect({ siteId, placeholder, testId, value, onChange }: LocationSelectProps) {
  const locations = useLocationTree(siteId);
  return (
    <TreeSelect
      allowClear
      value={value}
      onChange={(v) => onChange?.(v ?? null)}
      treeData={toTreeOptions(locations.data?.nodes ?? [])}
      showSearch={{ treeNodeFilterProp: 'title' }}
      loading={locations.isFetching}
      disabled={!siteId}
      placeholder={placeholder}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}
