import { type Db, notNull, recordTable, tsType } from './_helpers.js';

/**
 * Findings (发现问题), the hazard register (隐患台账), its settings and the special
 * inspection campaigns (专项检查). Calendar dates (a campaign's dates, a hazard's
 * deadline and the day it was rectified) are `YYYY-MM-DD` text in the site's zone, so
 * "on time" is a plain string comparison on both engines. Every filter the lists offer
 * has an index that starts with the site (or the campaign) and ends with the id.
 */
export async function up(db: Db): Promise<void> {
  const ts = tsType(db);

  await recordTable(db, 'inspection_campaigns', (t) =>
    t
      .addColumn('name', 'text', notNull)
      .addColumn('description', 'text')
      // JSON string[] of hazard_category codes; [] = every category
      .addColumn('categories', 'text', notNull)
      .addColumn('start_date', 'text', notNull)
      .addColumn('end_date', 'text', notNull)
      .addColumn('created_by', 'text', (c) => c.references('users.id')),
  ).execute();
  await db.schema
    .createIndex('inspection_campaigns_dates_idx')
    .on('inspection_campaigns')
    .columns(['org_id', 'start_date', 'id'])
    .execute();

  await db.schema
    .createTable('inspection_campaign_sites')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('inspection_campaigns.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addPrimaryKeyConstraint('inspection_campaign_sites_pk', ['campaign_id', 'site_id'])
    .execute();
  await db.schema
    .createIndex('inspection_campaign_sites_site_idx')
    .on('inspection_campaign_sites')
    .columns(['site_id', 'campaign_id'])
    .execute();

  await db.schema
    .createTable('inspection_campaign_teams')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('inspection_campaigns.id'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addPrimaryKeyConstraint('inspection_campaign_teams_pk', ['campaign_id', 'team_id'])
    .execute();

  await recordTable(db, 'findings', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('number', 'text', notNull)
      .addColumn('location_id', 'text', (c) => c.references('locations.id'))
      .addColumn('asset_id', 'text', (c) => c.references('assets.id'))
      .addColumn('source', 'text', notNull)
      // what recorded it (a patrol round's point, a checklist result, a deviation): no foreign key,
      // those tables belong to later migrations and other modules
      .addColumn('source_type', 'text')
      .addColumn('source_id', 'text')
      .addColumn('source_label', 'text')
      .addColumn('round_id', 'text')
      .addColumn('campaign_id', 'text', (c) => c.references('inspection_campaigns.id'))
      .addColumn('category', 'text')
      .addColumn('description', 'text', notNull)
      .addColumn('found_at', ts, notNull)
      .addColumn('found_by', 'text', (c) => c.references('users.id'))
      .addColumn('resolution', 'text', notNull)
      .addColumn('fix_note', 'text')
      .addColumn('work_order_id', 'text', (c) => c.references('work_orders.id'))
      // hazards reference findings; this side stays a plain id to avoid the cycle
      .addColumn('hazard_id', 'text')
      .addColumn('resolved_at', ts)
      .addColumn('resolved_by', 'text', (c) => c.references('users.id')),
  ).execute();
  const findingIndexes: [string, string[]][] = [
    ['findings_site_resolution_idx', ['site_id', 'resolution', 'id']],
    ['findings_site_found_idx', ['site_id', 'found_at', 'id']],
    ['findings_site_source_idx', ['site_id', 'source', 'id']],
    ['findings_campaign_idx', ['campaign_id', 'site_id', 'id']],
    ['findings_round_idx', ['round_id', 'id']],
    ['findings_source_record_idx', ['source_type', 'source_id']],
    ['findings_found_by_idx', ['found_by', 'id']],
  ];
  for (const [name, columns] of findingIndexes) await db.schema.createIndex(name).on('findings').columns(columns).execute();

  await recordTable(db, 'hazards', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('number', 'text', notNull)
      .addColumn('location_id', 'text', (c) => c.references('locations.id'))
      .addColumn('asset_id', 'text', (c) => c.references('assets.id'))
      .addColumn('source', 'text', notNull)
      .addColumn('finding_id', 'text', (c) => c.references('findings.id'))
      .addColumn('campaign_id', 'text', (c) => c.references('inspection_campaigns.id'))
      .addColumn('category', 'text', notNull)
      .addColumn('grade', 'text', notNull)
      .addColumn('sub_grade', 'text')
      .addColumn('title', 'text', notNull)
      .addColumn('description', 'text', notNull)
      .addColumn('found_at', ts, notNull)
      .addColumn('found_by', 'text', (c) => c.references('users.id'))
      // a department or a vendor counter: either table, so no foreign key
      .addColumn('addressee_type', 'text')
      .addColumn('addressee_id', 'text')
      // 五落实
      .addColumn('responsible_id', 'text', (c) => c.references('users.id'))
      .addColumn('measures', 'text')
      .addColumn('funds_fen', 'integer')
      .addColumn('deadline', 'text')
      .addColumn('contingency_plan', 'text')
      .addColumn('temporary_measures', 'text')
      .addColumn('acceptance_standard', 'text')
      .addColumn('verifier_id', 'text', (c) => c.references('users.id'))
      .addColumn('assigned_at', ts)
      .addColumn('assigned_by', 'text', (c) => c.references('users.id'))
      .addColumn('rectification_note', 'text')
      .addColumn('rectified_at', ts)
      // the site's calendar day of rectified_at: compared with the deadline for "on time"
      .addColumn('rectified_on', 'text')
      .addColumn('rectified_by', 'text', (c) => c.references('users.id'))
      .addColumn('acceptance_note', 'text')
      .addColumn('accepted_at', ts)
      .addColumn('accepted_by', 'text', (c) => c.references('users.id'))
      .addColumn('rejected_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('reject_note', 'text')
      .addColumn('rejected_at', ts)
      .addColumn('signed_off_at', ts)
      .addColumn('signed_off_by', 'text', (c) => c.references('users.id'))
      .addColumn('sign_off_note', 'text')
      .addColumn('closed_at', ts)
      .addColumn('cancel_reason', 'text')
      .addColumn('cancelled_at', ts)
      .addColumn('status', 'text', notNull)
      // the reminder job's claims: each notice goes out once, whichever process gets there first
      .addColumn('remind_notified_at', ts)
      .addColumn('overdue_notified_at', ts)
      .addColumn('acceptance_notified_at', ts)
      .addColumn('created_by', 'text', (c) => c.references('users.id')),
  ).execute();
  const hazardIndexes: [string, string[]][] = [
    ['hazards_site_status_idx', ['site_id', 'status', 'id']],
    ['hazards_site_deadline_idx', ['site_id', 'deadline', 'id']],
    ['hazards_site_category_idx', ['site_id', 'category', 'id']],
    ['hazards_site_grade_idx', ['site_id', 'grade', 'id']],
    ['hazards_site_source_idx', ['site_id', 'source', 'id']],
    ['hazards_site_found_idx', ['site_id', 'found_at', 'id']],
    ['hazards_site_closed_idx', ['site_id', 'closed_at']],
    ['hazards_campaign_idx', ['campaign_id', 'site_id', 'id']],
    ['hazards_finding_idx', ['finding_id']],
    ['hazards_responsible_idx', ['responsible_id', 'status']],
    ['hazards_verifier_idx', ['verifier_id', 'status']],
    // the reminder job: open hazards by deadline
    ['hazards_status_deadline_idx', ['status', 'deadline']],
  ];
  for (const [name, columns] of hazardIndexes) await db.schema.createIndex(name).on('hazards').columns(columns).execute();

  await db.schema
    .createTable('hazard_settings')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('acceptance_days', 'integer', notNull)
    .addColumn('remind_days_before', 'integer', notNull)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}
