import type { Page } from '../../../../contracts/types.js';
import type { Db } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import type { NumberingRuleRow } from '../../platform/numbering/numbering.js';

export interface NumberingRuleFilter extends PageQuery {
  q?: string;
}

const SORT: SortSpec = { columns: { code: 'code', name: 'name', id: 'id' }, default: 'code', id: 'id' };

export function findRule(db: Db, orgId: string, id: string): Promise<NumberingRuleRow | undefined> {
  return db.selectFrom('numbering_rules').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function listRules(db: Db, orgId: string, f: NumberingRuleFilter): Promise<Page<NumberingRuleRow>> {
  let q = db.selectFrom('numbering_rules').selectAll().where('org_id', '=', orgId);
  if (f.q) {
    q = q.where(matchesAny(db, ['code', 'name', 'prefix'], f.q));
  }
  return keysetPage<NumberingRuleRow>(q, SORT, f, (row, key) => (key === 'name' ? row.name : key === 'code' ? row.code : row.id));
}

/** The rule (other than `exceptId`) already printing this prefix, if any. */
export function findRuleByPrefix(db: Db, orgId: string, prefix: string, exceptId?: string): Promise<{ code: string } | undefined> {
  let q = db.selectFrom('numbering_rules').select('code').where('org_id', '=', orgId).where('prefix', '=', prefix);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}
