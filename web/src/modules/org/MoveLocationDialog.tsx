import { Alert, App, Modal, TreeSelect, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { useErrorText, useInvalidate } from '../../components';
import { isWithin, toTreeData } from './locationTree';
import type { Location, LocationNode } from './types';

const TOP = '__top__';

/** Moves a location with its whole subtree under another parent of the same site (or to the top level). */
export function MoveLocationDialog({ record, tree, onClose }: { record: Location | null; tree: LocationNode[]; onClose: () => void }) {
  const { t } = useTranslation('org');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [target, setTarget] = useState<string>(TOP);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setTarget(record?.parentId ?? TOP);
    setError(null);
  }, [record]);

  const save = async () => {
    if (!record) return;
    setBusy(true);
    setError(null);
    try {
      await api.patch(`/locations/${record.id}`, { parentId: target === TOP ? null : target, version: record.version });
      await invalidate('/locations', '/locations/tree');
      message.success(t('locations.moved'));
      onClose();
    } catch (err) {
      if (isApiError(err, 'STALE_VERSION')) {
        // the row on screen is outdated: refresh it and let the person start again from the new version
        await invalidate('/locations', '/locations/tree');
        message.warning(t('locations.staleMove'));
        onClose();
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  // a location cannot move under itself or its own descendants
  const options = [
    { key: TOP, value: TOP, title: t('locations.topLevel'), children: [] },
    ...toTreeData(tree, (n) => (record ? isWithin(n.path, record.path) : false)),
  ];
  const unchanged = (record?.parentId ?? TOP) === target;

  return (
    <Modal
      open={Boolean(record)}
      title={record ? t('locations.moveTitle', { name: record.name }) : ''}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('locations.move')}
      okButtonProps={{ loading: busy, disabled: unchanged }}
      cancelText={t('common:actions.cancel')}
    >
      <Typography.Paragraph type="secondary">{t('locations.moveHint')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(error)} /> : null}
      <TreeSelect
        style={{ width: '100%' }}
        value={target}
        onChange={(v: string) => setTarget(v ?? TOP)}
        treeData={options}
        showSearch={{ treeNodeFilterProp: 'title' }}
        treeDefaultExpandAll
        data-testid="move-target"
      />
    </Modal>
  );
}
