import { active, type Db, notNull, recordTable, tsType } from './_helpers.js';

export async function up(db: Db): Promise<void> {
  const ts = tsType(db);
  await recordTable(db, 'organizations', (t) => t.addColumn('name', 'text', notNull).addColumn('settings', 'text', notNull), {
    org: false,
  }).execute();

  await recordTable(db, 'sites', (t) =>
    t
      .addColumn('code', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addColumn('kind', 'text', notNull)
      .addColumn('timezone', 'text', notNull)
      .addColumn('address', 'text')
      .addColumn('opening_hours', 'text')
      .addColumn('active', 'integer', active)
      .addUniqueConstraint('sites_org_code_uq', ['org_id', 'code']),
  ).execute();

  await recordTable(db, 'locations', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('parent_id', 'text', (c) => c.references('locations.id'))
      .addColumn('path', 'text', notNull)
      .addColumn('depth', 'integer', notNull)
      .addColumn('code', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addColumn('kind', 'text', notNull)
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', active)
      .addUniqueConstraint('locations_site_code_uq', ['site_id', 'code']),
  ).execute();
  await db.schema.createIndex('locations_site_path_idx').on('locations').columns(['site_id', 'path']).execute();
  await db.schema.createIndex('locations_parent_idx').on('locations').columns(['parent_id']).execute();

  await recordTable(db, 'departments', (t) =>
    t
      .addColumn('code', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addColumn('parent_id', 'text', (c) => c.references('departments.id'))
      .addColumn('active', 'integer', active)
      .addUniqueConstraint('departments_org_code_uq', ['org_id', 'code']),
  ).execute();

  await recordTable(db, 'users', (t) =>
    t
      .addColumn('username', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addColumn('phone', 'text')
      .addColumn('employee_no', 'text')
      .addColumn('department_id', 'text', (c) => c.references('departments.id'))
      .addColumn('email', 'text')
      .addColumn('password_hash', 'text', notNull)
      .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
      .addColumn('active', 'integer', active)
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', ts)
      .addUniqueConstraint('users_username_uq', ['username'])
      .addUniqueConstraint('users_phone_uq', ['phone'])
      .addUniqueConstraint('users_org_employee_no_uq', ['org_id', 'employee_no']),
  ).execute();
  await db.schema.createIndex('users_org_name_idx').on('users').columns(['org_id', 'name']).execute();

  await recordTable(db, 'teams', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.references('sites.id'))
      .addColumn('code', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addColumn('leader_id', 'text', (c) => c.references('users.id'))
      .addColumn('active', 'integer', active)
      .addUniqueConstraint('teams_org_code_uq', ['org_id', 'code']),
  ).execute();
  await db.schema
    .createTable('team_members')
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
    .execute();
  await db.schema.createIndex('team_members_user_idx').on('team_members').columns(['user_id']).execute();

  await recordTable(db, 'roles', (t) =>
    t
      .addColumn('code', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addColumn('name_en', 'text', notNull)
      .addColumn('permissions', 'text', notNull)
      .addColumn('builtin', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', active)
      .addUniqueConstraint('roles_org_code_uq', ['org_id', 'code']),
  ).execute();

  await db.schema
    .createTable('memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id'))
    .addColumn('site_id', 'text', (c) => c.references('sites.id'))
    .addColumn('created_at', ts, notNull)
    .execute();
  await db.schema.createIndex('memberships_user_idx').on('memberships').columns(['user_id']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', notNull)
    .addColumn('created_at', ts, notNull)
    .addColumn('expires_at', ts, notNull)
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').columns(['user_id']).execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', notNull)
    .addColumn('prefix', 'text', notNull)
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('permissions', 'text', notNull)
    .addColumn('expires_at', ts)
    .addColumn('last_used_at', ts)
    .addColumn('revoked_at', ts)
    .addColumn('created_at', ts, notNull)
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', notNull)
    .addColumn('site_id', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('at', ts, notNull)
    .addColumn('entity', 'text', notNull)
    .addColumn('entity_id', 'text', notNull)
    .addColumn('action', 'text', notNull)
    .addColumn('diff', 'text', notNull)
    .addColumn('request_id', 'text')
    .execute();
  await db.schema.createIndex('audit_entity_idx').on('audit_log').columns(['entity', 'entity_id', 'id']).execute();
  await db.schema.createIndex('audit_org_id_idx').on('audit_log').columns(['org_id', 'id']).execute();
  await db.schema.createIndex('audit_actor_idx').on('audit_log').columns(['actor_id', 'id']).execute();

  await recordTable(db, 'numbering_rules', (t) =>
    t
      .addColumn('code', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addColumn('prefix', 'text', notNull)
      .addColumn('date_format', 'text', notNull)
      .addColumn('seq_width', 'integer', notNull)
      .addColumn('reset', 'text', notNull)
      .addColumn('per_site', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('numbering_rules_org_code_uq', ['org_id', 'code']),
  ).execute();
  await db.schema
    .createTable('numbering_counters')
    .addColumn('rule_id', 'text', (c) => c.notNull().references('numbering_rules.id'))
    .addColumn('scope_key', 'text', notNull)
    .addColumn('value', 'integer', notNull)
    .addPrimaryKeyConstraint('numbering_counters_pk', ['rule_id', 'scope_key'])
    .execute();

  await recordTable(db, 'dictionaries', (t) =>
    t
      .addColumn('type', 'text', notNull)
      .addColumn('code', 'text', notNull)
      .addColumn('label_zh', 'text', notNull)
      .addColumn('label_en', 'text', notNull)
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', active)
      .addUniqueConstraint('dictionaries_org_type_code_uq', ['org_id', 'type', 'code']),
  ).execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('site_id', 'text')
    .addColumn('owner_type', 'text', notNull)
    .addColumn('owner_id', 'text', notNull)
    .addColumn('filename', 'text', notNull)
    .addColumn('mime', 'text', notNull)
    .addColumn('size', 'integer', notNull)
    .addColumn('sha256', 'text', notNull)
    .addColumn('storage_key', 'text', notNull)
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, notNull)
    .addColumn('deleted_at', ts)
    .execute();
  await db.schema.createIndex('attachments_owner_idx').on('attachments').columns(['owner_type', 'owner_id']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', notNull)
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', notNull)
    .addColumn('title', 'text', notNull)
    .addColumn('body', 'text', notNull)
    .addColumn('link', 'text')
    .addColumn('read_at', ts)
    .addColumn('created_at', ts, notNull)
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'id']).execute();

  await recordTable(db, 'notification_channels', (t) =>
    t
      .addColumn('kind', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addColumn('config', 'text', notNull)
      .addColumn('active', 'integer', active),
  ).execute();
  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', notNull)
    .addColumn('channel_id', 'text', notNull)
    .addColumn('title', 'text', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('error', 'text')
    .addColumn('created_at', ts, notNull)
    .execute();

  await db.schema
    .createTable('app_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', notNull)
    .execute();
}
