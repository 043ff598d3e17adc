import type {
  ChecklistItem,
  ChecklistPurpose,
  ChecklistTemplateDto,
  ChecklistTemplateInput,
  ChecklistTemplateVersionDto,
} from '../../../../contracts/checklists.js';
import { CHECKLIST_PURPOSES } from '../../../../contracts/checklists.js';
import type { Page } from '../../../../contracts/types.js';
import { assertCan } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { checklistItemProblems } from '../../platform/checklists/evaluate.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { duplicate, notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import {
  findTemplateByCode,
  findTemplateRow,
  findTemplateVersion,
  insertTemplate,
  insertTemplateVersion,
  listTemplates,
  listTemplateVersions,
  type TemplateFilter,
  type TemplateListRow,
  type TemplateRow,
} from './checklists.repository.js';

/** what a template is for, as the export and messages name it */
export const PURPOSE_LABELS: Record<ChecklistPurpose, string> = {
  maintenance: '设备保养',
  fire: '消防检查',
  patrol: '巡检',
  inspection: '检查',
  acceptance: '验收',
  other: '其他',
};

export function toTemplateDto(r: TemplateListRow): ChecklistTemplateDto {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    purpose: r.purpose,
    description: r.description,
    currentVersion: r.current_version,
    items: JSON.parse(r.items) as ChecklistItem[],
    active: r.active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
const num = (v: number | null | undefined) => (v === undefined || v === null ? null : v);
const list = (v: string[] | null | undefined) => (v ?? []).map((o) => o.trim()).filter((o) => o !== '');

/**
 * An item as stored: trimmed, and with only the fields its kind uses, in one order, so
 * "did the items change?" is a comparison of the stored text and a version is never
 * made for a field the item does not use.
 */
export function normalizeItem(item: ChecklistItem): ChecklistItem {
  const base: ChecklistItem = {
    key: item.key.trim(),
    label: item.label.trim(),
    kind: item.kind,
    required: item.required === true,
    hint: text(item.hint),
  };
  switch (item.kind) {
    case 'number':
      return {
        ...base,
        unit: text(item.unit),
        min: num(item.min),
        max: num(item.max),
        target: num(item.target),
        tolerance: num(item.tolerance),
      };
    case 'choice':
      return { ...base, options: list(item.options), failOptions: list(item.failOptions) };
    case 'pass_fail':
      return { ...base, photoOnFail: item.photoOnFail === true };
    default:
      return base;
  }
}

/** Every problem with a template's fields and items, as Chinese messages per field. */
function templateProblems(input: ChecklistTemplateInput, items: ChecklistItem[]): FieldCheck {
  const check = new FieldCheck();
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(input.code.trim())) check.add('code', '编码只能用字母、数字、下划线和短横线（1–40 位）');
  if (!input.name.trim()) check.add('name', '请填写模板名称');
  if (!CHECKLIST_PURPOSES.includes(input.purpose)) check.add('purpose', '请选择模板用途');
  for (const p of checklistItemProblems(items)) check.add(p.field, p.message);
  return check;
}

async function assertCodeFree(db: Db | Tx, orgId: string, code: string, selfId: string | null): Promise<void> {
  const other = await findTemplateByCode(db, orgId, code);
  if (other && other.id !== selfId) throw duplicate('code', `检查表模板编码 ${code} 已被使用`);
}

export async function getTemplate(ctx: Ctx, id: string): Promise<ChecklistTemplateDto> {
  const row = await findTemplateRow(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('检查表模板');
  return toTemplateDto(row);
}

export async function searchTemplates(ctx: Ctx, filter: TemplateFilter): Promise<Page<ChecklistTemplateDto>> {
  const page = await listTemplates(ctx.db, ctx.actor.orgId, filter);
  return { items: page.items.map(toTemplateDto), nextCursor: page.nextCursor };
}

function templateRow(orgId: string, id: string, input: ChecklistTemplateInput, at: string): TemplateRow {
  return {
    id,
    org_id: orgId,
    code: input.code.trim(),
    name: input.name.trim(),
    purpose: input.purpose,
    description: text(input.description),
    current_version: 1,
    active: 1,
    created_at: at,
    updated_at: at,
    version: 1,
  };
}

async function insertFirstVersion(tx: Tx, row: TemplateRow, items: ChecklistItem[], by: string | null): Promise<void> {
  await insertTemplate(tx, row);
  await insertTemplateVersion(tx, {
    template_id: row.id,
    template_version: 1,
    org_id: row.org_id,
    items: JSON.stringify(items),
    created_at: row.created_at,
    created_by: by,
  });
}

export async function createTemplate(ctx: Ctx, input: ChecklistTemplateInput): Promise<ChecklistTemplateDto> {
  assertCan(ctx, 'checklists:manage', null);
  const items = input.items.map(normalizeItem);
  templateProblems(input, items).throwIfAny();
  await assertCodeFree(ctx.db, ctx.actor.orgId, input.code.trim(), null);
  const row = templateRow(ctx.actor.orgId, newId(), input, ctx.clock.now().toISOString());
  await ctx.db.transaction().execute(async (tx) => {
    await insertFirstVersion(tx, row, items, ctx.actor.userId);
    await writeAudit(ctx, tx, { entity: 'checklist_template', entityId: row.id, action: 'create', after: { ...row, items } });
  });
  return getTemplate(ctx, row.id);
}

/**
 * Saves a template. New or changed items make a new version (the results filled so far
 * keep theirs); a new name or description alone does not.
 */
export async function updateTemplate(
  ctx: Ctx,
  id: string,
  input: ChecklistTemplateInput & { version: number },
): Promise<ChecklistTemplateDto> {
  assertCan(ctx, 'checklists:manage', null);
  const before = await findTemplateRow(ctx.db, ctx.actor.orgId, id);
  if (!before) throw notFound('检查表模板');
  const items = input.items.map(normalizeItem);
  templateProblems(input, items).throwIfAny();
  await assertCodeFree(ctx.db, ctx.actor.orgId, input.code.trim(), id);
  const itemsText = JSON.stringify(items);
  const newVersion = itemsText !== before.items;
  const at = ctx.clock.now().toISOString();
  const patch = {
    code: input.code.trim(),
    name: input.name.trim(),
    purpose: input.purpose,
    description: text(input.description),
    current_version: newVersion ? before.current_version + 1 : before.current_version,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'checklist_templates', id, input.version, patch, at);
    if (newVersion) {
      await insertTemplateVersion(tx, {
        template_id: id,
        template_version: patch.current_version,
        org_id: before.org_id,
        items: itemsText,
        created_at: at,
        created_by: ctx.actor.userId,
      });
    }
    const { items: beforeItems, ...beforeRow } = before;
    await writeAudit(ctx, tx, {
      entity: 'checklist_template',
      entityId: id,
      action: 'update',
      before: { ...beforeRow, items: JSON.parse(beforeItems) as unknown },
      after: { ...beforeRow, ...patch, items },
    });
  });
  return getTemplate(ctx, id);
}

export async function setTemplateActive(ctx: Ctx, id: string, version: number, active: boolean): Promise<ChecklistTemplateDto> {
  assertCan(ctx, 'checklists:manage', null);
  const before = await findTemplateRow(ctx.db, ctx.actor.orgId, id);
  if (!before) throw notFound('检查表模板');
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'checklist_templates', id, version, { active: active ? 1 : 0 }, ctx.clock.now().toISOString());
    await writeAudit(ctx, tx, {
      entity: 'checklist_template',
      entityId: id,
      action: active ? 'activate' : 'deactivate',
      before: { active: before.active },
      after: { active: active ? 1 : 0 },
    });
  });
  return getTemplate(ctx, id);
}

function toVersionDto(r: Awaited<ReturnType<typeof listTemplateVersions>>[number]): ChecklistTemplateVersionDto {
  return {
    templateVersion: r.template_version,
    items: JSON.parse(r.items) as ChecklistItem[],
    createdAt: r.created_at,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
  };
}

export async function templateVersions(ctx: Ctx, id: string): Promise<ChecklistTemplateVersionDto[]> {
  await getTemplate(ctx, id);
  return (await listTemplateVersions(ctx.db, ctx.actor.orgId, id)).map(toVersionDto);
}

export async function templateVersion(ctx: Ctx, id: string, templateVersion: number): Promise<ChecklistTemplateVersionDto> {
  const row = await findTemplateVersion(ctx.db, ctx.actor.orgId, id, templateVersion);
  if (!row) throw notFound('检查表模板版本');
  return toVersionDto(row);
}

/**
 * A template for the start-up seeds (fire-system checks…): version 1, no audit row. A
 * template with the code is left as it is — an organisation may have edited it — and
 * its id returned. A seed with invalid items is a programming error and throws.
 */
export async function seedTemplate(tx: Tx, orgId: string, input: ChecklistTemplateInput, now: Date): Promise<string> {
  const existing = await findTemplateByCode(tx, orgId, input.code.trim());
  if (existing) return existing.id;
  const items = input.items.map(normalizeItem);
  const problems = templateProblems(input, items);
  problems.throwIfAny();
  const row = templateRow(orgId, newId(), input, now.toISOString());
  await insertFirstVersion(tx, row, items, null);
  return row.id;
}

/** A template of the organisation, for modules that point at one (a maintenance plan's checklist). */
export async function findTemplate(
  db: Db | Tx,
  orgId: string,
  id: string,
): Promise<{ id: string; name: string; active: boolean; currentVersion: number } | undefined> {
  const row = await db
    .selectFrom('checklist_templates')
    .select(['id', 'name', 'active', 'current_version'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, active: row.active === 1, currentVersion: row.current_version };
}
