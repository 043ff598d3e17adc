import { App, Popconfirm, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../app/api';
import { useInvalidate } from './hooks';
import { useErrorText } from './useErrorText';

export interface ActiveSwitchProps {
  /** collection path: POST `${resource}/:id/active {active, version}` */
  resource: string;
  record: { id: string; name: string; active: boolean; version: number };
  /** what starting and stopping do to this kind of record (its schedule), for the confirmation */
  hints: { activate: string; deactivate: string };
  /** more lists to refresh afterwards (the records the schedule makes) */
  invalidate?: string[];
  disabled?: boolean;
  onDone?: () => void;
}

/**
 * 启用/停用 of a scheduled record (a maintenance or patrol plan, a reading point) as a
 * switch with a confirmation: stopping it cancels what its schedule has not started,
 * starting it again schedules anew. Sits in list rows, so it never opens the row.
 */
export function ActiveSwitch({ resource, record, hints, invalidate: more = [], disabled, onDone }: ActiveSwitchProps) {
  const { t } = useTranslation('common');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [busy, setBusy] = useState(false);
  const next = !record.active;

  const run = async () => {
    setBusy(true);
    try {
      await api.post(`${resource}/${record.id}/active`, { active: next, version: record.version });
      message.success(t(next ? 'active.activated' : 'active.deactivated'));
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
      title={t(next ? 'active.confirmActivate' : 'active.confirmDeactivate', { name: record.name })}
      description={next ? hints.activate : hints.deactivate}
      okText={t(next ? 'actions.activate' : 'actions.deactivate')}
      okButtonProps={{ danger: !next, loading: busy }}
      cancelText={t('actions.cancel')}
      onConfirm={run}
      disabled={disabled}
      onPopupClick={(e) => e.stopPropagation()}
    >
      <Switch
        size="small"
        checked={record.active}
        loading={busy}
        disabled={disabled}
        checkedChildren={t('status.active')}
        unCheckedChildren={t('status.inactive')}
        data-testid={`active-${record.id}`}
        onClick={(_checked, e) => e.stopPropagation()}
      />
    </Popconfirm>
  );
}
