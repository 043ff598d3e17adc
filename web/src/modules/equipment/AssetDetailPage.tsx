import { EditOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Row, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan, useMe } from '../../app/auth';
import { DetailPage, useRecord } from '../../components';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { HistoryPanel } from '../../components/HistoryPanel';
import { AssetDrawer } from './AssetDrawer';
import { AssetMeters } from './AssetMeters';
import { AssetQrCard } from './AssetQrCard';
import { AssetStatusTags, DueDate } from './AssetTags';
import { AssetTimeline } from './AssetTimeline';
import { formatMoney } from './format';
import { useAssetHistoryLabels } from './historyLabels';
import { LabelsDialog, type LabelTarget } from './LabelsDialog';
import { useCriticalityOptions, useFireRules, useLocalName } from './options';
import { TransferDialog } from './TransferDialog';
import type { AssetComponent, AssetDetail, AttributeDef } from './types';

const dash = (v: string | null | undefined) => v || '—';

/** 设备详情: fields, attributes, components, QR code and labels, files, timeline and history. */
export default function AssetDetailPage() {
  const { t } = useTranslation('equipment');
  const { id } = useParams<{ id: string }>();
  const can = useCan();
  const me = useMe();
  const localName = useLocalName();
  const criticality = useCriticalityOptions();
  const fireRules = useFireRules();
  const record = useRecord<AssetDetail>('/assets', id);
  const asset = record.data;
  const defs: AttributeDef[] = asset?.attributeDefinitions ?? [];
  const [editing, setEditing] = useState(false);
  const [labels, setLabels] = useState<LabelTarget[] | null>(null);
  const [transfer, setTransfer] = useState(false);
  const manage = asset ? can('assets:manage', asset.siteId) : false;
  const mayTransfer = asset ? manage || asset.custodianId === me.user.id : false;
  const children = asset?.children ?? [];
  const fireRule = asset?.fireRuleId ? fireRules.data?.find((r) => r.id === asset.fireRuleId) : undefined;

  const historyLabels = useAssetHistoryLabels(asset);

  const items = asset
    ? [
        { key: 'code', label: t('asset.code'), children: <Typography.Text copyable>{asset.code}</Typography.Text> },
        { key: 'category', label: t('asset.category'), children: asset.categoryName },
        { key: 'status', label: t('asset.status'), children: <AssetStatusTags status={asset.status} lost={asset.lost} /> },
        { key: 'place', label: t('asset.place'), children: asset.locationPath ?? asset.siteName },
        {
          key: 'parent',
          label: t('asset.parent'),
          children: asset.parentId ? <Link to={`/equipment/assets/${asset.parentId}`}>{asset.parentName ?? asset.parentId}</Link> : '—',
        },
        { key: 'criticality', label: t('asset.criticality'), children: criticality.find((o) => o.value === asset.criticality)?.label },
        { key: 'brand', label: t('asset.brand'), children: dash(asset.brand) },
        { key: 'model', label: t('asset.model'), children: dash(asset.model) },
        { key: 'serialNo', label: t('asset.serialNo'), children: dash(asset.serialNo) },
        { key: 'supplier', label: t('asset.supplier'), children: dash(asset.supplier) },
        { key: 'purchaseDate', label: t('asset.purchaseDate'), children: dash(asset.purchaseDate) },
        { key: 'purchaseCost', label: t('asset.purchaseCost'), children: formatMoney(asset.purchaseCost) },
        { key: 'warrantyEnd', label: t('asset.warrantyEnd'), children: <DueDate value={asset.warrantyEnd} /> },
        { key: 'custodian', label: t('asset.custodian'), children: dash(asset.custodianName) },
        { key: 'department', label: t('asset.department'), children: dash(asset.departmentName) },
        ...(asset.fireRuleId || asset.productionDate
          ? [
              { key: 'fireRule', label: t('asset.fireRule'), children: fireRule ? localName(fireRule) : (asset.fireRuleName ?? '—') },
              { key: 'productionDate', label: t('asset.productionDate'), children: dash(asset.productionDate) },
            ]
          : []),
        { key: 'updatedAt', label: t('asset.updatedAt'), children: dayjs(asset.updatedAt).format('YYYY-MM-DD HH:mm') },
        { key: 'notes', label: t('asset.notes'), span: 'filled' as const, children: dash(asset.notes) },
      ]
    : [];

  const attributeItems = defs.map((d) => {
    const value = asset?.attributes[d.key];
    const shown = value === undefined || value === '' ? '—' : d.type === 'number' && d.unit ? `${value} ${d.unit}` : String(value);
    return { key: d.key, label: localName({ name: d.label, nameEn: d.labelEn }), children: shown };
  });

  return (
    <DetailPage
      title={asset ? asset.name : t('detail.title')}
      subtitle={asset ? `${asset.code} · ${asset.siteName}` : undefined}
      backTo="/equipment/assets"
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      actions={
        asset ? (
          <>
            {mayTransfer ? (
              <Button icon={<SwapOutlined />} onClick={() => setTransfer(true)}>
                {t('custody.transfer')}
              </Button>
            ) : null}
            {manage ? (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="asset-edit">
                {t('common:actions.edit')}
              </Button>
            ) : null}
          </>
        ) : null
      }
      items={items}
      history={
        asset ? (
          <HistoryPanel
            entity="asset"
            entityId={asset.id}
            version={asset.version}
            fieldLabel={historyLabels.fieldLabel}
            valueLabel={historyLabels.valueLabel}
          />
        ) : null
      }
    >
      {asset ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={16}>
            <Card size="small" title={t('detail.attributes')} style={{ marginBottom: 16 }}>
              {attributeItems.length ? (
                <Descriptions items={attributeItems} column={{ xs: 1, sm: 2, lg: 3 }} size="small" />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noAttributes')} />
              )}
            </Card>
            <Card size="small" title={t('detail.components', { count: children.length })} style={{ marginBottom: 16 }}>
              <Table<AssetComponent>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={children}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: t('detail.noComponents') }}
                columns={[
                  {
                    title: t('asset.code'),
                    dataIndex: 'code',
                    render: (c: string, r) => <Link to={`/equipment/assets/${r.id}`}>{c}</Link>,
                  },
                  { title: t('asset.name'), dataIndex: 'name' },
                  { title: t('asset.status'), key: 'status', render: (_, r) => <AssetStatusTags status={r.status} lost={r.lost} /> },
                ]}
              />
            </Card>
            {can('maintenance:read', asset.siteId) ? <AssetMeters asset={asset} /> : null}
            <AssetTimeline assetId={asset.id} version={asset.version} />
          </Col>
          <Col xs={24} lg={8}>
            <div style={{ marginBottom: 16 }}>
              <AssetQrCard
                code={asset.qrCode}
                onPrint={can('labels:print', asset.siteId) ? () => setLabels([{ type: 'asset', id: asset.id }]) : undefined}
              />
            </div>
            <AttachmentsPanel ownerType="asset" ownerId={asset.id} readOnly={!manage} title={t('detail.files')} />
          </Col>
        </Row>
      ) : null}
      <AssetDrawer open={editing} onClose={() => setEditing(false)} record={asset ?? null} onSaved={() => void record.refetch()} />
      <LabelsDialog targets={labels} onClose={() => setLabels(null)} />
      {asset ? <TransferDialog open={transfer} assets={[asset]} onClose={() => setTransfer(false)} /> : null}
    </DetailPage>
  );
}
