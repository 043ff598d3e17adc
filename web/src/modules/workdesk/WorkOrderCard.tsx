import { EnvironmentOutlined } from '@ant-design/icons';
import { Card, Flex, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { WorkOrderDto } from '../../../../contracts/workorders';
import { type DictionaryView, StatusTag } from '../../components';
import { STATUS_STYLES, URGENCY_COLORS } from '../workorders/options';
import { SlaBadge } from '../workorders/SlaBadge';

/** One order as a compact card: what, where, how urgent, how much time is left; actions below. */
export function WorkOrderCard({
  order,
  category,
  urgency,
  actions,
}: {
  order: WorkOrderDto;
  category: DictionaryView;
  urgency: DictionaryView;
  actions?: ReactNode;
}) {
  return (
    <Card size="small" data-testid={`wo-card-${order.number}`} styles={{ body: { padding: 12 } }}>
      <Flex justify="space-between" align="start" gap={8} wrap>
        <Space size={4} wrap>
          <Link to={`/work-orders/${order.id}`}>
            <Typography.Text strong>{order.number}</Typography.Text>
          </Link>
          <StatusTag status={order.status} map={STATUS_STYLES} />
          <Tag color={URGENCY_COLORS[order.urgency] ?? 'default'}>{urgency.label(order.urgency)}</Tag>
          <Tag>{category.label(order.category)}</Tag>
        </Space>
        <SlaBadge workOrder={order} />
      </Flex>
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '8px 0 4px' }}>
        {order.description}
      </Typography.Paragraph>
      <Flex justify="space-between" wrap gap={4}>
        <Typography.Text type="secondary">
          <EnvironmentOutlined /> {order.locationPath ?? order.siteName}
          {order.assetName ? ` · ${order.assetName}` : ''}
        </Typography.Text>
        <Typography.Text type="secondary">
          {order.assigneeName ?? order.teamName ?? ''} {dayjs(order.createdAt).format('MM-DD HH:mm')}
        </Typography.Text>
      </Flex>
      {actions ? (
        <Flex gap={8} wrap style={{ marginTop: 8 }}>
          {actions}
        </Flex>
      ) : null}
    </Card>
  );
}
