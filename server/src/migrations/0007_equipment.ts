import { sql } from 'kysely';
import { active, type Db, isPg, notNull, recordTable, tsType } from './_helpers.js';

/**
 * Equipment archive (设备档案): category tree with per-category attribute definitions,
 * assets, custody transfers, stocktakes, portable fire-equipment rules, checks and
 * services, and the stable QR codes of locations and assets.
 */
export async function up(db: Db): Promise<void> {
  const ts = tsType(db);
  const money = isPg(db) ? 'bigint' : 'integer';

  await recordTable(db, 'asset_categories', (t) =>
    t
      .addColumn('parent_id', 'text', (c) => c.references('asset_categories.id'))
      .addColumn('path', 'text', notNull)
      .addColumn('depth', 'integer', notNull)
      .addColumn('code', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addColumn('name_en', 'text', notNull)
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', active)
      .addUniqueConstraint('asset_categories_org_code_uq', ['org_id', 'code']),
  ).execute();
  if (isPg(db)) await sql`alter table asset_categories alter column path type text collate "C"`.execute(db);

  await recordTable(db, 'asset_attributes', (t) =>
    t
      .addColumn('category_id', 'text', (c) => c.notNull().references('asset_categories.id'))
      .addColumn('key', 'text', notNull)
      .addColumn('label', 'text', notNull)
      .addColumn('label_en', 'text', notNull)
      .addColumn('type', 'text', notNull)
      .addColumn('unit', 'text')
      .addColumn('options', 'text', notNull)
      .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', active)
      .addUniqueConstraint('asset_attributes_category_key_uq', ['category_id', 'key']),
  ).execute();

  await recordTable(db, 'fire_equipment_rules', (t) =>
    t
      .addColumn('code', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addColumn('name_en', 'text', notNull)
      .addColumn('check_interval_days', 'integer', notNull)
      .addColumn('first_service_years', 'integer')
      .addColumn('service_interval_years', 'integer')
      .addColumn('scrap_years', 'integer')
      .addColumn('active', 'integer', active)
      .addUniqueConstraint('fire_equipment_rules_org_code_uq', ['org_id', 'code']),
  ).execute();

  await recordTable(db, 'assets', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('location_id', 'text', (c) => c.references('locations.id'))
      .addColumn('category_id', 'text', (c) => c.notNull().references('asset_categories.id'))
      .addColumn('parent_id', 'text', (c) => c.references('assets.id'))
      .addColumn('code', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addColumn('brand', 'text')
      .addColumn('model', 'text')
      .addColumn('serial_no', 'text')
      .addColumn('supplier', 'text')
      .addColumn('purchase_date', 'text')
      .addColumn('purchase_cost', money)
      .addColumn('warranty_end', 'text')
      .addColumn('custodian_id', 'text', (c) => c.references('users.id'))
      .addColumn('department_id', 'text', (c) => c.references('departments.id'))
      .addColumn('status', 'text', notNull)
      .addColumn('criticality', 'text', notNull)
      .addColumn('attributes', 'text', notNull)
      .addColumn('lost', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('fire_rule_id', 'text', (c) => c.references('fire_equipment_rules.id'))
      .addColumn('production_date', 'text')
      .addColumn('notes', 'text')
      .addUniqueConstraint('assets_org_code_uq', ['org_id', 'code']),
  ).execute();
  await db.schema.createIndex('assets_site_location_idx').on('assets').columns(['site_id', 'location_id', 'id']).execute();
  await db.schema.createIndex('assets_site_id_idx').on('assets').columns(['site_id', 'id']).execute();
  await db.schema.createIndex('assets_org_id_idx').on('assets').columns(['org_id', 'id']).execute();
  await db.schema.createIndex('assets_category_idx').on('assets').columns(['category_id', 'id']).execute();
  await db.schema.createIndex('assets_custodian_idx').on('assets').columns(['custodian_id', 'id']).execute();
  await db.schema.createIndex('assets_status_idx').on('assets').columns(['site_id', 'status', 'id']).execute();
  await db.schema.createIndex('assets_warranty_idx').on('assets').columns(['site_id', 'warranty_end']).execute();
  await db.schema.createIndex('assets_parent_idx').on('assets').columns(['parent_id']).execute();
  await db.schema.createIndex('assets_fire_idx').on('assets').columns(['site_id', 'fire_rule_id']).execute();

  await recordTable(db, 'custody_transfers', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('from_user_id', 'text', (c) => c.references('users.id'))
      .addColumn('to_user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('to_department_id', 'text', (c) => c.references('departments.id'))
      .addColumn('status', 'text', notNull)
      .addColumn('reason', 'text')
      .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('decided_at', ts)
      .addColumn('decision_note', 'text'),
  ).execute();
  await db.schema.createIndex('custody_transfers_to_idx').on('custody_transfers').columns(['to_user_id', 'status']).execute();
  await db.schema.createIndex('custody_transfers_site_idx').on('custody_transfers').columns(['site_id', 'id']).execute();
  await db.schema
    .createTable('custody_transfer_items')
    .addColumn('transfer_id', 'text', (c) => c.notNull().references('custody_transfers.id'))
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id'))
    .addPrimaryKeyConstraint('custody_transfer_items_pk', ['transfer_id', 'asset_id'])
    .execute();
  await db.schema.createIndex('custody_transfer_items_asset_idx').on('custody_transfer_items').columns(['asset_id']).execute();

  await recordTable(db, 'stocktakes', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('location_id', 'text', (c) => c.references('locations.id'))
      .addColumn('number', 'text', notNull)
      .addColumn('title', 'text', notNull)
      .addColumn('status', 'text', notNull)
      .addColumn('started_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('closed_by', 'text', (c) => c.references('users.id'))
      .addColumn('closed_at', ts)
      .addColumn('result', 'text'),
  ).execute();
  await db.schema.createIndex('stocktakes_site_idx').on('stocktakes').columns(['site_id', 'id']).execute();
  await db.schema
    .createTable('stocktake_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('stocktake_id', 'text', (c) => c.notNull().references('stocktakes.id'))
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id'))
    .addColumn('expected', 'integer', notNull)
    .addColumn('expected_location_id', 'text', (c) => c.references('locations.id'))
    .addColumn('found_location_id', 'text', (c) => c.references('locations.id'))
    .addColumn('found_at', ts)
    .addColumn('found_by', 'text', (c) => c.references('users.id'))
    .addColumn('note', 'text')
    .addUniqueConstraint('stocktake_items_uq', ['stocktake_id', 'asset_id'])
    .execute();

  await db.schema
    .createTable('fire_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', notNull)
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id'))
    .addColumn('checked_at', ts, notNull)
    .addColumn('checked_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('present', 'integer', notNull)
    .addColumn('gauge_ok', 'integer')
    .addColumn('seal_ok', 'integer')
    .addColumn('usable', 'integer', notNull)
    .addColumn('note', 'text')
    .addColumn('created_at', ts, notNull)
    .execute();
  await db.schema.createIndex('fire_checks_asset_idx').on('fire_checks').columns(['asset_id', 'checked_at']).execute();
  await db.schema.createIndex('fire_checks_site_idx').on('fire_checks').columns(['site_id', 'checked_at']).execute();

  await db.schema
    .createTable('fire_services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', notNull)
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id'))
    .addColumn('serviced_on', 'text', notNull)
    .addColumn('kind', 'text', notNull)
    .addColumn('vendor', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', ts, notNull)
    .execute();
  await db.schema.createIndex('fire_services_asset_idx').on('fire_services').columns(['asset_id', 'serviced_on']).execute();

  await db.schema
    .createTable('qr_codes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', notNull)
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('target_type', 'text', notNull)
    .addColumn('target_id', 'text', notNull)
    .addColumn('created_at', ts, notNull)
    .addUniqueConstraint('qr_codes_target_uq', ['target_type', 'target_id'])
    .execute();
}
