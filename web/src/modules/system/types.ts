/** A dictionary entry as GET /dictionaries answers it. */
export interface Dictionary {
  id: string;
  type: string;
  code: string;
  labelZh: string;
  labelEn: string;
  sort: number;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** GET /dictionaries/types: the known types plus any an organisation added, with counts. */
export interface DictionaryType {
  type: string;
  nameZh: string;
  nameEn: string;
  builtin: boolean;
  total: number;
  active: number;
}

export const DATE_FORMATS = ['', 'YYYY', 'YYYYMM', 'YYYYMMDD'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
export const RESET_PERIODS = ['never', 'daily', 'monthly', 'yearly'] as const;
export type ResetPeriod = (typeof RESET_PERIODS)[number];
export const SEQ_WIDTH_MIN = 1;
export const SEQ_WIDTH_MAX = 10;

/** A numbering rule as GET /numbering-rules answers it; `sample` is today's first number. */
export interface NumberingRule {
  id: string;
  code: string;
  name: string;
  prefix: string;
  dateFormat: DateFormat;
  seqWidth: number;
  reset: ResetPeriod;
  perSite: boolean;
  sample: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}
