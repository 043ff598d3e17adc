import { App, Popconfirm, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { useErrorText, useInvalidate } from '../../components';
import { type PatrolPlan, PLANS, ROUNDS } from './types';

/**
 * 启用/停用 a patrol plan with a confirmation (POST /patrols/plans/:id/active). Stopping
 * it cancels its rounds not yet started; starting it again schedules them anew.
 */
export function PlanActiveSwitch({
  plan,
  disabled,
  onDone,
}: {
  plan: Pick<PatrolPlan, 'id' | 'name' | 'active' | 'version'>;
  disabled?: boolean;
  onDone?: () => void;
}) {
  const { t } = useTranslation('patrols');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [busy, setBusy] = useState(false);
  const next = !plan.active;

  const run = async () => {
    setBusy(true);
    try {
      await api.post(`${PLANS}/${plan.id}/active`, { active: next, version: plan.version });
      message.success(t(next ? 'active.activated' : 'active.deactivated'));
      onDone?.();
    } catch (err) {
      message.error(isApiError(err, 'STALE_VERSION') ? t('common:form.stale') : errorText(err));
    } finally {
      setBusy(false);
      await invalidate(PLANS, ROUNDS);
    }
  };

  return (
    <Popconfirm
      title={t(next ? 'active.confirmActivate' : 'active.confirmDeactivate', { name: plan.name })}
      description={next ? t('active.activateHint') : t('active.deactivateHint')}
      okText={t(next ? 'common:actions.activate' : 'common:actions.deactivate')}
      okButtonProps={{ danger: !next, loading: busy }}
      cancelText={t('common:actions.cancel')}
      onConfirm={run}
      disabled={disabled}
      // the list row opens the plan on click: neither the switch nor its confirmation should
      onPopupClick={(e) => e.stopPropagation()}
    >
      <Switch
        size="small"
        checked={plan.active}
        loading={busy}
        disabled={disabled}
        checkedChildren={t('common:status.active')}
        unCheckedChildren={t('common:status.inactive')}
        data-testid={`plan-active-${plan.id}`}
        onClick={(_checked, e) => e.stopPropagation()}
      />
    </Popconfirm>
  );
}
