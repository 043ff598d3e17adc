/**
 * Shapes the counters module answers with. They are declared once in
 * contracts/counters.ts, which the web renders from; this module names them for the
 * services, prints and tests that build or read them.
 */
export type {
  ChargeRuleDto,
  CounterDto,
  CounterMemberDto,
  NoticeDto,
  StatementDto,
  StatementItemDto,
  StatementLineDto,
} from '../../../../contracts/counters.js';
