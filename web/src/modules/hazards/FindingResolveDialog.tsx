import { Alert, App, type ButtonProps, Col, Descriptions, Form, Grid, Input, Modal, Radio, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { applyFieldErrors, useDictionary, useErrorText, useInvalidate } from '../../components';
import { HazardFields, type HazardFieldValues } from './HazardFields';
import { text, titleFrom } from './logic';
import { PhotosField, usePhotoCount } from './PhotosField';
import { FINDINGS, type Finding, type FindingResolveInput, HAZARDS, OWNER_FINDING_FIX } from './types';

type Way = 'fixed_on_spot' | 'work_order' | 'hazard';
const WAYS: Way[] = ['fixed_on_spot', 'work_order', 'hazard'];

interface Values {
  way: Way;
  note?: string;
  urgency?: string;
  category?: string;
  hazard?: HazardFieldValues;
}

/**
 * 处理发现问题: how an open finding is handled — 当场整改 (what was done and at least one
 * photo of the fix), 转维修工单 (urgency and repair category; the order goes to the
 * repair desk) or 登记隐患 (the hazard's fields; it enters the register). Sized for a
 * phone at 375 px.
 *
 * Exported for the patrols web module, which opens it from a round point:
 *
 * ```tsx
 * import { FindingResolveDialog } from '../hazards/FindingResolveDialog';
 * <FindingResolveDialog finding={picked} onClose={() => setPicked(null)} onResolved={(f) => …} />
 * ```
 *
 * `finding` is the FindingDto to handle (GET /findings/:id or a row of GET /findings?roundId=);
 * null keeps the dialog closed. The lists of findings, hazards and work orders are
 * refreshed after a success.
 */
export function FindingResolveDialog({
  finding,
  onClose,
  onResolved,
}: {
  finding: Finding | null;
  onClose: () => void;
  onResolved?: (finding: Finding) => void;
}) {
  const { t } = useTranslation('hazards');
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const urgencies = useDictionary('urgency');
  const repairCategories = useDictionary('repair_category');
  const [form] = Form.useForm<Values>();
  const way = Form.useWatch('way', form);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [tried, setTried] = useState(false);
  const photos = usePhotoCount(OWNER_FINDING_FIX, finding?.id);

  useEffect(() => {
    if (!finding) return;
    form.resetFields();
    form.setFieldsValue({
      way: 'fixed_on_spot',
      urgency: 'normal',
      hazard: { category: finding.category ?? undefined, grade: 'general', title: titleFrom(finding.description) },
    });
    setError(null);
    setTried(false);
  }, [finding, form]);

  const bodyOf = (v: Values, f: Finding): FindingResolveInput => {
    if (v.way === 'fixed_on_spot') return { resolution: 'fixed_on_spot', note: v.note?.trim() ?? '', version: f.version };
    if (v.way === 'work_order') {
      return { resolution: 'work_order', urgency: v.urgency, category: v.category, note: text(v.note), version: f.version };
    }
    const h = v.hazard ?? {};
    return {
      resolution: 'hazard',
      hazard: {
        category: h.category ?? '',
        grade: h.grade ?? 'general',
        subGrade: h.subGrade ?? null,
        title: h.title?.trim() ?? '',
        description: text(h.description) ?? undefined,
        temporaryMeasures: text(h.temporaryMeasures),
        campaignId: f.campaignId,
      },
      version: f.version,
    };
  };

  const save = async (v: Values) => {
    if (!finding) return;
    if (v.way === 'fixed_on_spot' && !photos) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await api.post<Finding>(`${FINDINGS}/${finding.id}/resolve`, bodyOf(v, finding));
      message.success(t(`resolve.done.${v.way}`));
      await invalidate(FINDINGS, HAZARDS, '/work-orders');
      onResolved?.(saved);
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
      if (isApiError(err, 'STALE_VERSION') || isApiError(err, 'ILLEGAL_TRANSITION')) await invalidate(FINDINGS);
    } finally {
      setSaving(false);
    }
  };

  const submit = () => {
    setTried(true);
    form.submit();
  };

  return (
    <Modal
      open={finding !== null}
      title={finding ? t('resolve.title', { number: finding.number }) : null}
      okText={t(`resolve.confirm.${way ?? 'fixed_on_spot'}`)}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ loading: saving, disabled: finding?.resolution !== 'open', 'data-testid': 'resolve-submit' } as ButtonProps}
      onOk={submit}
      onCancel={onClose}
      width={screens.sm ? 600 : '100%'}
      style={screens.sm ? undefined : { top: 0, maxWidth: '100vw', margin: 0, paddingBottom: 0 }}
      destroyOnHidden
    >
      {finding ? (
        <>
          <Descriptions
            size="small"
            column={1}
            style={{ marginBottom: 12 }}
            items={[
              {
                key: 'site',
                label: t('field.site'),
                children: [finding.siteName, finding.locationPath, finding.assetName].filter(Boolean).join(' · '),
              },
              {
                key: 'description',
                label: t('field.description'),
                children: <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{finding.description}</span>,
              },
            ]}
          />
          {finding.resolution !== 'open' ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('resolve.already', { way: t(`resolution.${finding.resolution}`) })}
            />
          ) : null}
          {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(error)} data-testid="resolve-error" /> : null}
          <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={saving || finding.resolution !== 'open'}>
            <Form.Item name="way" label={t('resolve.way')}>
              <Radio.Group
                block
                optionType="button"
                buttonStyle="solid"
                options={WAYS.map((w) => ({ value: w, label: t(`resolve.ways.${w}`) }))}
                data-testid="resolve-way"
              />
            </Form.Item>
            <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
              {t(`resolve.hint.${way ?? 'fixed_on_spot'}`)}
            </Typography.Paragraph>
            {way === 'fixed_on_spot' ? (
              <>
                <Form.Item
                  name="note"
                  label={t('resolve.fixNote')}
                  rules={[
                    { required: true, whitespace: true, message: t('validation.fixNote') },
                    { max: 1000, message: t('validation.max', { max: 1000 }) },
                  ]}
                >
                  <Input.TextArea rows={3} maxLength={1000} placeholder={t('resolve.fixNotePlaceholder')} data-testid="resolve-note" />
                </Form.Item>
                <PhotosField
                  ownerType={OWNER_FINDING_FIX}
                  ownerId={finding.id}
                  label={t('resolve.fixPhotos')}
                  required
                  requiredMessage={t('validation.fixPhoto')}
                  showError={tried}
                />
              </>
            ) : null}
            {way === 'work_order' ? (
              <>
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item name="urgency" label={t('resolve.urgency')} rules={[{ required: true, message: t('validation.urgency') }]}>
                      <Select options={urgencies.options} loading={urgencies.loading} data-testid="resolve-urgency" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name="category"
                      label={t('resolve.repairCategory')}
                      rules={[{ required: true, message: t('validation.repairCategory') }]}
                    >
                      <Select options={repairCategories.options} loading={repairCategories.loading} data-testid="resolve-repair-category" />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item
                  name="note"
                  label={t('resolve.workOrderNote')}
                  rules={[{ max: 1000, message: t('validation.max', { max: 1000 }) }]}
                >
                  <Input.TextArea rows={2} maxLength={1000} />
                </Form.Item>
              </>
            ) : null}
            {way === 'hazard' ? <HazardFields form={form} siteId={finding.siteId} namePrefix="hazard" descriptionRequired={false} /> : null}
          </Form>
        </>
      ) : null}
    </Modal>
  );
}
