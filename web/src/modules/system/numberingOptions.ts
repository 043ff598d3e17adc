import { useTranslation } from 'react-i18next';
import { datePart } from './numberFormat';
import { DATE_FORMATS, RESET_PERIODS } from './types';

/**
 * Options for the date part (无/年/年月/年月日) and the reset period. `dateFormatChoices`
 * adds today's date as it would print, for the form's select.
 */
export function useNumberingOptions() {
  const { t } = useTranslation('system');
  const today = new Date();
  return {
    dateFormats: DATE_FORMATS.map((f) => ({ value: f, label: t(`numbering.dateFormats.${f || 'none'}`) })),
    dateFormatChoices: DATE_FORMATS.map((f) => ({
      value: f,
      label: f
        ? t('numbering.dateFormatChoice', { label: t(`numbering.dateFormats.${f}`), example: datePart(f, today) })
        : t('numbering.dateFormats.none'),
    })),
    resets: RESET_PERIODS.map((r) => ({ value: r, label: t(`numbering.resets.${r}`) })),
  };
}
