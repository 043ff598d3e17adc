import type { ReportFactsDto, SummaryBody, SummaryLang, WorkSummaryDto } from '../../../../../contracts/reports.js';

/**
 * The work summary's downloads: Word (.docx) and PDF with headings, figure tables and
 * the charts as pictures, and the figures as an Excel sheet. Each prints one stored
 * version in one language; figure tokens are written out by contracts/figures.ts, so the
 * files read exactly as the summary does in the browser.
 */
export interface SummaryExportInput {
  summary: WorkSummaryDto;
  versionNo: number;
  body: SummaryBody;
  facts: ReportFactsDto;
  lang: SummaryLang;
  /** the organisation's zone for the times printed; Asia/Shanghai when absent */
  timeZone?: string;
  /** the moment printed as the export time; now when absent */
  exportedAt?: Date;
  /** PUBLIC_URL: the data sheet's links become clickable when given (the facts hold web paths) */
  publicUrl?: string;
}

export { summaryDocx } from './docx.js';
export { summaryPdf } from './pdf.js';
export { summaryFactsXlsx } from './xlsx.js';
