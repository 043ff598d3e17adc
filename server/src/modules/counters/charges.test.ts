import { describe, expect, it } from 'vitest';
import { type ChargeRule, computeCharge, DEFAULT_CHARGE_RULES, type MaterialLine } from './charges.js';

const line = (over: Partial<MaterialLine>): MaterialLine => ({
  id: over.id ?? 'm1',
  name: '水龙头',
  spec: null,
  quantity: 1,
  unit: '个',
  unitPrice: 4500,
  suppliedBy: 'department',
  ...over,
});

describe('computeCharge with the default rules', () => {
  it('charges nothing when the counter supplies the materials', () => {
    const c = computeCharge(DEFAULT_CHARGE_RULES, [line({ suppliedBy: 'counter', quantity: 2 })], 90);
    expect(c).toMatchObject({ materialsAmount: 0, labourCharged: false, labourAmount: 0, total: 0, labourMinutes: 90 });
    expect(c.lines[0]).toMatchObject({ amount: 9000, charged: false });
  });

  it('charges materials but not labour when the department supplies them', () => {
    const c = computeCharge(
      DEFAULT_CHARGE_RULES,
      [line({ quantity: 2, unitPrice: 1250 }), line({ id: 'm2', quantity: 0.5, unitPrice: 333 })],
      120,
    );
    expect(c.lines.map((l) => [l.amount, l.charged])).toEqual([
      [2500, true],
      [167, true],
    ]);
    expect(c).toMatchObject({ materialsAmount: 2667, labourCharged: false, labourAmount: 0, total: 2667 });
  });

  it('charges only the department lines of a mixed order', () => {
    const c = computeCharge(
      DEFAULT_CHARGE_RULES,
      [line({ suppliedBy: 'counter', unitPrice: 10000 }), line({ id: 'm2', unitPrice: 800 })],
      30,
    );
    expect(c.total).toBe(800);
  });

  it('never charges lines supplied by the requester or an outside vendor', () => {
    const c = computeCharge(DEFAULT_CHARGE_RULES, [line({ suppliedBy: 'requester' }), line({ id: 'm2', suppliedBy: 'vendor' })], 0);
    expect(c.lines.every((l) => !l.charged)).toBe(true);
    expect(c.total).toBe(0);
  });
});

describe('computeCharge with edited rules', () => {
  const rules: ChargeRule[] = [
    { supplier: 'counter', chargeMaterials: false, chargeLabour: true, labourRate: 6000 },
    { supplier: 'department', chargeMaterials: true, chargeLabour: true, labourRate: 8000 },
  ];

  it('charges labour at the rule rate for the effective minutes, rounded to the fen', () => {
    const c = computeCharge(rules, [line({ suppliedBy: 'counter' })], 95);
    expect(c).toMatchObject({ labourCharged: true, labourRate: 6000, labourAmount: 9500, materialsAmount: 0, total: 9500 });
    expect(computeCharge(rules, [line({ suppliedBy: 'counter' })], 1).labourAmount).toBe(100);
  });

  it('uses the department rate when both suppliers are involved and charge labour', () => {
    const c = computeCharge(rules, [line({ suppliedBy: 'counter' }), line({ id: 'm2' })], 60);
    expect(c).toMatchObject({ labourRate: 8000, labourAmount: 8000, materialsAmount: 4500, total: 12500 });
  });

  it('treats a repair without materials as the department supplying everything', () => {
    expect(computeCharge(rules, [], 30)).toMatchObject({ labourCharged: true, labourAmount: 4000, total: 4000 });
    expect(computeCharge(DEFAULT_CHARGE_RULES, [], 30)).toMatchObject({ labourCharged: false, total: 0 });
  });

  it('charges nothing for a supplier without a rule and clamps negative minutes', () => {
    const c = computeCharge([], [line({})], -5);
    expect(c).toMatchObject({ materialsAmount: 0, labourMinutes: 0, labourAmount: 0, total: 0 });
  });
});
