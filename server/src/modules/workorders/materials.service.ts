import type { MaterialDto, MaterialListDto, MaterialSupplier } from '../../../../contracts/workorders.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import type { Row } from '../../platform/db/schema.js';
import { notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { readableOrder, writableOrder } from './labour.access.js';
import type { WorkOrderRow } from './repository.js';

/**
 * Materials used on a work order (name, spec, quantity, unit price, supplied by whom),
 * as lines the stock module will later link to items.
 *
 * work_orders.material_cost is what the department spent: the sum of the line amounts
 * (quantity × unit price, each rounded to the fen) of lines supplied by the department
 * (后勤). Materials brought by a vendor counter, the requester or an outside contractor
 * cost the department nothing and are listed but not counted. It is recomputed from the
 * lines in the same transaction as every change, and when it changes the order's version
 * goes up like any other change to the order (a client holding the old version gets 409).
 */
type MaterialRow = Row<'work_order_materials'>;

export interface MaterialInput {
  name: string;
  spec?: string | null;
  quantity: number;
  unit: string;
  unitPrice: number;
  suppliedBy: MaterialSupplier;
}

export type MaterialList = MaterialListDto;

export const MAX_QUANTITY = 1_000_000;
export const MAX_UNIT_PRICE = 100_000_000_00; // ¥100 million in fen

/** The amount of one line in fen. */
export const lineAmount = (quantity: number, unitPrice: number) => Math.round(quantity * unitPrice);

function toDto(r: MaterialRow): MaterialDto & { amount: number } {
  const quantity = Number(r.quantity);
  const unitPrice = Number(r.unit_price);
  return {
    id: r.id,
    workOrderId: r.work_order_id,
    name: r.name,
    spec: r.spec,
    quantity,
    unit: r.unit,
    unitPrice,
    suppliedBy: r.supplied_by,
    itemId: r.item_id,
    version: Number(r.version),
    amount: lineAmount(quantity, unitPrice),
  };
}

function liveLines(db: Db | Tx, workOrderId: string) {
  return db
    .selectFrom('work_order_materials')
    .selectAll()
    .where('work_order_id', '=', workOrderId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function materialsOf(db: Db | Tx, workOrderId: string): Promise<MaterialList> {
  const items = (await liveLines(db, workOrderId)).map(toDto);
  return {
    items,
    totalAmount: items.reduce((s, i) => s + i.amount, 0),
    materialCost: items.filter((i) => i.suppliedBy === 'department').reduce((s, i) => s + i.amount, 0),
  };
}

export async function listMaterials(ctx: Ctx, workOrderId: string): Promise<MaterialList> {
  return materialsOf(ctx.db, (await readableOrder(ctx, workOrderId)).id);
}

function checkLine(v: MaterialInput): void {
  const check = new FieldCheck();
  if (!v.name.trim()) check.add('name', '请填写材料名称');
  // at least 0.001: below it the three-decimals test rounds to 0 and lets 5e-324 through (PostgreSQL's real underflows)
  if (!(v.quantity >= 0.001) || v.quantity > MAX_QUANTITY || Math.abs(Math.round(v.quantity * 1000) - v.quantity * 1000) > 1e-6) {
    check.add('quantity', `数量须大于 0、不超过 ${MAX_QUANTITY}，最多三位小数`);
  }
  if (!v.unit.trim()) check.add('unit', '请填写单位');
  if (!Number.isInteger(v.unitPrice) || v.unitPrice < 0 || v.unitPrice > MAX_UNIT_PRICE)
    check.add('unitPrice', '单价须为不小于 0 的金额（分）');
  check.throwIfAny();
}

/** Recomputes material_cost from the lines; bumps the order's version only when it changed. */
async function syncMaterialCost(tx: Tx, wo: WorkOrderRow, now: string): Promise<void> {
  const { materialCost } = await materialsOf(tx, wo.id);
  await tx
    .updateTable('work_orders')
    .set((eb) => ({ material_cost: materialCost, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', wo.id)
    .where('material_cost', '<>', materialCost)
    .execute();
}

async function findLine(ctx: Ctx, workOrderId: string, lineId: string): Promise<MaterialRow> {
  const row = await ctx.db
    .selectFrom('work_order_materials')
    .selectAll()
    .where('org_id', '=', ctx.actor.orgId)
    .where('work_order_id', '=', workOrderId)
    .where('id', '=', lineId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound('材料记录');
  return row;
}

export async function addMaterial(ctx: Ctx, workOrderId: string, input: MaterialInput): Promise<MaterialDto> {
  const { row: wo } = await writableOrder(ctx, workOrderId, 'materials');
  checkLine(input);
  const now = ctx.clock.now().toISOString();
  const line: MaterialRow = {
    id: newId(),
    org_id: wo.org_id,
    work_order_id: wo.id,
    name: input.name.trim(),
    spec: input.spec?.trim() || null,
    quantity: input.quantity,
    unit: input.unit.trim(),
    unit_price: input.unitPrice,
    supplied_by: input.suppliedBy,
    item_id: null,
    deleted_at: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('work_order_materials').values(line).execute();
    await writeAudit(ctx, tx, { entity: 'work_order_material', entityId: line.id, siteId: wo.site_id, action: 'create', after: line });
    await syncMaterialCost(tx, wo, now);
  });
  return toDto(line);
}

export async function updateMaterial(
  ctx: Ctx,
  workOrderId: string,
  lineId: string,
  version: number,
  input: Partial<MaterialInput>,
): Promise<MaterialDto> {
  const { row: wo } = await writableOrder(ctx, workOrderId, 'materials');
  const before = await findLine(ctx, wo.id, lineId);
  const v: MaterialInput = {
    name: input.name ?? before.name,
    spec: input.spec === undefined ? before.spec : input.spec,
    quantity: input.quantity ?? Number(before.quantity),
    unit: input.unit ?? before.unit,
    unitPrice: input.unitPrice ?? Number(before.unit_price),
    suppliedBy: input.suppliedBy ?? before.supplied_by,
  };
  checkLine(v);
  const patch = {
    name: v.name.trim(),
    spec: v.spec?.trim() || null,
    quantity: v.quantity,
    unit: v.unit.trim(),
    unit_price: v.unitPrice,
    supplied_by: v.suppliedBy,
  };
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'work_order_materials', lineId, version, patch, now);
    await writeAudit(ctx, tx, {
      entity: 'work_order_material',
      entityId: lineId,
      siteId: wo.site_id,
      action: 'update',
      before,
      after: { ...before, ...patch },
    });
    await syncMaterialCost(tx, wo, now);
  });
  return toDto({ ...before, ...patch, updated_at: now, version: version + 1 });
}

export async function deleteMaterial(ctx: Ctx, workOrderId: string, lineId: string, version: number): Promise<{ ok: true }> {
  const { row: wo } = await writableOrder(ctx, workOrderId, 'materials');
  const before = await findLine(ctx, wo.id, lineId);
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'work_order_materials', lineId, version, { deleted_at: now }, now);
    await writeAudit(ctx, tx, { entity: 'work_order_material', entityId: lineId, siteId: wo.site_id, action: 'delete', before });
    await syncMaterialCost(tx, wo, now);
  });
  return { ok: true };
}
