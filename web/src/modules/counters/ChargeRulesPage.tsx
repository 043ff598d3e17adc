import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Skeleton, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, isApiError } from '../../app/api';
import { useCan } from '../../app/auth';
import { applyFieldErrors, LoadError, PageContainer, useErrorText, useInvalidate } from '../../components';
import { yuanToFen } from './format';
import type { ChargeRule, ChargeSupplier } from './types';

interface RuleValues {
  chargeMaterials: boolean;
  chargeLabour: boolean;
  /** yuan per hour in the form */
  labourRate: number | null;
}
type Values = Record<ChargeSupplier, RuleValues>;

const SUPPLIERS: ChargeSupplier[] = ['counter', 'department'];

/** 收费规则: per material supplier, whether materials and labour are charged to the counter (organisation-wide). */
export default function ChargeRulesPage() {
  const { t } = useTranslation('counters');
  const can = useCan();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const editable = can.everywhere('counters:manage');
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const rules = useQuery({ queryKey: ['/counter-charge-rules', 'record'], queryFn: () => api.get<ChargeRule[]>('/counter-charge-rules') });

  useEffect(() => {
    if (!rules.data) return;
    const values = {} as Values;
    for (const r of rules.data) {
      values[r.supplier] = { chargeMaterials: r.chargeMaterials, chargeLabour: r.chargeLabour, labourRate: r.labourRate / 100 };
    }
    form.setFieldsValue(values);
  }, [rules.data, form]);

  const save = async (v: Values) => {
    if (!rules.data) return;
    setSaving(true);
    setError(null);
    try {
      await api.put('/counter-charge-rules', {
        rules: rules.data.map((r, i) => ({
          supplier: r.supplier,
          chargeMaterials: v[r.supplier].chargeMaterials,
          chargeLabour: v[r.supplier].chargeLabour,
          labourRate: yuanToFen(v[r.supplier].labourRate) ?? 0,
          version: rules.data[i]?.version ?? 0,
        })),
      });
      message.success(t('common:form.saved'));
      await rules.refetch();
      await invalidate('/counters');
    } catch (err) {
      // server paths are rules/<index>/<field>; the form is keyed by supplier
      if (!applyFieldErrors(form, remapFields(err, rules.data))) setError(err);
    } finally {
      setSaving(false);
    }
  };

  if (rules.error) return <LoadError error={rules.error} onRetry={() => void rules.refetch()} />;
  return (
    <PageContainer title={t('rules.title')} subtitle={t('rules.subtitle')} card={false}>
      {!editable ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('rules.readOnly')} /> : null}
      {error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={errorText(error)}
          action={
            isApiError(error, 'STALE_VERSION') ? (
              <Button size="small" onClick={() => void rules.refetch().then(() => setError(null))}>
                {t('common:form.reload')}
              </Button>
            ) : null
          }
        />
      ) : null}
      {rules.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Form form={form} layout="vertical" disabled={!editable} onFinish={(v) => void save(v)}>
          <Row gutter={[16, 16]}>
            {SUPPLIERS.map((s) => (
              <Col xs={24} md={12} key={s}>
                <Card title={t(`rules.supplier.${s}`)}>
                  <Typography.Paragraph type="secondary">{t(`rules.hint.${s}`)}</Typography.Paragraph>
                  <Form.Item name={[s, 'chargeMaterials']} label={t('rules.chargeMaterials')} valuePropName="checked">
                    <Switch />
                  </Form.Item>
                  <Form.Item name={[s, 'chargeLabour']} label={t('rules.chargeLabour')} valuePropName="checked">
                    <Switch />
                  </Form.Item>
                  <Form.Item
                    name={[s, 'labourRate']}
                    label={t('rules.labourRate')}
                    dependencies={[[s, 'chargeLabour']]}
                    rules={[
                      ({ getFieldValue }) => ({
                        validator: (_, v: number | null) =>
                          getFieldValue([s, 'chargeLabour']) && !(v && v > 0)
                            ? Promise.reject(new Error(t('rules.rateRequired')))
                            : Promise.resolve(),
                      }),
                    ]}
                  >
                    <InputNumber min={0} max={10000} precision={2} prefix="¥" suffix={t('rules.perHour')} style={{ width: '100%' }} />
                  </Form.Item>
                </Card>
              </Col>
            ))}
          </Row>
          {editable ? (
            <Button type="primary" htmlType="submit" loading={saving} style={{ marginTop: 16 }}>
              {t('common:actions.save')}
            </Button>
          ) : null}
        </Form>
      )}
    </PageContainer>
  );
}

/** `rules/1/labourRate` → `department.labourRate`, so the message lands under its field. */
function remapFields(err: unknown, rules: ChargeRule[]): unknown {
  if (!isApiError(err)) return err;
  const fields = err.fields.map((f) => {
    const m = f.field.match(/^rules\/(\d+)\/(\w+)$/);
    const supplier = m ? rules[Number(m[1])]?.supplier : undefined;
    return supplier ? { ...f, field: `${supplier}.${m?.[2]}` } : f;
  });
  return new ApiError(err.status, err.code, err.message, fields, err.details, err.requestId);
}
