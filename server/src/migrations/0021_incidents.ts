import { type Db, notNull, recordTable, tsType } from './_helpers.js';

/**
 * Incident reports (意外事件处理报告单), incident settings, the security log (接警记录)
 * and commendations. Every filter the lists offer has an index that starts with the
 * site and ends with the list's order (occurred_at / received_at, id); the
 * organisation-wide variants serve readers of every site.
 */
export async function up(db: Db): Promise<void> {
  const ts = tsType(db);

  await recordTable(db, 'incidents', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('number', 'text', notNull)
      .addColumn('title', 'text', notNull)
      // incident_type dictionary code
      .addColumn('type', 'text', notNull)
      .addColumn('occurred_at', ts, notNull)
      .addColumn('location_id', 'text', (c) => c.references('locations.id'))
      .addColumn('place', 'text')
      .addColumn('responsible_id', 'text', (c) => c.references('users.id'))
      .addColumn('responsible_name', 'text')
      .addColumn('summary', 'text', notNull)
      .addColumn('course', 'text')
      .addColumn('handling', 'text')
      .addColumn('losses', 'text')
      .addColumn('loss_fen', 'integer')
      .addColumn('cause_analysis', 'text')
      .addColumn('resolved_at', ts)
      // computed from the settings when the report is written: fixed in time = resolved_at <= deadline_at
      .addColumn('deadline_at', ts)
      .addColumn('work_order_id', 'text', (c) => c.references('work_orders.id'))
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('submitted_at', ts)
      .addColumn('reviewer_id', 'text', (c) => c.references('users.id'))
      .addColumn('reviewed_at', ts)
      .addColumn('review_note', 'text')
      .addColumn('returned_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', notNull),
  ).execute();
  const incidentIndexes: [string, string[]][] = [
    ['incidents_site_occurred_idx', ['site_id', 'occurred_at', 'id']],
    ['incidents_site_status_idx', ['site_id', 'status', 'occurred_at', 'id']],
    ['incidents_site_type_idx', ['site_id', 'type', 'occurred_at', 'id']],
    ['incidents_org_occurred_idx', ['org_id', 'occurred_at', 'id']],
    ['incidents_org_status_idx', ['org_id', 'status', 'occurred_at', 'id']],
    ['incidents_org_type_idx', ['org_id', 'type', 'occurred_at', 'id']],
    ['incidents_author_idx', ['author_id', 'status', 'id']],
    ['incidents_work_order_idx', ['work_order_id']],
  ];
  for (const [name, columns] of incidentIndexes) await db.schema.createIndex(name).on('incidents').columns(columns).execute();

  await db.schema
    .createTable('incident_settings')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    // JSON string[] of incident_type codes whose handling has a deadline
    .addColumn('deadline_types', 'text', notNull)
    .addColumn('deadline_mode', 'text', notNull)
    .addColumn('deadline_hours', 'integer', notNull)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await recordTable(db, 'security_alerts', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('number', 'text', notNull)
      .addColumn('received_at', ts, notNull)
      // security_alert_source and security_alert_type dictionary codes
      .addColumn('source', 'text', notNull)
      .addColumn('type', 'text', notNull)
      .addColumn('location_id', 'text', (c) => c.references('locations.id'))
      .addColumn('place', 'text')
      .addColumn('description', 'text', notNull)
      .addColumn('handling', 'text')
      .addColumn('outcome', 'text', notNull)
      .addColumn('apprehended_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('closed_at', ts)
      .addColumn('incident_id', 'text', (c) => c.references('incidents.id'))
      .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id')),
  ).execute();
  const alertIndexes: [string, string[]][] = [
    ['security_alerts_site_received_idx', ['site_id', 'received_at', 'id']],
    ['security_alerts_site_type_idx', ['site_id', 'type', 'received_at', 'id']],
    ['security_alerts_site_source_idx', ['site_id', 'source', 'received_at', 'id']],
    ['security_alerts_site_outcome_idx', ['site_id', 'outcome', 'received_at', 'id']],
    ['security_alerts_org_received_idx', ['org_id', 'received_at', 'id']],
    ['security_alerts_incident_idx', ['incident_id']],
  ];
  for (const [name, columns] of alertIndexes) await db.schema.createIndex(name).on('security_alerts').columns(columns).execute();

  await db.schema
    .createTable('security_alert_officers')
    .addColumn('alert_id', 'text', (c) => c.notNull().references('security_alerts.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('security_alert_officers_pk', ['alert_id', 'user_id'])
    .execute();
  // an officer's alerts (the officer filter and the officers' record)
  await db.schema.createIndex('security_alert_officers_user_idx').on('security_alert_officers').columns(['user_id', 'alert_id']).execute();

  await recordTable(db, 'security_commendations', (t) =>
    t
      .addColumn('alert_id', 'text', (c) => c.notNull().references('security_alerts.id'))
      .addColumn('officer_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('note', 'text', notNull)
      .addColumn('commended_at', ts, notNull)
      .addColumn('commended_by', 'text', (c) => c.notNull().references('users.id')),
  ).execute();
  await db.schema.createIndex('security_commendations_alert_idx').on('security_commendations').columns(['alert_id', 'id']).execute();
  await db.schema
    .createIndex('security_commendations_officer_idx')
    .on('security_commendations')
    .columns(['officer_id', 'alert_id'])
    .execute();
}
