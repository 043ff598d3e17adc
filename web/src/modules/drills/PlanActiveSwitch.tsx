import { useTranslation } from 'react-i18next';
import { ActiveSwitch } from '../../components';
import { DRILLS, type DrillPlan, PLANS } from './types';

/**
 * 启用/停用 a drill plan with a confirmation (POST /drill-plans/:id/active). Stopping it
 * cancels its planned drills to come; starting it again plans them anew.
 */
export function PlanActiveSwitch({
  plan,
  disabled,
  onDone,
}: {
  plan: Pick<DrillPlan, 'id' | 'name' | 'active' | 'version'>;
  disabled?: boolean;
  onDone?: () => void;
}) {
  const { t } = useTranslation('drills');
  return (
    <ActiveSwitch
      resource={PLANS}
      record={plan}
      hints={{ activate: t('active.activateHint'), deactivate: t('active.deactivateHint') }}
      invalidate={[DRILLS]}
      disabled={disabled}
      onDone={onDone}
    />
  );
}
