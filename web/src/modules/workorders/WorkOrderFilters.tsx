import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Grid, Select, Switch, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, WORK_ORDER_KINDS, WORK_ORDER_STATUSES } from '../../../../contracts/workorders';
import { useCan } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { RemoteSelect, SiteSelect, UserSelect, useDictionary } from '../../components';
import { useLocationTree } from '../equipment/options';
import { toTreeOptions } from '../equipment/tree';
import { dayRangeToParams, paramsToDayRange, paramToStatuses, statusesToParam } from './options';

interface Controlled<V> {
  value?: V;
  onChange?: (v: V | undefined) => void;
}

/** Statuses as a multi-select whose value is the API's comma list. */
function StatusFilter({ value, onChange, width }: Controlled<string> & { width: number | string }) {
  const { t } = useTranslation('workorders');
  return (
    <Select
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      value={paramToStatuses(value)}
      onChange={(v: string[]) => onChange?.(statusesToParam(v))}
      options={WORK_ORDER_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
      placeholder={t('filters.status')}
      style={{ width }}
      data-testid="filter-status"
    />
  );
}

/** A switch standing for `1` (on) or no filter (off). */
function FlagSwitch({ value, onChange, children }: Controlled<string> & { children: ReactNode }) {
  return (
    <Flex gap={6} align="center">
      <Switch size="small" checked={value === '1'} onChange={(on) => onChange?.(on ? '1' : undefined)} />
      <Typography.Text>{children}</Typography.Text>
    </Flex>
  );
}

/** Site filter that also clears the location, which belongs to the previous site. */
function SiteFilter({ value, onChange, width }: Controlled<string> & { width: number | string }) {
  const { t } = useTranslation('workorders');
  const form = Form.useFormInstance();
  return (
    <SiteSelect
      allowClear
      value={value}
      placeholder={t('filters.site')}
      style={{ width }}
      onChange={(v) => {
        form.setFieldValue('locationId', undefined);
        onChange?.(v);
      }}
    />
  );
}

function LocationFilter({ value, onChange, siteId, width }: Controlled<string> & { siteId: string | null; width: number | string }) {
  const { t } = useTranslation('workorders');
  const tree = useLocationTree(siteId);
  return (
    <TreeSelect
      allowClear
      value={value}
      onChange={onChange}
      treeData={toTreeOptions(tree.data?.nodes ?? [], true)}
      showSearch={{ treeNodeFilterProp: 'title' }}
      disabled={!siteId}
      loading={tree.isFetching}
      placeholder={siteId ? t('filters.location') : t('filters.locationNeedsSite')}
      style={{ width }}
      popupMatchSelectWidth={false}
    />
  );
}

/**
 * Report dates as local days; the form keeps the API's instants in `createdFrom` and a
 * hidden `createdTo` (set first, so the table reads both at once). Phones get two
 * single pickers, since a range picker's two months do not fit 375 px.
 */
function CreatedRange({ value, onChange }: Controlled<string>) {
  const { t } = useTranslation('workorders');
  const screens = Grid.useBreakpoint();
  const form = Form.useFormInstance();
  const createdTo = Form.useWatch<string | undefined>('createdTo', form);
  const [from, to] = paramsToDayRange(value, createdTo);
  const set = (f: string | undefined, u: string | undefined) => {
    const p = dayRangeToParams(f, u);
    form.setFieldValue('createdTo', p.createdTo);
    onChange?.(p.createdFrom);
  };
  const day = (v?: string) => (v ? dayjs(v) : null);
  const fmt = (d: dayjs.Dayjs | null | undefined) => d?.format('YYYY-MM-DD');
  if (!screens.sm) {
    return (
      <Flex gap={8} style={{ width: '100%' }}>
        <DatePicker value={day(from)} placeholder={t('filters.from')} inputReadOnly onChange={(d) => set(fmt(d), to)} />
        <DatePicker value={day(to)} placeholder={t('filters.to')} inputReadOnly onChange={(d) => set(from, fmt(d))} />
      </Flex>
    );
  }
  return (
    <DatePicker.RangePicker
      allowEmpty={[true, true]}
      value={[day(from), day(to)]}
      placeholder={[t('filters.from'), t('filters.to')]}
      style={{ width: 250 }}
      onChange={(range) => set(fmt(range?.[0]), fmt(range?.[1]))}
    />
  );
}

interface TeamRow {
  id: string;
  name: string;
  siteName?: string | null;
}

/**
 * The work-order list's filters, each named after its query parameter. The common ones
 * show at once; the rest open under 更多筛选 (hidden items keep their values). A quick
 * tab that fixes the status or the overdue flag hides that filter.
 */
export function WorkOrderFilters({ fixed }: { fixed: Record<string, unknown> }) {
  const { t } = useTranslation('workorders');
  const screens = Grid.useBreakpoint();
  const can = useCan();
  const selected = useSelectedSite();
  const form = Form.useFormInstance();
  const siteId = (Form.useWatch<string | undefined>('siteId', form) ?? selected) || null;
  const categories = useDictionary('repair_category');
  const urgencies = useDictionary('urgency');
  const [more, setMore] = useState(false);
  const w = (n: number) => (screens.sm ? n : '100%');
  const staff = can('workorders:read');

  return (
    <>
      {selected ? null : (
        <Form.Item name="siteId">
          <SiteFilter width={w(160)} />
        </Form.Item>
      )}
      {'status' in fixed ? null : (
        <Form.Item name="status">
          <StatusFilter width={w(200)} />
        </Form.Item>
      )}
      <Form.Item name="category">
        <Select allowClear options={categories.options} placeholder={t('filters.category')} style={{ width: w(140) }} />
      </Form.Item>
      <Form.Item name="urgency">
        <Select allowClear options={urgencies.options} placeholder={t('filters.urgency')} style={{ width: w(120) }} />
      </Form.Item>
      {'overdue' in fixed ? null : (
        <Form.Item name="overdue">
          <FlagSwitch>{t('filters.overdue')}</FlagSwitch>
        </Form.Item>
      )}
      <Form.Item>
        <Button type="link" onClick={() => setMore((m) => !m)} icon={more ? <UpOutlined /> : <DownOutlined />} data-testid="filters-more">
          {t(more ? 'filters.less' : 'filters.more')}
        </Button>
      </Form.Item>
      <Form.Item name="locationId" hidden={!more}>
        <LocationFilter siteId={siteId} width={w(200)} />
      </Form.Item>
      <Form.Item name="channel" hidden={!more}>
        <Select
          allowClear
          options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
          placeholder={t('filters.channel')}
          style={{ width: w(140) }}
        />
      </Form.Item>
      <Form.Item name="kind" hidden={!more}>
        <Select
          allowClear
          options={WORK_ORDER_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          placeholder={t('filters.kind')}
          style={{ width: w(150) }}
        />
      </Form.Item>
      {staff && can('users:read') ? (
        <Form.Item name="assigneeId" hidden={!more}>
          <UserSelect placeholder={t('filters.assignee')} params={{ siteId: siteId ?? undefined }} style={{ width: w(170) }} />
        </Form.Item>
      ) : null}
      {staff && can('org:read', null) && !('assigneeDepartmentId' in fixed) ? (
        <Form.Item name="assigneeDepartmentId" hidden={!more}>
          <RemoteSelect<{ id: string; code: string; name: string }>
            resource="/departments"
            params={{ active: '1' }}
            labelOf={(d) => d.name}
            placeholder={t('filters.assigneeDepartment')}
            style={{ width: w(170) }}
            data-testid="filter-assignee-department"
          />
        </Form.Item>
      ) : null}
      {staff && can('org:read') ? (
        <Form.Item name="teamId" hidden={!more}>
          <RemoteSelect<TeamRow>
            resource="/teams"
            params={{ active: '1' }}
            labelOf={(r) => (r.siteName ? `${r.name}（${r.siteName}）` : r.name)}
            placeholder={t('filters.team')}
            style={{ width: w(170) }}
          />
        </Form.Item>
      ) : null}
      {can('assets:read') ? (
        <Form.Item name="assetId" hidden={!more}>
          <RemoteSelect<{ id: string; code: string; name: string }>
            resource="/assets"
            params={{ siteId: siteId ?? undefined }}
            labelOf={(a) => `${a.code} ${a.name}`}
            placeholder={t('filters.asset')}
            style={{ width: w(200) }}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
      ) : null}
      <Form.Item name="createdFrom" hidden={!more}>
        <CreatedRange />
      </Form.Item>
      <Form.Item name="createdTo" hidden>
        <input type="hidden" />
      </Form.Item>
      {staff ? (
        <Form.Item name="inPool" hidden={!more}>
          <FlagSwitch>{t('filters.pool')}</FlagSwitch>
        </Form.Item>
      ) : null}
    </>
  );
}
