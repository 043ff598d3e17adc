/** Shapes of the service-desk API, declared once in contracts/servicedesk.ts; the pages use the short names. */

export type {
  ComplaintDetailDto as ComplaintDetail,
  ComplaintDto as Complaint,
  ComplaintEventDto as ComplaintEvent,
  HotlineCallDto as HotlineCall,
  ReturnVisitDto as ReturnVisit,
} from '../../../../contracts/servicedesk';
export * from '../../../../contracts/servicedesk';

export interface DictionaryItem {
  id: string;
  code: string;
  labelZh: string;
  labelEn: string;
}
