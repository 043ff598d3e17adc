import type { Generated } from 'kysely';
import type { Bool, Timestamp } from '../../platform/db/schema.js';

/** Equipment tables (migration 0007_equipment). */
export interface AssetCategoriesTable {
  id: string;
  org_id: string;
  parent_id: string | null;
  /** materialised path of ancestor ids including self: `/a/b/` */
  path: string;
  depth: number;
  code: string;
  name: string;
  name_en: string;
  sort: number;
  active: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** One attribute definition of a category; subcategories inherit their ancestors' attributes. */
export interface AssetAttributesTable {
  id: string;
  org_id: string;
  category_id: string;
  /** stable key inside assets.attributes JSON */
  key: string;
  label: string;
  label_en: string;
  type: 'text' | 'number' | 'date' | 'choice';
  unit: string | null;
  /** JSON string[] of choices (type choice), else [] */
  options: string;
  required: Bool;
  sort: number;
  active: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** Service and scrap ages per kind of portable fire equipment (DOMAIN.md §4 defaults). */
export interface FireEquipmentRulesTable {
  id: string;
  org_id: string;
  code: string;
  name: string;
  name_en: string;
  check_interval_days: number;
  first_service_years: number | null;
  service_interval_years: number | null;
  scrap_years: number | null;
  active: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export const ASSET_STATUSES = ['in_use', 'standby', 'under_repair', 'disabled', 'scrapped'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];
export const ASSET_CRITICALITIES = ['high', 'medium', 'low'] as const;
export type AssetCriticality = (typeof ASSET_CRITICALITIES)[number];

export interface AssetsTable {
  id: string;
  org_id: string;
  site_id: string;
  location_id: string | null;
  category_id: string;
  /** system → component */
  parent_id: string | null;
  /** from the numbering rule ZC; unique per organisation */
  code: string;
  name: string;
  brand: string | null;
  model: string | null;
  serial_no: string | null;
  supplier: string | null;
  /** YYYY-MM-DD */
  purchase_date: string | null;
  /** fen */
  purchase_cost: number | null;
  /** YYYY-MM-DD */
  warranty_end: string | null;
  custodian_id: string | null;
  department_id: string | null;
  status: AssetStatus;
  criticality: AssetCriticality;
  /** JSON { [attribute key]: string | number } validated against the category's definitions */
  attributes: string;
  /** flagged by a closed stocktake or a fire check that did not find it; never deleted */
  lost: Bool;
  /** portable fire equipment: its rule (kind) and production date */
  fire_rule_id: string | null;
  production_date: string | null;
  notes: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export type CustodyTransferStatus = 'pending' | 'confirmed' | 'rejected' | 'cancelled';

export interface CustodyTransfersTable {
  id: string;
  org_id: string;
  site_id: string;
  from_user_id: string | null;
  to_user_id: string;
  to_department_id: string | null;
  status: CustodyTransferStatus;
  reason: string | null;
  requested_by: string;
  decided_at: Timestamp | null;
  decision_note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface CustodyTransferItemsTable {
  transfer_id: string;
  asset_id: string;
}

export type StocktakeStatus = 'open' | 'closed' | 'cancelled';

export interface StocktakesTable {
  id: string;
  org_id: string;
  site_id: string;
  /** subtree root; null = the whole site */
  location_id: string | null;
  /** from the numbering rule PD */
  number: string;
  title: string;
  status: StocktakeStatus;
  started_by: string;
  closed_by: string | null;
  closed_at: Timestamp | null;
  /** JSON summary written at closing: counts of found / missing / unexpected / misplaced */
  result: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface StocktakeItemsTable {
  id: string;
  stocktake_id: string;
  asset_id: string;
  /** 1: in the snapshot taken at start; 0: found during the count but not expected here */
  expected: Bool;
  expected_location_id: string | null;
  found_location_id: string | null;
  /** null = not (yet) found */
  found_at: Timestamp | null;
  found_by: string | null;
  note: string | null;
}

export interface FireChecksTable {
  id: string;
  org_id: string;
  site_id: string;
  asset_id: string;
  checked_at: Timestamp;
  checked_by: string;
  present: Bool;
  gauge_ok: Bool | null;
  seal_ok: Bool | null;
  usable: Bool;
  note: string | null;
  created_at: Timestamp;
}

export interface FireServicesTable {
  id: string;
  org_id: string;
  site_id: string;
  asset_id: string;
  /** YYYY-MM-DD */
  serviced_on: string;
  /** service (维修/再充装) | inspection (检测) | replace */
  kind: string;
  vendor: string | null;
  note: string | null;
  created_by: string;
  created_at: Timestamp;
}

/** Stable QR codes of locations and assets: `/q/<code>`. */
export interface QrCodesTable {
  code: string;
  org_id: string;
  site_id: string;
  target_type: 'location' | 'asset';
  target_id: string;
  created_at: Timestamp;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    asset_categories: AssetCategoriesTable;
    asset_attributes: AssetAttributesTable;
    fire_equipment_rules: FireEquipmentRulesTable;
    assets: AssetsTable;
    custody_transfers: CustodyTransfersTable;
    custody_transfer_items: CustodyTransferItemsTable;
    stocktakes: StocktakesTable;
    stocktake_items: StocktakeItemsTable;
    fire_checks: FireChecksTable;
    fire_services: FireServicesTable;
    qr_codes: QrCodesTable;
  }
}
