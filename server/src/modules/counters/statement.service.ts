import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { zonedDayStart, zonedParts } from '../../platform/numbering/time.js';
import { amountInChineseCapitals } from '../../platform/print/money.js';
import { computeCharge } from './charges.js';
import { loadChargeRules } from './charges.service.js';
import { counterVisibility, visibleCounter } from './counters.service.js';
import type { StatementDto, StatementItemDto } from './dto.js';
import { effectiveMinutesOf, materialsOf, paidOrdersOf } from './statement.repository.js';

/** The first day of the month after `YYYY-MM`. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** `YYYY-MM-DD` of an instant in a zone. */
function localDate(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

export function isMonth(month: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
}

/**
 * 月度对账单: the counter's repairs accepted in the month (in the site's time zone),
 * each priced by the organisation's charge rules as they stand now. Readable by the
 * counter's own staff and by whoever reads counters on its site.
 */
export async function counterStatement(ctx: Ctx, counterId: string, month: string): Promise<StatementDto> {
  if (!isMonth(month)) {
    throw new AppError('VALIDATION', '月份格式应为 YYYY-MM', {
      fields: [{ field: 'month', message: '月份格式应为 YYYY-MM，例如 2026-03' }],
    });
  }
  const vis = await counterVisibility(ctx);
  const counter = await visibleCounter(ctx, counterId, vis);
  const site = await ctx.db.selectFrom('sites').select('timezone').where('id', '=', counter.site_id).executeTakeFirstOrThrow();
  const tz = site.timezone;
  const from = zonedDayStart(`${month}-01`, tz).toISOString();
  const to = zonedDayStart(nextMonth(month), tz).toISOString();
  const orders = await paidOrdersOf(ctx.db, ctx.actor.orgId, counter.id, from, to);
  const ids = orders.map((o) => o.id);
  const [rules, materials, minutes] = await Promise.all([
    loadChargeRules(ctx.db, ctx.actor.orgId),
    materialsOf(ctx.db, ids),
    effectiveMinutesOf(ctx.db, ids),
  ]);
  const items: StatementItemDto[] = orders.map((o) => {
    const charge = computeCharge(rules, materials.get(o.id) ?? [], minutes.get(o.id) ?? 0);
    return {
      workOrderId: o.id,
      number: o.number,
      date: localDate(new Date(o.completed_at), tz),
      completedAt: o.completed_at,
      description: o.description,
      materials: charge.lines.map((l) => ({
        id: l.id,
        name: l.name,
        spec: l.spec,
        quantity: l.quantity,
        unit: l.unit,
        unitPrice: l.unitPrice,
        suppliedBy: l.suppliedBy,
        amount: l.amount,
        charged: l.charged,
      })),
      materialsAmount: charge.materialsAmount,
      labourMinutes: charge.labourMinutes,
      labourCharged: charge.labourCharged,
      labourRate: charge.labourRate,
      labourAmount: charge.labourAmount,
      total: charge.total,
    };
  });
  const sum = (pick: (i: StatementItemDto) => number) => items.reduce((s, i) => s + pick(i), 0);
  const total = sum((i) => i.total);
  return {
    counter: { id: counter.id, code: counter.code, name: counter.name, siteId: counter.site_id, siteName: counter.site_name },
    month,
    timeZone: tz,
    from,
    to,
    rules,
    items,
    materialsAmount: sum((i) => i.materialsAmount),
    labourAmount: sum((i) => i.labourAmount),
    total,
    totalInCapitals: amountInChineseCapitals(total),
    generatedAt: ctx.clock.now().toISOString(),
  };
}
