import { Checkbox, Form, Grid, Select, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSelectedSite } from '../../app/site';
import { SiteSelect, UserSelect } from '../../components';
import { useCategoryTree, useCriticalityOptions, useLocationTree, useStatusOptions } from './options';
import { toTreeOptions } from './tree';

/** Days ahead that count as "warranty expiring". */
export const WARRANTY_DAYS = 30;

/** A checkbox standing for a query value: checked = `on`, unchecked = no filter. */
function FlagCheckbox({
  value,
  onChange,
  on,
  children,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  on: () => string;
  children: ReactNode;
}) {
  return (
    <Checkbox checked={Boolean(value)} onChange={(e) => onChange?.(e.target.checked ? on() : undefined)}>
      {children}
    </Checkbox>
  );
}

/** Site filter that also clears the location (which belongs to the previous site). */
function SiteFilter({ value, onChange, placeholder }: { value?: string; onChange?: (v: string | undefined) => void; placeholder: string }) {
  const form = Form.useFormInstance();
  return (
    <SiteSelect
      allowClear
      value={value}
      placeholder={placeholder}
      style={{ width: 160 }}
      onChange={(v) => {
        form.setFieldValue('locationId', undefined);
        onChange?.(v);
      }}
    />
  );
}

function LocationFilter(props: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  siteId: string | null | undefined;
  placeholder: string;
}) {
  const tree = useLocationTree(props.siteId);
  return (
    <TreeSelect
      allowClear
      value={props.value}
      onChange={props.onChange}
      treeData={toTreeOptions(tree.data?.nodes ?? [], true)}
      showSearch={{ treeNodeFilterProp: 'title' }}
      disabled={!props.siteId}
      loading={tree.isFetching}
      placeholder={props.placeholder}
      style={{ width: 200 }}
      popupMatchSelectWidth={false}
      data-testid="filter-location"
    />
  );
}

/**
 * The asset list's filters, each named after its query parameter. The site filter
 * shows only under 全部场所 — otherwise the header's site switcher is the filter.
 */
export function AssetFilters({ fireOnly = false }: { fireOnly?: boolean }) {
  const { t } = useTranslation('equipment');
  const screens = Grid.useBreakpoint();
  const selected = useSelectedSite();
  const form = Form.useFormInstance();
  const siteId = (Form.useWatch('siteId', form) as string | undefined) ?? selected;
  const categories = useCategoryTree();
  const statusOptions = useStatusOptions();
  const criticalityOptions = useCriticalityOptions();
  const width = (w: number) => (screens.sm ? w : '100%');

  return (
    <>
      {selected ? null : (
        <Form.Item name="siteId">
          <SiteFilter placeholder={t('asset.site')} />
        </Form.Item>
      )}
      <Form.Item name="locationId">
        <LocationFilter siteId={siteId} placeholder={siteId ? t('filters.location') : t('filters.locationNeedsSite')} />
      </Form.Item>
      {fireOnly ? null : (
        <Form.Item name="categoryId">
          <TreeSelect
            allowClear
            treeData={toTreeOptions(categories.data ?? [], true)}
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder={t('filters.category')}
            style={{ width: width(180) }}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
      )}
      <Form.Item name="status">
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          options={statusOptions}
          placeholder={t('asset.status')}
          style={{ width: width(200) }}
        />
      </Form.Item>
      {fireOnly ? null : (
        <>
          <Form.Item name="custodianId">
            <UserSelect placeholder={t('asset.custodian')} style={{ width: width(160) }} />
          </Form.Item>
          <Form.Item name="criticality">
            <Select allowClear options={criticalityOptions} placeholder={t('asset.criticality')} style={{ width: width(120) }} />
          </Form.Item>
          <Form.Item name="warrantyBefore">
            <FlagCheckbox on={() => dayjs().add(WARRANTY_DAYS, 'day').format('YYYY-MM-DD')}>
              {t('filters.warrantyExpiring', { days: WARRANTY_DAYS })}
            </FlagCheckbox>
          </Form.Item>
          <Form.Item name="lost">
            <FlagCheckbox on={() => '1'}>{t('filters.lostOnly')}</FlagCheckbox>
          </Form.Item>
        </>
      )}
    </>
  );
}
