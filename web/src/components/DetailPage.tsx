import { Card, Descriptions, type DescriptionsProps, Grid, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { LoadError } from './ErrorResult';
import { PageContainer } from './PageContainer';

export interface DetailPageProps {
  title: ReactNode;
  subtitle?: ReactNode;
  /** action buttons (edit, deactivate, state transitions…) */
  actions?: ReactNode;
  backTo?: string;
  loading?: boolean;
  /** a load error: 404/403 show their result pages, others a retry */
  error?: unknown;
  onRetry?: () => void;
  /** the record's fields */
  items?: DescriptionsProps['items'];
  /** more cards under the fields (related lists, timeline…) */
  children?: ReactNode;
  /** the per-record history panel (audit), shown last */
  history?: ReactNode;
}

/** The detail page pattern: heading with actions, a Descriptions card, extra sections and a history slot. */
export function DetailPage(props: DetailPageProps) {
  const screens = Grid.useBreakpoint();
  if (props.error) return <LoadError error={props.error} onRetry={props.onRetry} />;
  return (
    <PageContainer title={props.title} subtitle={props.subtitle} extra={props.actions} backTo={props.backTo} card={false}>
      <Card style={{ marginBottom: 16 }}>
        {props.loading ? (
          <Skeleton active />
        ) : (
          <Descriptions items={props.items} column={screens.lg ? 3 : screens.sm ? 2 : 1} bordered={Boolean(screens.sm)} size="small" />
        )}
      </Card>
      {props.children}
      {props.history ? <div style={{ marginTop: 16 }}>{props.history}</div> : null}
    </PageContainer>
  );
}
