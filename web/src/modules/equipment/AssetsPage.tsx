import { PrinterOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan, useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { ImportDialog, PageContainer, type QueryColumn, QueryTable } from '../../components';
import { AssetDrawer } from './AssetDrawer';
import { AssetFilters } from './AssetFilters';
import { AssetStatusTags, DueDate } from './AssetTags';
import { type BulkAction, BulkDialog } from './BulkDialog';
import { formatMoney } from './format';
import { LabelsDialog, type LabelTarget } from './LabelsDialog';
import { useCategoryTree, useCriticalityOptions, useStatusOptions } from './options';
import { toTreeOptions } from './tree';
import type { Asset } from './types';

/**
 * 设备台账: the filtered asset list with bulk move / custodian / status, label
 * printing for the selected rows, Excel export and import.
 */
export default function AssetsPage() {
  const { t } = useTranslation('equipment');
  const can = useCan();
  const selectedSite = useSelectedSite();
  const statusOptions = useStatusOptions();
  const criticalityOptions = useCriticalityOptions();
  const categories = useCategoryTree();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [importCategory, setImportCategory] = useState<string | undefined>();
  const [selected, setSelected] = useState<Map<string, Asset>>(new Map());
  const [bulk, setBulk] = useState<BulkAction | null>(null);
  const [labels, setLabels] = useState<LabelTarget[] | null>(null);
  const manage = can('assets:manage');
  const rows = [...selected.values()];
  const bulkAllowed = rows.length > 0 && rows.every((r) => can('assets:manage', r.siteId));
  const params = useMemo(() => ({ under: '1' }), []);
  const me = useMe();
  const scopeName = selectedSite ? (me.sites.find((s) => s.id === selectedSite)?.name ?? '') : t('list.allSites');

  const columns: QueryColumn<Asset>[] = [
    {
      title: t('asset.code'),
      dataIndex: 'code',
      sorter: true,
      fixed: 'left',
      render: (code: string, r) => (
        <Link to={`/equipment/assets/${r.id}`} data-testid="asset-link">
          {code}
        </Link>
      ),
    },
    {
      title: t('asset.name'),
      dataIndex: 'name',
      sorter: true,
      render: (name: string, r) => <Link to={`/equipment/assets/${r.id}`}>{name}</Link>,
    },
    { title: t('asset.category'), dataIndex: 'categoryName' },
    {
      title: t('asset.place'),
      key: 'place',
      render: (_, r) => (
        <Typography.Text style={{ maxWidth: 280 }} ellipsis={{ tooltip: r.locationPath ?? r.siteName }}>
          {r.locationPath ?? r.siteName}
        </Typography.Text>
      ),
    },
    { title: t('asset.custodian'), dataIndex: 'custodianName', render: (v: string | null) => v ?? '—' },
    { title: t('asset.status'), key: 'status', render: (_, r) => <AssetStatusTags status={r.status} lost={r.lost} /> },
    {
      title: t('asset.criticality'),
      dataIndex: 'criticality',
      render: (c: string) => criticalityOptions.find((o) => o.value === c)?.label ?? c,
    },
    { title: t('asset.warrantyEnd'), dataIndex: 'warrantyEnd', sorter: true, render: (v: string | null) => <DueDate value={v} /> },
  ];

  const toolbarExtra =
    rows.length > 0 ? (
      <Space wrap>
        <Typography.Text type="secondary" data-testid="selection-count">
          {t('list.selected', { count: rows.length })}
        </Typography.Text>
        <Button size="small" type="link" onClick={() => setSelected(new Map())}>
          {t('list.clearSelection')}
        </Button>
        {bulkAllowed ? (
          <Dropdown
            menu={{
              items: (['move', 'custodian', 'status'] as const).map((a) => ({ key: a, label: t(`bulk.${a}`) })),
              onClick: ({ key }) => setBulk(key as BulkAction),
            }}
          >
            <Button data-testid="bulk-actions">{t('bulk.title')}</Button>
          </Dropdown>
        ) : null}
        {can('labels:print') ? (
          <Button
            icon={<PrinterOutlined />}
            onClick={() => setLabels(rows.map((r) => ({ type: 'asset', id: r.id })))}
            data-testid="print-labels"
          >
            {t('labels.action')}
          </Button>
        ) : null}
      </Space>
    ) : null;

  return (
    <PageContainer title={t('list.title')} subtitle={t('list.subtitle')}>
      <QueryTable<Asset>
        key={selectedSite ?? 'all'}
        resource="/assets"
        title={scopeName}
        columns={columns}
        defaultSort="code"
        params={params}
        searchPlaceholder={t('list.search')}
        filters={<AssetFilters />}
        toolbarExtra={toolbarExtra}
        onCreate={manage ? () => setDrawerOpen(true) : undefined}
        createLabel={t('list.create')}
        onImport={manage ? () => setImportOpen(true) : undefined}
        tableProps={{
          rowSelection: {
            selectedRowKeys: [...selected.keys()],
            preserveSelectedRowKeys: true,
            onChange: (_keys, chosen) =>
              setSelected((prev) => {
                const next = new Map<string, Asset>();
                const keys = new Set(_keys.map(String));
                for (const [id, a] of prev) if (keys.has(id)) next.set(id, a);
                for (const a of chosen) if (a) next.set(a.id, a);
                return next;
              }),
          },
        }}
      />
      <AssetDrawer open={drawerOpen} onClose={() => setDrawerOpen(false)} record={null} defaultSiteId={selectedSite} />
      <BulkDialog
        action={bulk}
        assets={rows}
        onClose={() => setBulk(null)}
        onDone={() => {
          setBulk(null);
          setSelected(new Map());
        }}
      />
      <LabelsDialog targets={labels} onClose={() => setLabels(null)} />
      <ImportDialog
        open={importOpen}
        onClose={() => setImportOpen(false)}
        title={t('import.title')}
        templatePath="/assets/import-template"
        importPath="/assets/import"
        params={{ categoryId: importCategory }}
        invalidate={['/assets', '/my/assets', '/fire-equipment']}
        allowValidRows
        templateExtra={
          <TreeSelect
            allowClear
            value={importCategory}
            onChange={setImportCategory}
            treeData={toTreeOptions(categories.data ?? [])}
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder={t('import.category')}
            style={{ width: 220 }}
            popupMatchSelectWidth={false}
            data-testid="import-category"
          />
        }
        previewColumns={[
          { key: 'code', title: t('asset.code') },
          { key: 'name', title: t('asset.name') },
          { key: 'categoryCode', title: t('import.categoryCode') },
          { key: 'siteCode', title: t('import.siteCode') },
          { key: 'locationCode', title: t('import.locationCode') },
          { key: 'status', title: t('asset.status'), render: (v) => statusOptions.find((o) => o.value === v)?.label ?? String(v) },
          { key: 'parentCode', title: t('import.parentCode') },
          { key: 'purchaseCost', title: t('asset.purchaseCost'), render: (v) => formatMoney(typeof v === 'number' ? v : null) },
          {
            key: 'attributes',
            title: t('import.attributes'),
            render: (v) =>
              Object.entries((v ?? {}) as Record<string, unknown>)
                .map(([k, x]) => `${k}: ${String(x)}`)
                .join('；'),
          },
        ]}
      />
    </PageContainer>
  );
}
