import { Alert, App, type ButtonProps, Checkbox, Form, Input, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useErrorText, useInvalidate } from '../../components';
import type { StocktakeDetail } from './types';

interface Values {
  markMissingLost: boolean;
  moveMisplaced: boolean;
  note?: string;
}

/** 完成盘点: what happens to the shortfall and to assets found elsewhere, then the result. */
export function CloseStocktakeDialog({ stocktake, open, onClose }: { stocktake: StocktakeDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('equipment');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { counts } = stocktake;

  useEffect(() => {
    if (open) {
      form.setFieldsValue({ markMissingLost: true, moveMisplaced: true, note: '' });
      setError(null);
    }
  }, [open, form]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/stocktakes/${stocktake.id}/close`, {
        version: stocktake.version,
        markMissingLost: v.markMissingLost,
        moveMisplaced: v.moveMisplaced,
        note: v.note?.trim() || null,
      });
      await invalidate('/stocktakes', '/assets', '/my/assets', '/fire-equipment');
      message.success(t('stocktake.closed'));
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('stocktake.close')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('stocktake.closeOk')}
      okButtonProps={{ loading: busy, 'data-testid': 'stocktake-close-ok' } as ButtonProps}
      cancelText={t('common:actions.cancel')}
      forceRender
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('stocktake.closeSummary', { ...counts })}</Typography.Paragraph>
        {counts.missing > 0 ? (
          <Alert type="warning" showIcon title={t('stocktake.closeMissingWarning', { count: counts.missing })} />
        ) : null}
        <Form form={form} layout="vertical" name="closeStocktake" onFinish={(v) => void submit(v)}>
          <Form.Item name="markMissingLost" valuePropName="checked" extra={t('stocktake.markMissingLostHint')} style={{ marginBottom: 8 }}>
            <Checkbox data-testid="mark-missing-lost">{t('stocktake.markMissingLost', { count: counts.missing })}</Checkbox>
          </Form.Item>
          <Form.Item name="moveMisplaced" valuePropName="checked" extra={t('stocktake.moveMisplacedHint')} style={{ marginBottom: 8 }}>
            <Checkbox>{t('stocktake.moveMisplaced', { count: counts.misplaced })}</Checkbox>
          </Form.Item>
          <Form.Item name="note" label={t('stocktake.note')} rules={[{ max: 500, message: t('validation.max', { max: 500 }) }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      </Space>
    </Modal>
  );
}
