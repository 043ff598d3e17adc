import { SwapOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../app/auth';
import { PageContainer, type QueryColumn, QueryTable } from '../../components';
import { AssetStatusTags } from './AssetTags';
import { TransferDialog } from './TransferDialog';
import type { Asset } from './types';

/** 我的资产: what the signed-in person is responsible for; hand some over to a colleague. */
export default function MyAssetsPage() {
  const { t } = useTranslation('equipment');
  const navigate = useNavigate();
  const can = useCan();
  const [selected, setSelected] = useState<Asset[]>([]);
  const [transfer, setTransfer] = useState(false);

  const columns: QueryColumn<Asset>[] = [
    {
      title: t('asset.code'),
      dataIndex: 'code',
      sorter: true,
      // a custodian without assets:read holds assets but cannot open the archive
      render: (c: string, r) => (can('assets:read', r.siteId) ? <Link to={`/equipment/assets/${r.id}`}>{c}</Link> : c),
    },
    { title: t('asset.name'), dataIndex: 'name', sorter: true },
    { title: t('asset.category'), dataIndex: 'categoryName' },
    { title: t('asset.place'), key: 'place', render: (_, r) => r.locationPath ?? r.siteName },
    { title: t('asset.status'), key: 'status', render: (_, r) => <AssetStatusTags status={r.status} lost={r.lost} /> },
  ];

  return (
    <PageContainer
      title={t('my.title')}
      subtitle={t('my.subtitle')}
      extra={
        <Button onClick={() => navigate('/equipment/custody')} data-testid="goto-custody">
          {t('menu.custody')}
        </Button>
      }
    >
      <QueryTable<Asset>
        resource="/my/assets"
        columns={columns}
        defaultSort="code"
        searchPlaceholder={t('list.search')}
        toolbarExtra={
          <>
            {selected.length ? <Typography.Text type="secondary">{t('list.selected', { count: selected.length })}</Typography.Text> : null}
            <Button
              type="primary"
              icon={<SwapOutlined />}
              disabled={selected.length === 0}
              onClick={() => setTransfer(true)}
              data-testid="my-transfer"
            >
              {t('custody.transfer')}
            </Button>
          </>
        }
        tableProps={{
          rowSelection: { selectedRowKeys: selected.map((a) => a.id), onChange: (_k, rows) => setSelected(rows.filter(Boolean)) },
        }}
      />
      <TransferDialog open={transfer} assets={selected} onClose={() => setTransfer(false)} onDone={() => setSelected([])} />
    </PageContainer>
  );
}
