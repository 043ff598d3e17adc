import { useTranslation } from 'react-i18next';
import { SettingsDialog as OrgSettingsDialog } from '../../components';
import { MEASURES, PLANS, SETTINGS } from './types';

/**
 * 按期完成的宽限规则 (SMRP 5.4.14): a share of the interval, capped in days, and the fixed
 * window of meter plans. Changing them changes how compliance is counted from now on.
 */
export function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('maintenance');
  const days = t('unit.days');
  return (
    <OrgSettingsDialog
      open={open}
      onClose={onClose}
      resource={SETTINGS}
      title={t('settings.title')}
      hint={t('settings.hint')}
      invalidate={[MEASURES, PLANS]}
      fields={[
        {
          name: 'gracePercent',
          label: t('settings.gracePercent'),
          hint: t('settings.gracePercentHint'),
          min: 0,
          max: 100,
          suffix: '%',
          testId: 'settings-grace-percent',
        },
        {
          name: 'graceCapDays',
          label: t('settings.graceCapDays'),
          hint: t('settings.graceCapDaysHint'),
          min: 0,
          max: 365,
          suffix: days,
          testId: 'settings-grace-cap',
        },
        {
          name: 'meterWindowDays',
          label: t('settings.meterWindowDays'),
          hint: t('settings.meterWindowDaysHint'),
          min: 1,
          max: 365,
          suffix: days,
          testId: 'settings-meter-window',
        },
      ]}
    />
  );
}
