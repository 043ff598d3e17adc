import { RightOutlined, SearchOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, isApiError } from '../../app/api';
import { useErrorText } from '../../components/useErrorText';
import { PublicFrame } from '../qr/PublicFrame';
import { PHONE_PATTERN } from '../qr/report';
import { STATUS_COLORS } from './steps';
import type { LookupItem } from './types';

interface Values {
  number: string;
  phone: string;
}

/**
 * `/track` — someone who lost the follow-up link finds it again with the request
 * number and the phone they left. One match opens it; several (the same number at
 * different sites) are listed.
 */
export default function TrackLookupPage() {
  const { t } = useTranslation('track');
  const navigate = useNavigate();
  const errorText = useErrorText();
  const open = (token: string) => navigate(`/track/${encodeURIComponent(token)}`);
  const lookup = useMutation({
    mutationFn: (v: Values) => api.get<{ items: LookupItem[] }>('/public/track', { number: v.number.trim(), phone: v.phone.trim() }),
    onSuccess: (res) => {
      const [only] = res.items;
      if (only && res.items.length === 1) open(only.token);
    },
  });
  const failure = lookup.error
    ? isApiError(lookup.error, 'NOT_FOUND')
      ? t('lookup.notFound')
      : isApiError(lookup.error, 'RATE_LIMITED')
        ? t('rateLimited')
        : errorText(lookup.error)
    : null;

  return (
    <PublicFrame>
      <Flex vertical gap={12}>
        <Card title={t('lookup.title')} data-testid="track-lookup">
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('lookup.hint')}
          </Typography.Paragraph>
          <Form<Values> layout="vertical" onFinish={(v) => lookup.mutate(v)} disabled={lookup.isPending}>
            <Form.Item
              name="number"
              label={t('fields.number')}
              rules={[
                { required: true, whitespace: true, message: t('lookup.numberRequired') },
                { max: 40, message: t('tooLong', { max: 40 }) },
              ]}
            >
              <Input placeholder="WX-20260315-0001" autoCapitalize="characters" maxLength={40} data-testid="track-lookup-number" />
            </Form.Item>
            <Form.Item
              name="phone"
              label={t('lookup.phone')}
              rules={[
                { required: true, whitespace: true, message: t('lookup.phoneRequired') },
                { pattern: PHONE_PATTERN, message: t('lookup.phoneInvalid') },
              ]}
            >
              <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={20} data-testid="track-lookup-phone" />
            </Form.Item>
            {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} data-testid="track-lookup-error" /> : null}
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              block
              icon={<SearchOutlined />}
              loading={lookup.isPending}
              data-testid="track-lookup-submit"
            >
              {t('lookup.submit')}
            </Button>
          </Form>
        </Card>
        {lookup.data && lookup.data.items.length > 1 ? (
          <Flex vertical gap={8}>
            <Typography.Text strong>{t('lookup.results')}</Typography.Text>
            {lookup.data.items.map((item) => (
              <Card key={item.token} size="small" hoverable onClick={() => open(item.token)} data-testid="track-lookup-item">
                <Flex justify="space-between" align="center" gap={8}>
                  <Flex vertical gap={4} style={{ minWidth: 0 }}>
                    <Flex gap={8} align="center" wrap>
                      <Typography.Text strong>{item.number}</Typography.Text>
                      <Tag color={STATUS_COLORS[item.status]}>{t(`status.${item.status}`)}</Tag>
                    </Flex>
                    <Typography.Text type="secondary">
                      {item.siteName} · {dayjs(item.createdAt).format('YYYY-MM-DD HH:mm')}
                    </Typography.Text>
                  </Flex>
                  <RightOutlined />
                </Flex>
              </Card>
            ))}
          </Flex>
        ) : null}
      </Flex>
    </PublicFrame>
  );
}
