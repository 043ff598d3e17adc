/** The work-order settings and work panels' shapes, declared once in contracts/workorders.ts; the pages use the short names. */
export type {
  DispatchRuleDto as DispatchRule,
  LabourListDto as LabourList,
  MaterialListDto as MaterialList,
  WorkStandardDto as WorkStandard,
} from '../../../../../contracts/workorders';
