/** Shapes of the counters API, declared once in contracts/counters.ts; the pages use the short names. */

export type {
  ChargeRuleDto as ChargeRule,
  CounterDto as Counter,
  CounterMemberDto as CounterMember,
  NoticeDto as Notice,
  StatementDto as Statement,
  StatementItemDto as StatementItem,
  StatementLineDto as StatementLine,
} from '../../../../contracts/counters';
export * from '../../../../contracts/counters';

/** the slice of a work order the counter pages list */
export interface CounterWorkOrder {
  id: string;
  number: string;
  status: string;
  kind: string;
  description: string;
  createdAt: string;
  completedAt: string | null;
  assigneeName: string | null;
}

export interface DictionaryItem {
  id: string;
  code: string;
  labelZh: string;
  labelEn: string;
}
