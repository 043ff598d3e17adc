import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, Modal, Popconfirm, Rate, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { applyFieldErrors } from '../../components/formErrors';
import { useErrorText } from '../../components/useErrorText';
import type { PublicAction, PublicTrack } from './types';

interface ActionBody {
  reason?: string;
  ratingAttitude?: number;
  ratingQuality?: number;
  ratingEfficiency?: number;
  comment?: string;
}

const RATINGS = ['ratingAttitude', 'ratingQuality', 'ratingEfficiency'] as const;
const TEXT_MAX = 500;

/**
 * What the reporter may do through the link: 验收通过 / 验收不通过 (with a reason) while
 * the work waits for acceptance, then 评价 (three 1–5 ratings and a comment). The
 * server decides from the status; a change made meanwhile reloads the view.
 */
export function TrackActions(props: { token: string; view: PublicTrack; onChanged: (view: PublicTrack) => void; onStale: () => void }) {
  const { token, view } = props;
  const { t } = useTranslation('track');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [rejecting, setRejecting] = useState(false);
  const [rejectForm] = Form.useForm<{ reason: string }>();
  const [rateForm] = Form.useForm<ActionBody>();

  const act = useMutation({
    mutationFn: ({ action, body }: { action: PublicAction; body: ActionBody }) =>
      api.post<PublicTrack>(`/public/track/${encodeURIComponent(token)}/actions/${action}`, body),
    onSuccess: (next, { action }) => {
      message.success(t(`done.${action}`));
      setRejecting(false);
      rejectForm.resetFields();
      props.onChanged(next);
    },
    onError: (err, { action }) => {
      const form = action === 'reject' ? rejectForm : action === 'rate' ? rateForm : null;
      if (form && applyFieldErrors(form, err)) return;
      if (isApiError(err, 'ILLEGAL_TRANSITION') || isApiError(err, 'STALE_VERSION')) {
        message.warning(t('changedMeanwhile'));
        setRejecting(false);
        props.onStale();
        return;
      }
      message.error(isApiError(err, 'RATE_LIMITED') ? t('rateLimited') : errorText(err));
    },
  });
  const busy = (action: PublicAction) => act.isPending && act.variables?.action === action;

  if (view.actions.includes('rate')) {
    return (
      <Card title={t('rate.title')} data-testid="track-rate">
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('rate.hint')}
        </Typography.Paragraph>
        <Form<ActionBody> form={rateForm} layout="vertical" onFinish={(body) => act.mutate({ action: 'rate', body })}>
          {RATINGS.map((field) => (
            <Form.Item key={field} name={field} label={t(`rate.${field}`)} rules={[{ required: true, message: t('rate.required') }]}>
              <Rate style={{ fontSize: 28 }} data-testid={`track-${field}`} />
            </Form.Item>
          ))}
          <Form.Item name="comment" label={t('rate.comment')} rules={[{ max: TEXT_MAX, message: t('tooLong', { max: TEXT_MAX }) }]}>
            <Input.TextArea rows={3} maxLength={TEXT_MAX} showCount placeholder={t('rate.commentPlaceholder')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={busy('rate')} data-testid="track-rate-submit">
            {t('rate.submit')}
          </Button>
        </Form>
      </Card>
    );
  }

  if (!view.actions.includes('approve') && !view.actions.includes('reject')) return null;
  return (
    <Card title={t('accept.title')} data-testid="track-accept">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('accept.hint')}
      </Typography.Paragraph>
      <Flex vertical gap={8}>
        {view.actions.includes('approve') ? (
          <Popconfirm
            title={t('accept.confirm')}
            okText={t('actions.approve')}
            cancelText={t('common:actions.cancel')}
            onConfirm={() => act.mutate({ action: 'approve', body: {} })}
          >
            <Button type="primary" size="large" block icon={<CheckOutlined />} loading={busy('approve')} data-testid="track-approve">
              {t('actions.approve')}
            </Button>
          </Popconfirm>
        ) : null}
        {view.actions.includes('reject') ? (
          <Button size="large" block danger icon={<CloseOutlined />} onClick={() => setRejecting(true)} data-testid="track-reject">
            {t('actions.reject')}
          </Button>
        ) : null}
      </Flex>
      <Modal
        open={rejecting}
        title={t('reject.title')}
        okText={t('reject.submit')}
        okButtonProps={{ danger: true, loading: busy('reject') }}
        cancelText={t('common:actions.cancel')}
        onOk={() => rejectForm.submit()}
        onCancel={() => setRejecting(false)}
        destroyOnHidden
      >
        <Form<{ reason: string }>
          form={rejectForm}
          layout="vertical"
          preserve={false}
          onFinish={(body) => act.mutate({ action: 'reject', body })}
        >
          <Form.Item
            name="reason"
            label={t('reject.reason')}
            rules={[
              { required: true, whitespace: true, message: t('reject.reasonRequired') },
              { max: TEXT_MAX, message: t('tooLong', { max: TEXT_MAX }) },
            ]}
          >
            <Input.TextArea
              rows={3}
              maxLength={TEXT_MAX}
              showCount
              placeholder={t('reject.placeholder')}
              data-testid="track-reject-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
