import type { Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { type NumberingRuleSpec, resetProblem } from '../../platform/numbering/numbering.js';

export interface NumberingRuleSeed extends NumberingRuleSpec {
  code: string;
  name: string;
}

/**
 * Adds a module's numbering rule when the organisation has none with that code — run
 * at organisation creation and on every start, so it never touches a rule an
 * administrator has since edited. A rule whose prefix another rule already prints is
 * left out rather than failing start-up (the prefix index forbids two such rules);
 * answers whether the rule now exists.
 */
export async function ensureNumberingRule(tx: Tx, orgId: string, spec: NumberingRuleSeed, now: string): Promise<boolean> {
  const problem = resetProblem(spec.dateFormat, spec.reset);
  if (problem) throw new Error(`numbering rule ${spec.code}: ${problem}`);
  await tx
    .insertInto('numbering_rules')
    .values({
      id: newId(),
      org_id: orgId,
      code: spec.code,
      name: spec.name,
      prefix: spec.prefix,
      date_format: spec.dateFormat,
      seq_width: spec.seqWidth,
      reset: spec.reset,
      per_site: spec.perSite ? 1 : 0,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const row = await tx
    .selectFrom('numbering_rules')
    .select('id')
    .where('org_id', '=', orgId)
    .where('code', '=', spec.code)
    .executeTakeFirst();
  return row !== undefined;
}
