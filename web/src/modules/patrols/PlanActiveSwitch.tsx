import { useTranslation } from 'react-i18next';
import { ActiveSwitch } from '../../components';
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
  return (
    <ActiveSwitch
      resource={PLANS}
      record={plan}
      hints={{ activate: t('active.activateHint'), deactivate: t('active.deactivateHint') }}
      invalidate={[ROUNDS]}
      disabled={disabled}
      onDone={onDone}
    />
  );
}
