import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Grid, List, Popconfirm, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabourDto, WorkOrderDto } from '../../../../../contracts/workorders';
import { api, request } from '../../../app/api';
import { useCan, useMe } from '../../../app/auth';
import { LoadError, useErrorText } from '../../../components';
import { workAccess } from './access';
import { hours, percent } from './format';
import { LabourDialog } from './LabourDialog';
import type { LabourList } from './types';

const when = (iso: string | null) => (iso ? dayjs(iso).format('MM-DD HH:mm') : '');
const KIND_COLORS: Record<string, string> = {
  effective: 'green',
  waiting: 'orange',
  travel: 'blue',
  material: 'purple',
  standby: 'default',
};

/** 工时: the order's labour entries with totals, 工时工效 and efficiency against the standard hours. */
export default function LabourPanel({ workOrder, onChanged }: { workOrder: WorkOrderDto; onChanged: () => void }) {
  const { t } = useTranslation('wowork');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const screens = Grid.useBreakpoint();
  const me = useMe();
  const can = useCan();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<LabourDto | null | undefined>(undefined);
  const key = ['/work-orders', 'work', workOrder.id, 'labour'];
  const labour = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<LabourList>(`/work-orders/${workOrder.id}/labour`, undefined, signal),
  });
  const access = workAccess(workOrder, me.user.id, (perm, siteId) => can(perm, siteId));

  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: key });
    onChanged();
  };
  const remove = async (entry: LabourDto) => {
    try {
      await request('DELETE', `/work-orders/${workOrder.id}/labour/${entry.id}`, { params: { version: entry.version } });
      message.success(t('labour.deleted'));
    } catch (err) {
      message.error(errorText(err));
    }
    changed();
  };

  const kindTag = (e: LabourDto) => <Tag color={KIND_COLORS[e.kind]}>{t(`labour.kinds.${e.kind}`)}</Tag>;
  const span = (e: LabourDto) => (e.startedAt ? `${when(e.startedAt)} – ${when(e.endedAt)}` : '—');
  const entryActions = (e: LabourDto) =>
    access.mayEditEntry(e.userId) ? (
      <Space size={0}>
        <Tooltip title={t('common:actions.edit')}>
          <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common:actions.edit')} onClick={() => setEditing(e)} />
        </Tooltip>
        <Popconfirm title={t('labour.deleteConfirm')} onConfirm={() => remove(e)}>
          <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('labour.deleteConfirm')} />
        </Popconfirm>
      </Space>
    ) : null;

  const s = labour.data?.summary;
  const stats = s ? (
    <Flex wrap gap={16} style={{ marginBottom: 12 }}>
      <Statistic title={t('labour.total')} value={hours(s.totalMinutes)} suffix="h" />
      <Statistic title={t('labour.effective')} value={hours(s.effectiveMinutes)} suffix="h" />
      <Tooltip title={t('labour.ratioHint')}>
        <Statistic title={t('labour.ratio')} value={percent(s.effectiveRatio)} />
      </Tooltip>
      <Statistic
        title={t('labour.standard')}
        value={s.standardMinutes === null ? t('labour.noStandard') : t('labour.hoursValue', { hours: hours(s.standardMinutes) })}
      />
      <Tooltip title={t('labour.efficiencyHint')}>
        <Statistic title={t('labour.efficiency')} value={percent(s.efficiency)} />
      </Tooltip>
    </Flex>
  ) : null;

  const items = labour.data?.items ?? [];
  return (
    <Card
      title={t('labour.title')}
      size="small"
      extra={
        access.canWrite ? (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="labour-add">
            {t('labour.add')}
          </Button>
        ) : null
      }
      data-testid="labour-panel"
    >
      {labour.error ? (
        <LoadError error={labour.error} onRetry={() => void labour.refetch()} />
      ) : (
        <>
          {stats}
          {screens.sm ? (
            <Table<LabourDto>
              rowKey="id"
              size="small"
              loading={labour.isFetching}
              dataSource={items}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('labour.empty') }}
              columns={[
                { title: t('labour.user'), dataIndex: 'userName' },
                { title: t('labour.kind'), key: 'kind', render: (_, e) => kindTag(e) },
                { title: `${t('labour.startedAt')} – ${t('labour.endedAt')}`, key: 'span', render: (_, e) => span(e) },
                { title: t('labour.minutes'), dataIndex: 'minutes', align: 'right' },
                { title: t('labour.note'), dataIndex: 'note', ellipsis: true },
                { title: '', key: 'actions', render: (_, e) => entryActions(e) },
              ]}
            />
          ) : (
            <List<LabourDto>
              loading={labour.isFetching}
              dataSource={items}
              locale={{ emptyText: t('labour.empty') }}
              renderItem={(e) => (
                <List.Item actions={[entryActions(e)]}>
                  <List.Item.Meta
                    title={
                      <Space size={4} wrap>
                        {e.userName}
                        {kindTag(e)}
                        <Typography.Text strong>{t('labour.minutesValue', { count: e.minutes })}</Typography.Text>
                      </Space>
                    }
                    description={[span(e), e.note].filter((x) => x && x !== '—').join(' · ') || null}
                  />
                </List.Item>
              )}
            />
          )}
        </>
      )}
      <LabourDialog
        workOrderId={workOrder.id}
        entry={editing}
        chooseUser={access.dispatcher}
        onClose={() => setEditing(undefined)}
        onSaved={changed}
      />
    </Card>
  );
}
