import { Alert, Col, Row, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan } from '../../app/auth';
import { DetailPage, StatusTag, useRecord } from '../../components';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { HistoryPanel } from '../../components/HistoryPanel';
import { isLate, isOpen } from './format';
import { NoticeActions } from './NoticeActions';
import { NOTICE_STYLES } from './options';
import type { Notice } from './types';

const time = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

/** 整改通知: what was found, the requirement and deadline, the steps so far, before/after photos. */
export default function NoticeDetailPage() {
  const { t } = useTranslation('counters');
  const { id } = useParams();
  const can = useCan();
  const record = useRecord<Notice>('/counter-notices', id);
  const n = record.data;
  const late = n ? isLate(n, new Date()) : false;

  return (
    <DetailPage
      title={n ? `${t('notice.title')} ${n.number}` : t('notice.title')}
      subtitle={n ? <StatusTag status={n.status} map={NOTICE_STYLES} /> : null}
      backTo={n && can('counters:read', n.siteId) ? '/counters/notices' : '/my-counter'}
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      actions={n ? <NoticeActions notice={n} /> : null}
      items={
        n
          ? [
              {
                key: 'counter',
                label: t('notice.counter'),
                children: <Link to={`/counters/${n.counterId}`}>{`${n.counterName}（${n.counterCode}）`}</Link>,
              },
              { key: 'site', label: t('counter.site'), children: n.siteName },
              { key: 'location', label: t('notice.location'), children: n.locationPath ?? '—' },
              { key: 'foundAt', label: t('notice.foundAt'), children: time(n.foundAt) },
              {
                key: 'deadline',
                label: t('notice.deadline'),
                children: <Typography.Text type={late ? 'danger' : undefined}>{time(n.deadline)}</Typography.Text>,
              },
              { key: 'issuedBy', label: t('notice.issuedBy'), children: n.issuedByName ?? '—' },
              { key: 'description', label: t('notice.description'), children: n.description, span: 'filled' },
              { key: 'requirement', label: t('notice.requirement'), children: n.requirement, span: 'filled' },
              { key: 'rectifiedAt', label: t('notice.rectifiedAt'), children: time(n.rectifiedAt) },
              { key: 'rectifiedBy', label: t('notice.rectifiedBy'), children: n.rectifiedByName ?? '—' },
              { key: 'rectifyNote', label: t('notice.rectifyNote'), children: n.rectifyNote ?? '—' },
              { key: 'verifiedAt', label: t('notice.verifiedAt'), children: time(n.verifiedAt) },
              { key: 'verifiedBy', label: t('notice.verifiedBy'), children: n.verifiedByName ?? '—' },
              {
                key: 'workOrder',
                label: t('notice.workOrder'),
                children: n.workOrderId ? <Link to={`/work-orders/${n.workOrderId}`}>{n.workOrderNumber}</Link> : '—',
              },
            ]
          : []
      }
      history={n && can('audit:read', n.siteId) ? <HistoryPanel entity="counter_notice" entityId={n.id} version={n.version} /> : null}
    >
      {n?.rejectReason && n.status === 'issued' ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('notice.rejected', { reason: n.rejectReason })} />
      ) : null}
      {n?.status === 'cancelled' ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('notice.cancelled', { reason: n.cancelReason ?? '' })} />
      ) : null}
      {n && late && isOpen(n.status) && n.status !== 'rectified' ? (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('notice.lateHint')} />
      ) : null}
      {n ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={12}>
            <AttachmentsPanel
              ownerType="counter_notice"
              ownerId={n.id}
              title={t('notice.photosFound')}
              readOnly={!n.actions.includes('cancel')}
            />
          </Col>
          <Col xs={24} md={12}>
            <AttachmentsPanel
              ownerType="counter_notice_after"
              ownerId={n.id}
              title={t('notice.photosAfter')}
              readOnly={!isOpen(n.status)}
            />
          </Col>
        </Row>
      ) : null}
    </DetailPage>
  );
}
