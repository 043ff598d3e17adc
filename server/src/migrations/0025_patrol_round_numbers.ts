import type { Db } from './_helpers.js';

/**
 * Patrol round numbers (XJ) are unique per organisation (patrol_rounds_number_uq), but the
 * default XJ rule counted per site, so the first round of a day at a second store took
 * the same number as the first store's and its insert failed on every run of the
 * occurrence job. Rounds are numbered for the organisation from now on.
 *
 * Also drops the default SG (意外事件) rule nothing ever used — incident reports take the
 * SJ rule of the incidents module — unless an organisation has already numbered with it.
 */
export async function up(db: Db): Promise<void> {
  await db.updateTable('numbering_rules').set({ per_site: 0 }).where('code', '=', 'XJ').execute();
  await db
    .deleteFrom('numbering_rules')
    .where('code', '=', 'SG')
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('numbering_counters as c').select('c.rule_id').whereRef('c.rule_id', '=', 'numbering_rules.id'))),
    )
    .execute();
}
