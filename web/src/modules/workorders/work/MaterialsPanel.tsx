import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Grid, List, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaterialDto, WorkOrderDto } from '../../../../../contracts/workorders';
import { api, request } from '../../../app/api';
import { useCan, useMe } from '../../../app/auth';
import { LoadError, useErrorText } from '../../../components';
import { workAccess } from './access';
import { quantity, yuan } from './format';
import { MaterialDialog } from './MaterialDialog';
import type { MaterialList } from './types';

type Line = MaterialList['items'][number];
const SUPPLIER_COLORS: Record<string, string> = { department: 'blue', counter: 'gold', requester: 'default', vendor: 'purple' };

/** 材料: the order's material lines, amounts in ¥, and the department's material cost. */
export default function MaterialsPanel({ workOrder, onChanged }: { workOrder: WorkOrderDto; onChanged: () => void }) {
  const { t } = useTranslation('wowork');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const screens = Grid.useBreakpoint();
  const me = useMe();
  const can = useCan();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<MaterialDto | null | undefined>(undefined);
  const key = ['/work-orders', 'work', workOrder.id, 'materials'];
  const materials = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<MaterialList>(`/work-orders/${workOrder.id}/materials`, undefined, signal),
  });
  // materials follow the labour rules: the technician on the order, or a dispatcher
  const access = workAccess(workOrder, me.user.id, (perm, siteId) => can(perm, siteId));

  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: key });
    // the order's material cost and version move with its lines
    onChanged();
  };
  const remove = async (line: Line) => {
    try {
      await request('DELETE', `/work-orders/${workOrder.id}/materials/${line.id}`, { params: { version: line.version } });
      message.success(t('materials.deleted'));
    } catch (err) {
      message.error(errorText(err));
    }
    changed();
  };

  const supplierTag = (l: Line) => <Tag color={SUPPLIER_COLORS[l.suppliedBy]}>{t(`materials.suppliers.${l.suppliedBy}`)}</Tag>;
  const lineActions = (l: Line) =>
    access.canWrite ? (
      <Space size={0}>
        <Tooltip title={t('common:actions.edit')}>
          <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common:actions.edit')} onClick={() => setEditing(l)} />
        </Tooltip>
        <Popconfirm title={t('materials.deleteConfirm')} onConfirm={() => remove(l)}>
          <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('materials.deleteConfirm')} />
        </Popconfirm>
      </Space>
    ) : null;

  const data = materials.data;
  const items = data?.items ?? [];
  const totals = data ? (
    <Flex wrap gap={16} justify="flex-end" style={{ marginTop: 12 }}>
      <Typography.Text>
        {t('materials.total')}：<Typography.Text strong>{yuan(data.totalAmount)}</Typography.Text>
      </Typography.Text>
      <Tooltip title={t('materials.costHint')}>
        <Typography.Text>
          {t('materials.materialCost')}：<Typography.Text strong>{yuan(data.materialCost)}</Typography.Text>
        </Typography.Text>
      </Tooltip>
    </Flex>
  ) : null;

  return (
    <Card
      title={t('materials.title')}
      size="small"
      extra={
        access.canWrite ? (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="materials-add">
            {t('materials.add')}
          </Button>
        ) : null
      }
      data-testid="materials-panel"
    >
      {materials.error ? (
        <LoadError error={materials.error} onRetry={() => void materials.refetch()} />
      ) : (
        <>
          {screens.sm ? (
            <Table<Line>
              rowKey="id"
              size="small"
              loading={materials.isFetching}
              dataSource={items}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('materials.empty') }}
              columns={[
                { title: t('materials.name'), dataIndex: 'name' },
                { title: t('materials.spec'), dataIndex: 'spec', render: (v: string | null) => v ?? '' },
                { title: t('materials.quantity'), key: 'quantity', align: 'right', render: (_, l) => `${quantity(l.quantity)} ${l.unit}` },
                { title: t('materials.unitPrice'), dataIndex: 'unitPrice', align: 'right', render: (v: number) => yuan(v) },
                { title: t('materials.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
                { title: t('materials.suppliedBy'), key: 'suppliedBy', render: (_, l) => supplierTag(l) },
                { title: '', key: 'actions', render: (_, l) => lineActions(l) },
              ]}
            />
          ) : (
            <List<Line>
              loading={materials.isFetching}
              dataSource={items}
              locale={{ emptyText: t('materials.empty') }}
              renderItem={(l) => (
                <List.Item actions={[lineActions(l)]}>
                  <List.Item.Meta
                    title={
                      <Space size={4} wrap>
                        {l.name}
                        {supplierTag(l)}
                      </Space>
                    }
                    description={[l.spec, `${quantity(l.quantity)} ${l.unit} × ${yuan(l.unitPrice)}`].filter(Boolean).join(' · ')}
                  />
                  <Typography.Text strong>{yuan(l.amount)}</Typography.Text>
                </List.Item>
              )}
            />
          )}
          {totals}
        </>
      )}
      <MaterialDialog workOrderId={workOrder.id} line={editing} onClose={() => setEditing(undefined)} onSaved={changed} />
    </Card>
  );
}
