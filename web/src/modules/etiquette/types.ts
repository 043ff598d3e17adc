/** The etiquette-check API as the pages use it, declared once in contracts/training.ts and contracts/checklists.ts. */

export type {
  ChecklistAnswer,
  ChecklistItem,
  ChecklistPurpose,
  ChecklistResultDto,
  ChecklistResultInput,
  ChecklistTemplateDto,
} from '../../../../contracts/checklists';
export type {
  EtiquetteCheckDetailDto as EtiquetteCheckDetail,
  EtiquetteCheckDto as EtiquetteCheck,
  EtiquetteCheckInput,
} from '../../../../contracts/training';

/** the resources of GET/POST …, relative to /api/v1 */
export const CHECKS = '/training/etiquette-checks';
export const TEMPLATES = '/checklist-templates';

/** the checklist subject (and audit entity) of an etiquette check */
export const SUBJECT = 'etiquette_check';

/** web paths of the pages */
export const PATHS = {
  list: '/etiquette',
  create: '/etiquette/new',
  /** W-D's page: one person's training, spot checks and etiquette checks */
  person: (userId: string) => `/training/people/${userId}`,
} as const;
