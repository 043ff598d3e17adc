import { useTranslation } from 'react-i18next';
import { SettingsDialog } from '../../components';
import { HAZARDS, MEASURES, SETTINGS } from './types';

/**
 * 隐患设置: acceptance within N days of the deadline (default 10) and the reminder N days
 * before it (default 3). They change the acceptance due dates from now on.
 */
export function HazardSettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('hazards');
  const days = t('unit.days');
  return (
    <SettingsDialog
      open={open}
      onClose={onClose}
      resource={SETTINGS}
      title={t('settings.title')}
      hint={t('settings.hint')}
      invalidate={[HAZARDS, MEASURES]}
      fields={[
        {
          name: 'acceptanceDays',
          label: t('settings.acceptanceDays'),
          hint: t('settings.acceptanceDaysHint'),
          min: 1,
          max: 90,
          suffix: days,
          testId: 'settings-acceptance-days',
        },
        {
          name: 'remindDaysBefore',
          label: t('settings.remindDaysBefore'),
          hint: t('settings.remindDaysBeforeHint'),
          min: 0,
          max: 30,
          suffix: days,
          testId: 'settings-remind-days',
        },
      ]}
    />
  );
}
