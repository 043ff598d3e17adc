import type { ChecklistPurpose } from '../../../../contracts/checklists.js';
import type { Page } from '../../../../contracts/types.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import './schema.js';

export type TemplateRow = Row<'checklist_templates'>;
export type TemplateVersionRow = Row<'checklist_template_versions'>;
export type ResultRow = Row<'checklist_results'>;
/** a template with the items of its current version */
export type TemplateListRow = TemplateRow & { items: string };

export interface TemplateFilter extends PageQuery {
  q?: string;
  purpose?: ChecklistPurpose;
  active?: boolean;
}

const SORT: SortSpec = {
  columns: { code: 't.code', name: 't.name', createdAt: 't.created_at', updatedAt: 't.updated_at', id: 't.id' },
  default: 'code',
  id: 't.id',
};

const SORT_VALUE: Record<string, (r: TemplateListRow) => unknown> = {
  code: (r) => r.code,
  name: (r) => r.name,
  createdAt: (r) => r.created_at,
  updatedAt: (r) => r.updated_at,
  id: (r) => r.id,
};

function templateQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('checklist_templates as t')
    .innerJoin('checklist_template_versions as v', (j) =>
      j.onRef('v.template_id', '=', 't.id').onRef('v.template_version', '=', 't.current_version'),
    )
    .selectAll('t')
    .select('v.items')
    .where('t.org_id', '=', orgId);
}

export function findTemplateRow(db: Db | Tx, orgId: string, id: string): Promise<TemplateListRow | undefined> {
  return templateQuery(db, orgId).where('t.id', '=', id).executeTakeFirst();
}

export function findTemplateByCode(db: Db | Tx, orgId: string, code: string) {
  return db.selectFrom('checklist_templates').select('id').where('org_id', '=', orgId).where('code', '=', code).executeTakeFirst();
}

export function listTemplates(db: Db, orgId: string, f: TemplateFilter): Promise<Page<TemplateListRow>> {
  let q = templateQuery(db, orgId);
  if (f.purpose) q = q.where('t.purpose', '=', f.purpose);
  if (f.active !== undefined) q = q.where('t.active', '=', f.active ? 1 : 0);
  if (f.q) q = q.where(matchesAny(db, ['t.code', 't.name'], f.q));
  return keysetPage<TemplateListRow>(q, SORT, f, (row, key) => SORT_VALUE[key]?.(row) ?? row.id);
}

export function insertTemplate(tx: Tx, row: TemplateRow): Promise<unknown> {
  return tx.insertInto('checklist_templates').values(row).execute();
}

export function insertTemplateVersion(tx: Tx, row: TemplateVersionRow): Promise<unknown> {
  return tx.insertInto('checklist_template_versions').values(row).execute();
}

export function listTemplateVersions(db: Db | Tx, orgId: string, templateId: string) {
  return versionQuery(db, orgId, templateId).orderBy('v.template_version', 'desc').execute();
}

export function findTemplateVersion(db: Db | Tx, orgId: string, templateId: string, templateVersion: number) {
  return versionQuery(db, orgId, templateId).where('v.template_version', '=', templateVersion).executeTakeFirst();
}

function versionQuery(db: Db | Tx, orgId: string, templateId: string) {
  return db
    .selectFrom('checklist_template_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .selectAll('v')
    .select('u.name as created_by_name')
    .where('v.org_id', '=', orgId)
    .where('v.template_id', '=', templateId);
}

export function findResultOf(db: Db | Tx, subjectType: string, subjectId: string): Promise<ResultRow | undefined> {
  return db
    .selectFrom('checklist_results')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
}

export function findResultById(db: Db | Tx, orgId: string, id: string): Promise<ResultRow | undefined> {
  return db.selectFrom('checklist_results').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** What a result is shown with: its template's code and name, and the filler's name. */
export async function resultNames(db: Db | Tx, row: ResultRow) {
  const template = await db
    .selectFrom('checklist_templates')
    .select(['code', 'name'])
    .where('id', '=', row.template_id)
    .executeTakeFirstOrThrow();
  const filler = row.filled_by ? await db.selectFrom('users').select('name').where('id', '=', row.filled_by).executeTakeFirst() : undefined;
  return { templateCode: template.code, templateName: template.name, filledByName: filler?.name ?? null };
}

/**
 * The attachment ids among `ids` a result may show as photos: live files of the
 * organisation attached to the result itself or to its subject (a work order's photos),
 * or uploaded by `userId` (a file taken on the phone before it was linked anywhere).
 */
export async function usablePhotoIds(
  db: Db | Tx,
  orgId: string,
  ids: string[],
  owners: { resultId: string; subjectId: string; userId: string | null },
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('attachments')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('owner_id', '=', owners.resultId),
        eb('owner_id', '=', owners.subjectId),
        ...(owners.userId ? [eb('created_by', '=', owners.userId)] : []),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}
