import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../app/api';
import { useInvalidate } from './hooks';
import { useErrorText } from './useErrorText';

export interface ActiveToggleProps {
  /** collection path, e.g. '/sites' → POST /sites/:id/deactivate|activate {version} */
  resource: string;
  record: { id: string; version: number; active: boolean };
  /** what is being switched, for the confirmation, e.g. the record's name */
  name?: string;
  /** more resources to refresh afterwards */
  invalidate?: string[];
  onDone?: () => void;
  size?: 'small' | 'middle';
  type?: 'link' | 'default';
}

/** 停用/启用 with a confirmation; nothing is deleted, the record only stops being offered. */
export function ActiveToggle({ resource, record, name, invalidate: more = [], onDone, size = 'small', type = 'link' }: ActiveToggleProps) {
  const { t } = useTranslation('common');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [busy, setBusy] = useState(false);
  const action = record.active ? 'deactivate' : 'activate';

  const run = async () => {
    setBusy(true);
    try {
      await api.post(`${resource}/${record.id}/${action}`, { version: record.version });
      message.success(t(record.active ? 'active.deactivated' : 'active.activated'));
      onDone?.();
    } catch (err) {
      message.error(isApiError(err, 'STALE_VERSION') ? t('form.stale') : errorText(err));
    } finally {
      setBusy(false);
      await invalidate(resource, ...more);
    }
  };

  return (
    <Popconfirm
      title={t(record.active ? 'active.confirmDeactivate' : 'active.confirmActivate', { name: name ?? '' })}
      description={record.active ? t('active.deactivateHint') : undefined}
      okText={t(record.active ? 'actions.deactivate' : 'actions.activate')}
      okButtonProps={{ danger: record.active, loading: busy }}
      cancelText={t('actions.cancel')}
      onConfirm={run}
    >
      <Button type={type} size={size} danger={record.active} loading={busy} data-testid={`toggle-${action}`}>
        {t(record.active ? 'actions.deactivate' : 'actions.activate')}
      </Button>
    </Popconfirm>
  );
}
