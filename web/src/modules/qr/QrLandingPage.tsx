import { EnvironmentOutlined, FileSearchOutlined, LoginOutlined, RightOutlined, ToolOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Result, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, isApiError } from '../../app/api';
import { useMeQuery } from '../../app/auth';
import { StatusTag } from '../../components/StatusTag';
import { useErrorText } from '../../components/useErrorText';
import { PublicFrame } from './PublicFrame';
import { ReportForm } from './ReportForm';
import { ReportSuccess } from './ReportSuccess';
import type { ReportOptions, ReportResult } from './report';
import { StaffActions } from './StaffActions';
import { type PublicQr, type QrRecord, STATUS_STYLES } from './types';

/**
 * `/q/:code` — what a phone shows after scanning a label: the name, code, place and
 * status for anyone, and 我要报修 to report a fault here without signing in; a
 * signed-in person who may read the record also gets the way to its full page, and
 * 巡检签到 / 抄表 when their work is here (StaffActions).
 * Works without login and at 375 px.
 */
export default function QrLandingPage() {
  const { t } = useTranslation('qr');
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const path = encodeURIComponent(code);
  const view = useQuery({
    queryKey: ['public-q', code],
    queryFn: () => api.get<PublicQr>(`/public/q/${path}`),
    retry: false,
    staleTime: 60_000,
  });
  // asked quietly: signed out is the normal case here, and any failure just hides the link
  const me = useMeQuery();
  const signedIn = Boolean(me.data && !me.data.user.mustChangePassword);
  const record = useQuery({
    queryKey: ['q', code, me.data?.user.id],
    queryFn: () => api.get<QrRecord>(`/q/${path}`),
    enabled: signedIn && view.isSuccess,
    retry: false,
  });
  // what the report form offers; a failure only hides 我要报修, the label page still works
  const options = useQuery({
    queryKey: ['public-q-options', code],
    queryFn: () => api.get<ReportOptions>(`/public/q/${path}/options`),
    enabled: view.isSuccess,
    retry: false,
    staleTime: 5 * 60_000,
  });
  const [mode, setMode] = useState<'view' | 'form'>('view');
  const [reported, setReported] = useState<ReportResult | null>(null);

  return (
    <PublicFrame>
      {view.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 4 }} />
        </Card>
      ) : view.isError ? (
        <LookupError error={view.error} onRetry={() => void view.refetch()} />
      ) : (
        <Flex vertical gap={12}>
          <Summary view={view.data} />
          {reported ? (
            <ReportSuccess
              result={reported}
              onAgain={() => {
                setReported(null);
                setMode('form');
              }}
            />
          ) : mode === 'form' && options.data?.enabled ? (
            <ReportForm code={code} options={options.data} onDone={setReported} onCancel={() => setMode('view')} />
          ) : options.data?.enabled ? (
            <Button
              type="primary"
              danger
              size="large"
              block
              icon={<ToolOutlined />}
              style={{ height: 56, fontSize: 18 }}
              onClick={() => setMode('form')}
              data-testid="qr-report"
            >
              {t('report.open')}
            </Button>
          ) : options.data ? (
            <Typography.Text type="secondary" data-testid="qr-report-closed">
              {t('report.closed')}
            </Typography.Text>
          ) : null}
          {signedIn && me.data && mode === 'view' && !reported ? (
            <StaffActions code={code} me={me.data} target={record.data ? { type: record.data.type, id: record.data.id } : null} />
          ) : null}
          <Button type="link" icon={<FileSearchOutlined />} onClick={() => navigate('/track')} data-testid="qr-track-lookup">
            {t('report.findMine')}
          </Button>
          {record.data ? (
            <Button
              type="primary"
              size="large"
              block
              icon={<RightOutlined />}
              iconPlacement="end"
              onClick={() => navigate(record.data.link)}
              data-testid="qr-open-record"
            >
              {t('openRecord')}
            </Button>
          ) : null}
          {me.isSuccess && !me.data ? (
            <Card size="small">
              <Flex vertical gap={8}>
                <Typography.Text type="secondary">{t('staffHint')}</Typography.Text>
                <Button
                  block
                  icon={<LoginOutlined />}
                  onClick={() => navigate(`/login?next=${encodeURIComponent(`/q/${code}`)}`)}
                  data-testid="qr-login"
                >
                  {t('login')}
                </Button>
              </Flex>
            </Card>
          ) : null}
        </Flex>
      )}
    </PublicFrame>
  );
}

function Summary({ view }: { view: PublicQr }) {
  const { t } = useTranslation('qr');
  return (
    <Card data-testid="qr-summary">
      <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
        <Tag icon={view.type === 'asset' ? <ToolOutlined /> : <EnvironmentOutlined />} color="blue">
          {t(`type.${view.type}`)}
        </Tag>
        <StatusTag status={view.status} map={STATUS_STYLES[view.type]} />
      </Flex>
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 16, wordBreak: 'break-word' }} data-testid="qr-name">
        {view.name}
      </Typography.Title>
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 72 } }}
        items={[
          { key: 'code', label: t('code'), children: <Typography.Text code>{view.code}</Typography.Text> },
          { key: 'site', label: t('site'), children: view.siteName },
          ...(view.locationPath ? [{ key: 'place', label: t('place'), children: view.locationPath }] : []),
        ]}
      />
    </Card>
  );
}

function LookupError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation('qr');
  const errorText = useErrorText();
  if (isApiError(error, 'NOT_FOUND')) {
    return <Result status="404" title={t('notFound')} subTitle={t('notFoundHint')} />;
  }
  if (isApiError(error, 'RATE_LIMITED')) {
    return <Result status="warning" title={t('rateLimited')} extra={<Button onClick={onRetry}>{t('common:actions.retry')}</Button>} />;
  }
  return (
    <Result
      status="error"
      title={t('loadFailed')}
      subTitle={errorText(error)}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('common:actions.retry')}
        </Button>
      }
    />
  );
}
