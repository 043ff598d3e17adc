import { Alert, App, Form, Modal, Select, Space, TreeSelect, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { RemoteSelect, UserSelect, useErrorText, useInvalidate } from '../../components';
import { useLocationTree, useStatusOptions } from './options';
import { findById, toTreeOptions } from './tree';
import type { Asset, AssetStatus } from './types';

export type BulkAction = 'move' | 'custodian' | 'status';

interface Values {
  locationId?: string;
  custodianId?: string;
  departmentId?: string;
  status?: AssetStatus;
}

/**
 * 批量移动 / 更换责任人 / 更改状态 for the selected assets: choose the new value,
 * confirm, then one POST /assets/bulk — all or nothing, audited per asset.
 */
export function BulkDialog({
  action,
  assets,
  onClose,
  onDone,
}: {
  action: BulkAction | null;
  assets: Asset[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('equipment');
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const statusOptions = useStatusOptions();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [userLabel, setUserLabel] = useState('');
  const sites = [...new Set(assets.map((a) => a.siteId))];
  const oneSite = sites.length === 1 ? sites[0] : null;
  const locations = useLocationTree(action === 'move' ? oneSite : null);
  const blocked = action === 'move' && !oneSite;

  useEffect(() => {
    if (action) {
      form.resetFields();
      setError(null);
    }
  }, [action, form]);

  const describe = (v: Values): string => {
    if (action === 'move') return findById(locations.data?.nodes ?? [], v.locationId)?.name ?? '';
    if (action === 'status') return statusOptions.find((o) => o.value === v.status)?.label ?? '';
    return userLabel;
  };

  const run = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ updated: number }>('/assets/bulk', { ids: assets.map((a) => a.id), action, ...v });
      await invalidate('/assets', '/my/assets', '/fire-equipment');
      message.success(t('bulk.done', { count: res.updated }));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    const v = await form.validateFields();
    modal.confirm({
      title: t(`bulk.confirm.${action}`, { count: assets.length, target: describe(v) }),
      content: t('bulk.confirmHint'),
      okText: t('bulk.apply'),
      cancelText: t('common:actions.cancel'),
      onOk: () => run(v),
    });
  };

  return (
    <Modal
      open={action !== null}
      title={action ? t(`bulk.${action}`) : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('bulk.next')}
      okButtonProps={{ loading: busy, disabled: blocked }}
      cancelText={t('common:actions.cancel')}
      forceRender
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{t('bulk.selected', { count: assets.length })}</Typography.Text>
        {blocked ? <Alert type="warning" showIcon title={t('bulk.oneSite')} /> : null}
        <Form form={form} layout="vertical" name="bulk">
          {action === 'move' ? (
            <Form.Item
              name="locationId"
              label={t('bulk.toLocation')}
              rules={[{ required: true, message: t('validation.select', { field: t('bulk.toLocation') }) }]}
            >
              <TreeSelect
                treeData={toTreeOptions(locations.data?.nodes ?? [])}
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeDefaultExpandAll
                disabled={blocked}
              />
            </Form.Item>
          ) : null}
          {action === 'custodian' ? (
            <>
              <Form.Item
                name="custodianId"
                label={t('bulk.toCustodian')}
                rules={[{ required: true, message: t('validation.select', { field: t('bulk.toCustodian') }) }]}
              >
                <UserSelect onChange={(_v, option) => setUserLabel((option as { label?: string } | undefined)?.label ?? '')} />
              </Form.Item>
              <Form.Item name="departmentId" label={t('asset.department')} extra={t('bulk.departmentHint')}>
                <RemoteSelect<{ id: string; code: string; name: string }>
                  resource="/departments"
                  params={{ active: '1' }}
                  labelOf={(d) => `${d.name}（${d.code}）`}
                />
              </Form.Item>
            </>
          ) : null}
          {action === 'status' ? (
            <Form.Item
              name="status"
              label={t('bulk.toStatus')}
              rules={[{ required: true, message: t('validation.select', { field: t('bulk.toStatus') }) }]}
            >
              <Select options={statusOptions} />
            </Form.Item>
          ) : null}
        </Form>
        {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      </Space>
    </Modal>
  );
}
