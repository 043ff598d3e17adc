import { Alert, App, Form, Input, Modal, Radio, Rate, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAUSES, PAUSE_REASONS, type WorkOrderAction, type WorkOrderDto } from '../../../../contracts/workorders';
import { api, isApiError } from '../../app/api';
import { applyFieldErrors, UserSelect, useErrorText, useInvalidate, useList } from '../../components';
import { actionForm, DANGER_ACTIONS } from './options';

interface Values {
  assigneeId?: string | null;
  teamId?: string | null;
  pauseReason?: string;
  cause?: string;
  result?: string;
  reason?: string;
  ratingAttitude?: number;
  ratingQuality?: number;
  ratingEfficiency?: number;
  comment?: string;
}

interface TeamRow {
  id: string;
  code: string;
  name: string;
  siteId: string | null;
}

const RATINGS = ['ratingAttitude', 'ratingQuality', 'ratingEfficiency'] as const;

/** The teams an order of `siteId` can go to: that site's and the organisation-wide ones. */
function TeamSelect(props: { siteId: string; value?: string | null; onChange?: (v: string | null) => void; placeholder: string }) {
  const teams = useList<TeamRow>('/teams', { active: '1', limit: 200 });
  const options = (teams.data?.items ?? [])
    .filter((tm) => tm.siteId === null || tm.siteId === props.siteId)
    .map((tm) => ({ value: tm.id, label: `${tm.name}（${tm.code}）` }));
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={props.value ?? undefined}
      onChange={(v?: string) => props.onChange?.(v ?? null)}
      options={options}
      loading={teams.isPending}
      placeholder={props.placeholder}
      data-testid="action-team"
    />
  );
}

/**
 * One life-cycle step of a work order with the fields it needs: assignee or team
 * (派单/转派), pause reason, cause and result (完工), a reason (退回/转派/验收不通过/重开/取消),
 * three ratings (评价), or just a confirmation. A stale version or a step the order no
 * longer allows reloads the order instead of failing silently.
 */
export function ActionDialog({
  workOrder,
  action,
  onClose,
  onDone,
  onReload,
}: {
  workOrder: WorkOrderDto;
  action: WorkOrderAction | null;
  onClose: () => void;
  /** after the step succeeded (the order and its lists are already refreshed) */
  onDone?: (wo: WorkOrderDto) => void;
  /** the order changed under us: read it again */
  onReload: () => void;
}) {
  const { t } = useTranslation('workorders');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const kind = action ? actionForm(action) : 'confirm';
  const label = action ? t(`action.${action}`) : '';

  useEffect(() => {
    if (action) {
      form.resetFields();
      setError(null);
    }
  }, [action, form]);

  const submit = async (v: Values) => {
    if (!action) return;
    setBusy(true);
    setError(null);
    try {
      const body = {
        version: workOrder.version,
        ...v,
        reason: v.reason?.trim() || null,
        result: v.result?.trim() || undefined,
        comment: v.comment?.trim() || null,
      };
      const wo = await api.post<WorkOrderDto>(`/work-orders/${workOrder.id}/actions/${action}`, body);
      await invalidate('/work-orders', '/audit');
      message.success(t('detail.done', { action: label }));
      onDone?.(wo);
      onClose();
    } catch (err) {
      if (isApiError(err, 'STALE_VERSION') || isApiError(err, 'ILLEGAL_TRANSITION')) {
        if (isApiError(err, 'STALE_VERSION')) message.warning(t('detail.stale'));
        else message.error(errorText(err));
        onReload();
        onClose();
      } else if (!applyFieldErrors(form, err)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  const reasonRules = [
    { required: true, whitespace: true, message: t('validation.reason') },
    { max: 500, message: t('validation.reasonMax') },
  ];

  return (
    <Modal
      open={Boolean(action)}
      title={t('dialog.title', { action: label, number: workOrder.number })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={label || t('dialog.ok')}
      okButtonProps={{ loading: busy, danger: action ? DANGER_ACTIONS.has(action) : false, ...{ 'data-testid': 'action-submit' } }}
      cancelText={t('common:actions.cancel')}
      forceRender
    >
      <Form form={form} layout="vertical" name="wo-action" onFinish={(v) => void submit(v)} disabled={busy}>
        {kind === 'confirm' && action ? <Typography.Paragraph>{t(`dialog.confirm.${action}`)}</Typography.Paragraph> : null}

        {kind === 'assign' ? (
          <>
            <Typography.Paragraph type="secondary">{t('dialog.assignHint')}</Typography.Paragraph>
            <Form.Item
              name="assigneeId"
              label={t('field.assignee')}
              dependencies={['teamId']}
              rules={[
                {
                  validator: (_, v) =>
                    v || form.getFieldValue('teamId') ? Promise.resolve() : Promise.reject(new Error(t('validation.assignee'))),
                },
              ]}
            >
              <UserSelect
                params={{ siteId: workOrder.siteId }}
                exclude={action === 'transfer' && workOrder.assigneeId ? [workOrder.assigneeId] : undefined}
                placeholder={t('dialog.assigneePlaceholder')}
                data-testid="action-assignee"
              />
            </Form.Item>
            <Form.Item name="teamId" label={t('field.team')}>
              <TeamSelect siteId={workOrder.siteId} placeholder={t('dialog.teamPlaceholder')} />
            </Form.Item>
          </>
        ) : null}

        {kind === 'pause' ? (
          <Form.Item name="pauseReason" label={t('field.pauseReason')} rules={[{ required: true, message: t('validation.pauseReason') }]}>
            <Radio.Group
              options={PAUSE_REASONS.map((r) => ({ value: r, label: t(`pauseReason.${r}`) }))}
              data-testid="action-pause-reason"
            />
          </Form.Item>
        ) : null}

        {kind === 'finish' ? (
          <>
            <Alert type="info" showIcon title={t('dialog.finishReminder')} style={{ marginBottom: 16 }} />
            <Form.Item name="cause" label={t('field.cause')} rules={[{ required: true, message: t('validation.cause') }]}>
              <Radio.Group options={CAUSES.map((c) => ({ value: c, label: t(`cause.${c}`) }))} data-testid="action-cause" />
            </Form.Item>
            <Form.Item
              name="result"
              label={t('field.result')}
              rules={[
                { required: true, whitespace: true, message: t('validation.result') },
                { max: 1000, message: t('validation.resultMax') },
              ]}
            >
              <Input.TextArea rows={4} showCount maxLength={1000} placeholder={t('dialog.resultPlaceholder')} data-testid="action-result" />
            </Form.Item>
          </>
        ) : null}

        {kind === 'reason' || action === 'transfer' ? (
          <Form.Item name="reason" label={t('dialog.reason')} rules={reasonRules}>
            <Input.TextArea
              rows={3}
              showCount
              maxLength={500}
              placeholder={action ? t(`dialog.reasonPlaceholder.${action}`, { defaultValue: '' }) : undefined}
              data-testid="action-reason"
            />
          </Form.Item>
        ) : null}

        {kind === 'rate' ? (
          <>
            <Typography.Paragraph type="secondary">{t('dialog.rateHint')}</Typography.Paragraph>
            <Space orientation="vertical" style={{ width: '100%' }} size={0}>
              {RATINGS.map((field) => (
                <Form.Item
                  key={field}
                  name={field}
                  label={t(`field.${field}`)}
                  rules={[
                    {
                      validator: (_, v?: number) =>
                        v && v >= 1 && v <= 5
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('validation.rating', { item: t(`field.${field}`) }))),
                    },
                  ]}
                >
                  <Rate data-testid={`action-${field}`} />
                </Form.Item>
              ))}
            </Space>
            <Form.Item name="comment" label={t('field.ratingComment')} rules={[{ max: 500, message: t('validation.commentMax') }]}>
              <Input.TextArea rows={3} showCount maxLength={500} placeholder={t('dialog.commentPlaceholder')} />
            </Form.Item>
          </>
        ) : null}
      </Form>
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
    </Modal>
  );
}
