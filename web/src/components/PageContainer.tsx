import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export interface PageContainerProps {
  title: ReactNode;
  subtitle?: ReactNode;
  /** buttons on the right of the title */
  extra?: ReactNode;
  /** shows a back arrow to this path */
  backTo?: string;
  /** set false to render children without the surrounding Card (for layouts with several cards) */
  card?: boolean;
  children: ReactNode;
}

/** Page heading (title, subtitle, actions, optional back arrow) over a Card with the content. */
export function PageContainer({ title, subtitle, extra, backTo, card = true, children }: PageContainerProps) {
  const { t } = useTranslation('common');
  const navigate = useNavigate();
  return (
    <div>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Space align="center">
          {backTo ? (
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(backTo)} aria-label={t('actions.back')} />
          ) : null}
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {title}
            </Typography.Title>
            {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
          </div>
        </Space>
        {extra ? <Space wrap>{extra}</Space> : null}
      </Flex>
      {card ? <Card styles={{ body: { padding: 'clamp(12px, 3vw, 24px)' } }}>{children}</Card> : children}
    </div>
  );
}
