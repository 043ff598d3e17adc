import type { ChargeAmounts, ChargeableMaterial, ChargeSupplier, ChargeTerms, StatementLineDto } from '../../../../contracts/counters.js';
import type { MaterialSupplier } from '../../../../contracts/workorders.js';

/**
 * What a vendor counter pays for a repair (篇1: free if the counter supplies the
 * materials; no labour fee if the group supplies them). Pure: the rules, the order's
 * material lines and its effective labour minutes in, the charge out.
 *
 * - A material line is charged at quantity × unit price when the rule of its supplier
 *   charges materials. Lines supplied by anyone without a rule (the requester, an
 *   outside vendor) are listed but never charged to the counter.
 * - Labour is charged when the rule of a supplier involved in the repair says so — the
 *   suppliers of its material lines, or the department when no material was used
 *   (the department then provided everything). With several charging suppliers the
 *   department's rate applies, so one repair has one labour price.
 */
export type ChargeRule = ChargeTerms;

export const DEFAULT_CHARGE_RULES: readonly ChargeRule[] = [
  { supplier: 'counter', chargeMaterials: false, chargeLabour: false, labourRate: 0 },
  { supplier: 'department', chargeMaterials: true, chargeLabour: false, labourRate: 0 },
];

export type MaterialLine = ChargeableMaterial;
export type ChargedLine = StatementLineDto;

export interface OrderCharge extends ChargeAmounts {
  lines: ChargedLine[];
}

const SUPPLIER_ORDER: readonly ChargeSupplier[] = ['department', 'counter'];

function ruleOf(rules: readonly ChargeRule[], supplier: MaterialSupplier): ChargeRule | undefined {
  return rules.find((r) => r.supplier === supplier);
}

export function computeCharge(rules: readonly ChargeRule[], materials: readonly MaterialLine[], labourMinutes: number): OrderCharge {
  const lines = materials.map((m) => {
    const amount = Math.round(m.quantity * m.unitPrice);
    return { ...m, amount, charged: ruleOf(rules, m.suppliedBy)?.chargeMaterials === true };
  });
  const materialsAmount = lines.reduce((sum, l) => sum + (l.charged ? l.amount : 0), 0);
  const involved = new Set<MaterialSupplier>(materials.length ? materials.map((m) => m.suppliedBy) : ['department']);
  const labourRule = SUPPLIER_ORDER.filter((s) => involved.has(s))
    .map((s) => ruleOf(rules, s))
    .find((r) => r?.chargeLabour);
  const minutes = Math.max(0, labourMinutes);
  const labourRate = labourRule ? labourRule.labourRate : 0;
  const labourAmount = labourRule ? Math.round((minutes * labourRate) / 60) : 0;
  return {
    lines,
    materialsAmount,
    labourMinutes: minutes,
    labourCharged: Boolean(labourRule),
    labourRate,
    labourAmount,
    total: materialsAmount + labourAmount,
  };
}
