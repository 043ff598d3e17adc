import { useTranslation } from 'react-i18next';
import { CHECKLIST_ITEM_KINDS, CHECKLIST_PURPOSES, type ChecklistPurpose } from '../../../../contracts/checklists';

export const PURPOSE_COLORS: Record<ChecklistPurpose, string> = {
  maintenance: 'blue',
  fire: 'red',
  patrol: 'cyan',
  inspection: 'geekblue',
  acceptance: 'green',
  other: 'default',
};

export function usePurposeOptions() {
  const { t } = useTranslation('checklists');
  return CHECKLIST_PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) }));
}

export function useKindOptions() {
  const { t } = useTranslation('checklists');
  return CHECKLIST_ITEM_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }));
}
