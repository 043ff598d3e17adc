import { Alert, App, type ButtonProps, Col, DatePicker, Form, Grid, Input, InputNumber, Modal, Row, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { applyFieldErrors, UserSelect, useErrorText, useInvalidate } from '../../components';
import { fenToYuan } from '../projects/format';
import { AddresseeFields } from './HazardFields';
import { actionBody, actionForm, DANGER_ACTIONS, noteRequired, type ActionValues as Values } from './logic';
import { PhotosField, usePhotoCount } from './PhotosField';
import { FINDINGS, HAZARDS, type Hazard, type HazardAction, OWNER_HAZARD_AFTER } from './types';

/**
 * One step of the hazard loop with the fields it needs: 五落实 (落实整改: responsible person,
 * measures, funds, deadline, contingency plan, temporary measures, acceptance standard,
 * verifier, the notice's addressee), 提交整改 (what was done and after photos — refused
 * without a photo), 验收通过 / 验收不通过 (a note; a reason to fail), 签批销号, 取消 (a reason).
 * Works on a phone at 375 px. A stale version or a step no longer allowed reloads the hazard.
 */
export function HazardActionDialog({
  hazard,
  action,
  onClose,
  onDone,
}: {
  hazard: Hazard;
  action: HazardAction | null;
  onClose: () => void;
  onDone?: () => void;
}) {
  const { t } = useTranslation('hazards');
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [tried, setTried] = useState(false);
  const kind = action ? actionForm(action) : null;
  const afterPhotos = usePhotoCount(OWNER_HAZARD_AFTER, kind === 'submit' ? hazard.id : null);
  const responsibleId = Form.useWatch('responsibleId', form);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refill when the dialog opens for an action, not on every refetch of the hazard
  useEffect(() => {
    if (!action) return;
    form.resetFields();
    if (action === 'assign') {
      form.setFieldsValue({
        responsibleId: hazard.responsibleId ?? undefined,
        verifierId: hazard.verifierId ?? undefined,
        measures: hazard.measures ?? undefined,
        fundsYuan: fenToYuan(hazard.fundsFen),
        deadline: hazard.deadline ? dayjs(hazard.deadline) : null,
        contingencyPlan: hazard.contingencyPlan,
        temporaryMeasures: hazard.temporaryMeasures,
        acceptanceStandard: hazard.acceptanceStandard,
        addresseeType: hazard.addresseeType,
        addresseeId: hazard.addresseeId,
      });
    }
    setError(null);
    setTried(false);
  }, [action, form]);

  const save = async (v: Values) => {
    if (!action) return;
    if (kind === 'submit' && !afterPhotos) return;
    setSaving(true);
    setError(null);
    try {
      await api.post(`${HAZARDS}/${hazard.id}/actions/${action}`, actionBody(action, v, hazard.version));
      message.success(t(`actionDone.${action}`));
      await invalidate(HAZARDS, FINDINGS, '/audit');
      onDone?.();
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
      if (isApiError(err, 'STALE_VERSION') || isApiError(err, 'ILLEGAL_TRANSITION')) await invalidate(HAZARDS);
    } finally {
      setSaving(false);
    }
  };

  const max = (n: number) => ({ max: n, message: t('validation.max', { max: n }) });
  const danger = action ? DANGER_ACTIONS.has(action) : false;

  return (
    <Modal
      open={action !== null}
      title={action ? t(`actionTitle.${action}`, { number: hazard.number }) : null}
      okText={action ? t(`action.${action}`) : undefined}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ loading: saving, danger, 'data-testid': 'hazard-action-submit' } as ButtonProps}
      onOk={() => {
        setTried(true);
        form.submit();
      }}
      onCancel={onClose}
      width={screens.sm ? (kind === 'assign' ? 680 : 560) : '100%'}
      style={screens.sm ? undefined : { top: 0, maxWidth: '100vw', margin: 0, paddingBottom: 0 }}
      destroyOnHidden
    >
      {action ? <Typography.Paragraph type="secondary">{t(`actionHint.${action}`)}</Typography.Paragraph> : null}
      {error ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(error)} data-testid="hazard-action-error" />
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={saving}>
        {kind === 'assign' ? (
          <>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="responsibleId"
                  label={t('field.responsible')}
                  rules={[{ required: true, message: t('validation.responsible') }]}
                >
                  <UserSelect
                    params={{ siteId: hazard.siteId }}
                    initialOptions={
                      hazard.responsibleId ? [{ value: hazard.responsibleId, label: hazard.responsibleName ?? '' }] : undefined
                    }
                    placeholder={t('form.userPlaceholder')}
                    data-testid="assign-responsible"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="verifierId"
                  label={t('field.verifier')}
                  extra={t('form.verifierHint')}
                  dependencies={['responsibleId']}
                  rules={[
                    { required: true, message: t('validation.verifier') },
                    {
                      validator: (_r, v?: string) =>
                        v && v === form.getFieldValue('responsibleId')
                          ? Promise.reject(new Error(t('validation.verifierDiffers')))
                          : Promise.resolve(),
                    },
                  ]}
                >
                  <UserSelect
                    params={{ siteId: hazard.siteId }}
                    exclude={responsibleId ? [responsibleId] : undefined}
                    initialOptions={hazard.verifierId ? [{ value: hazard.verifierId, label: hazard.verifierName ?? '' }] : undefined}
                    placeholder={t('form.userPlaceholder')}
                    data-testid="assign-verifier"
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="measures"
              label={t('field.measures')}
              rules={[{ required: true, whitespace: true, message: t('validation.measures') }, max(2000)]}
            >
              <Input.TextArea rows={3} maxLength={2000} placeholder={t('form.measuresPlaceholder')} data-testid="assign-measures" />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="deadline"
                  label={t('field.deadline')}
                  rules={[
                    { required: true, message: t('validation.deadline') },
                    {
                      validator: (_r, v?: Dayjs | null) =>
                        v?.isBefore(dayjs(), 'day') && v.format('YYYY-MM-DD') !== hazard.deadline
                          ? Promise.reject(new Error(t('validation.deadlinePast')))
                          : Promise.resolve(),
                    },
                  ]}
                >
                  <DatePicker inputReadOnly style={{ width: '100%' }} data-testid="assign-deadline" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="fundsYuan"
                  label={t('field.funds')}
                  rules={[
                    {
                      validator: (_r, v?: number | null) =>
                        v === null || v === undefined || (v >= 0 && v <= 100_000_000)
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('validation.funds'))),
                    },
                  ]}
                >
                  <InputNumber<number>
                    min={0}
                    max={100_000_000}
                    precision={2}
                    prefix="¥"
                    style={{ width: '100%' }}
                    data-testid="assign-funds"
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="contingencyPlan" label={t('field.contingencyPlan')} rules={[max(2000)]}>
              <Input.TextArea rows={2} maxLength={2000} placeholder={t('form.contingencyPlaceholder')} />
            </Form.Item>
            <Form.Item name="temporaryMeasures" label={t('field.temporaryMeasures')} rules={[max(1000)]}>
              <Input.TextArea rows={2} maxLength={1000} placeholder={t('form.temporaryMeasuresPlaceholder')} />
            </Form.Item>
            <Form.Item name="acceptanceStandard" label={t('field.acceptanceStandard')} rules={[max(1000)]}>
              <Input.TextArea rows={2} maxLength={1000} placeholder={t('form.acceptanceStandardPlaceholder')} />
            </Form.Item>
            <AddresseeFields
              form={form}
              siteId={hazard.siteId}
              initial={hazard.addresseeId ? { value: hazard.addresseeId, label: hazard.addresseeName ?? '' } : null}
            />
          </>
        ) : null}
        {kind === 'submit' ? (
          <PhotosField
            ownerType={OWNER_HAZARD_AFTER}
            ownerId={hazard.id}
            label={t('field.afterPhotos')}
            required
            requiredMessage={t('validation.afterPhoto')}
            showError={tried}
          />
        ) : null}
        {kind === 'submit' || kind === 'note' ? (
          <Form.Item
            name="note"
            label={action ? t(`noteLabel.${action}`) : undefined}
            rules={[
              ...(action && noteRequired(action) ? [{ required: true, whitespace: true, message: t(`validation.note.${action}`) }] : []),
              max(1000),
            ]}
          >
            <Input.TextArea rows={3} maxLength={1000} data-testid="hazard-action-note" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
