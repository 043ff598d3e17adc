import { type Db, notNull, recordTable, tsType } from './_helpers.js';

/**
 * Action items (整改措施) of incidents and drills: server/src/platform/actions. The owner
 * is a plain type + id (no foreign key: the owners' tables belong to later migrations and
 * other modules). The due date and the day of the last submission are `YYYY-MM-DD` text
 * in the site's zone, so "on time" is a string comparison on both engines. Every filter of
 * the list has an index that starts with its column and ends with the sort (due date, id).
 */
export async function up(db: Db): Promise<void> {
  const ts = tsType(db);
  await recordTable(db, 'action_items', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('owner_type', 'text', notNull)
      .addColumn('owner_id', 'text', notNull)
      .addColumn('number', 'text', notNull)
      .addColumn('kind', 'text', notNull)
      .addColumn('title', 'text', notNull)
      .addColumn('description', 'text')
      .addColumn('assignee_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('due_date', 'text', notNull)
      .addColumn('verifier_id', 'text', (c) => c.references('users.id'))
      .addColumn('status', 'text', notNull)
      .addColumn('evidence_note', 'text')
      .addColumn('submitted_at', ts)
      // the site's calendar day of submitted_at: compared with the due date for "on time"
      .addColumn('submitted_on', 'text')
      .addColumn('submitted_by', 'text', (c) => c.references('users.id'))
      .addColumn('verified_at', ts)
      .addColumn('verified_by', 'text', (c) => c.references('users.id'))
      .addColumn('verify_note', 'text')
      .addColumn('reject_reason', 'text')
      .addColumn('rejected_at', ts)
      .addColumn('reject_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('cancel_reason', 'text')
      .addColumn('cancelled_at', ts)
      // the reminder job's claims: each notice goes out once, whichever process gets there first
      .addColumn('remind_notified_at', ts)
      .addColumn('overdue_notified_at', ts)
      .addColumn('created_by', 'text', (c) => c.references('users.id')),
  ).execute();
  const indexes: [string, string[]][] = [
    ['action_items_owner_idx', ['owner_type', 'owner_id', 'due_date', 'id']],
    ['action_items_site_status_due_idx', ['site_id', 'status', 'due_date', 'id']],
    ['action_items_site_due_idx', ['site_id', 'due_date', 'id']],
    ['action_items_site_created_idx', ['site_id', 'created_at', 'id']],
    ['action_items_site_kind_idx', ['site_id', 'kind', 'due_date', 'id']],
    ['action_items_assignee_idx', ['assignee_id', 'status', 'due_date', 'id']],
    ['action_items_verifier_idx', ['verifier_id', 'status', 'due_date', 'id']],
    ['action_items_number_idx', ['org_id', 'number']],
    // the reminder job: open items by due date
    ['action_items_status_due_idx', ['status', 'due_date']],
  ];
  for (const [name, columns] of indexes) await db.schema.createIndex(name).on('action_items').columns(columns).execute();
}
