import { Alert, Form, type FormInstance, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { formatNumber, requiredDateFormat } from './numberFormat';
import { useNumberingOptions } from './numberingOptions';
import { type DateFormat, type NumberingRule, type ResetPeriod, SEQ_WIDTH_MAX, SEQ_WIDTH_MIN } from './types';

interface RuleValues {
  code: string;
  name: string;
  prefix: string;
  dateFormat: DateFormat;
  seqWidth: number;
  reset: ResetPeriod;
  perSite: boolean;
}

const CODE_PATTERN = /^[A-Z][A-Z0-9_]*$/;
const PREFIX_PATTERN = /^[A-Za-z0-9]+$/;

/** What the first numbers look like with the values typed so far (the browser's date; the server uses the site's zone). */
function LiveExample({ form }: { form: FormInstance<RuleValues> }) {
  const { t } = useTranslation('system');
  const values = Form.useWatch([], form) as Partial<RuleValues> | undefined;
  const prefix = values?.prefix ?? '';
  const width = Math.min(SEQ_WIDTH_MAX, Math.max(SEQ_WIDTH_MIN, Number(values?.seqWidth) || SEQ_WIDTH_MIN));
  const rule = { prefix: PREFIX_PATTERN.test(prefix) ? prefix : '', dateFormat: values?.dateFormat ?? '', seqWidth: width };
  const now = new Date();
  return (
    <Alert
      type="info"
      style={{ marginBottom: 16 }}
      title={t('numbering.example')}
      description={
        <div data-testid="numbering-example">
          <Typography.Text strong style={{ fontSize: 18, fontFamily: 'monospace' }}>
            {formatNumber(rule, 1, now)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ marginInlineStart: 12, fontFamily: 'monospace' }}>
            {formatNumber(rule, 2, now)} …
          </Typography.Text>
        </div>
      }
    />
  );
}

/** Create / edit a numbering rule. The code is fixed once created (modules look rules up by it). */
export function NumberingRuleDrawer({ open, onClose, record }: { open: boolean; onClose: () => void; record: NumberingRule | null }) {
  const { t } = useTranslation('system');
  const options = useNumberingOptions();
  const editing = record !== null;
  return (
    <FormDrawer<RuleValues, NumberingRule, NumberingRule>
      open={open}
      onClose={onClose}
      title={editing ? t('numbering.edit', { name: record.name }) : t('numbering.create')}
      resource="/numbering-rules"
      record={record}
      initialValues={{ dateFormat: 'YYYYMMDD', seqWidth: 4, reset: 'daily', perSite: false }}
      toValues={(r) => ({
        code: r.code,
        name: r.name,
        prefix: r.prefix,
        dateFormat: r.dateFormat,
        seqWidth: r.seqWidth,
        reset: r.reset,
        perSite: r.perSite,
      })}
      toBody={(v, mode) => {
        const body = {
          name: v.name.trim(),
          prefix: v.prefix.trim(),
          dateFormat: v.dateFormat,
          seqWidth: v.seqWidth,
          reset: v.reset,
          perSite: v.perSite,
        };
        return mode === 'create' ? { code: v.code.trim(), ...body } : body;
      }}
    >
      {(form) => (
        <>
          <LiveExample form={form} />
          <Form.Item
            name="code"
            label={t('numbering.code')}
            extra={editing ? t('numbering.codeFixed') : t('numbering.codeHint')}
            normalize={(v: string) => v?.toUpperCase()}
            rules={[{ required: true, whitespace: true }, { max: 32 }, { pattern: CODE_PATTERN, message: t('numbering.codeInvalid') }]}
          >
            <Input disabled={editing} placeholder="WORK_ORDER" />
          </Form.Item>
          <Form.Item name="name" label={t('numbering.name')} rules={[{ required: true, whitespace: true }, { max: 50 }]}>
            <Input placeholder={t('numbering.namePlaceholder')} />
          </Form.Item>
          <Form.Item
            name="prefix"
            label={t('numbering.prefix')}
            extra={t('numbering.prefixHint')}
            rules={[{ required: true, whitespace: true }, { max: 16 }, { pattern: PREFIX_PATTERN, message: t('numbering.prefixInvalid') }]}
          >
            <Input placeholder="WX" />
          </Form.Item>
          <Form.Item name="dateFormat" label={t('numbering.dateFormat')}>
            <Select options={options.dateFormatChoices} />
          </Form.Item>
          <Form.Item
            name="seqWidth"
            label={t('numbering.seqWidth')}
            extra={t('numbering.seqWidthHint')}
            rules={[{ required: true }, { type: 'integer', min: SEQ_WIDTH_MIN, max: SEQ_WIDTH_MAX }]}
          >
            <InputNumber min={SEQ_WIDTH_MIN} max={SEQ_WIDTH_MAX} precision={0} style={{ width: '100%' }} inputMode="numeric" />
          </Form.Item>
          <Form.Item
            name="reset"
            label={t('numbering.reset')}
            dependencies={['dateFormat']}
            extra={editing ? t('numbering.lockedHint') : undefined}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, reset: ResetPeriod) => {
                  const needs = reset ? requiredDateFormat(getFieldValue('dateFormat') ?? '', reset) : null;
                  if (!needs) return Promise.resolve();
                  return Promise.reject(
                    new Error(
                      t('numbering.resetNeedsDate', { reset: t(`numbering.resets.${reset}`), date: t(`numbering.dateFormats.${needs}`) }),
                    ),
                  );
                },
              }),
            ]}
          >
            <Select options={options.resets} />
          </Form.Item>
          <Form.Item name="perSite" label={t('numbering.perSite')} extra={t('numbering.perSiteHint')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {record ? <HistoryPanel entity="numbering_rule" entityId={record.id} version={record.version} /> : null}
        </>
      )}
    </FormDrawer>
  );
}
