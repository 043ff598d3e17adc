import { useTranslation } from 'react-i18next';
import { ActiveSwitch } from '../../components';
import { OCCURRENCES, PLANS, type Plan } from './types';

/**
 * 启用/停用 a plan with a confirmation (POST /maintenance/plans/:id/active). Stopping a
 * plan cancels its open future occurrences; starting it again generates them anew.
 */
export function PlanActiveSwitch({
  plan,
  disabled,
  onDone,
}: {
  plan: Pick<Plan, 'id' | 'name' | 'active' | 'version'>;
  disabled?: boolean;
  onDone?: () => void;
}) {
  const { t } = useTranslation('maintenance');
  return (
    <ActiveSwitch
      resource={PLANS}
      record={plan}
      hints={{ activate: t('active.activateHint'), deactivate: t('active.deactivateHint') }}
      invalidate={[OCCURRENCES]}
      disabled={disabled}
      onDone={onDone}
    />
  );
}
