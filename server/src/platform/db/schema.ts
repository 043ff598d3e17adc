import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types for the platform. Modules add their own tables by augmenting
 * `Database` in their repository file (`declare module '../../platform/db/schema.js'`).
 * Conventions (both engines): ids are UUIDv7 text; timestamps are ISO-8601 UTC strings
 * (timestamptz on PostgreSQL, text on SQLite); booleans are integers 0/1; JSON is text;
 * money is integer fen; `version` guards concurrent edits.
 */
export type Timestamp = string;
export type Bool = 0 | 1;

export interface OrganizationsTable {
  id: string;
  name: string;
  settings: string; // JSON
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface SitesTable {
  id: string;
  org_id: string;
  code: string;
  name: string;
  kind: string;
  timezone: string;
  address: string | null;
  opening_hours: string | null; // e.g. "09:00-21:30"
  active: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface LocationsTable {
  id: string;
  org_id: string;
  site_id: string;
  parent_id: string | null;
  /** materialised path of ancestor ids including self: `/a/b/c/` — subtree = prefix match */
  path: string;
  depth: number;
  code: string;
  name: string;
  kind: string;
  sort: number;
  active: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface DepartmentsTable {
  id: string;
  org_id: string;
  code: string;
  name: string;
  parent_id: string | null;
  active: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface TeamsTable {
  id: string;
  org_id: string;
  site_id: string | null;
  code: string;
  name: string;
  leader_id: string | null;
  active: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
}

export interface UsersTable {
  id: string;
  org_id: string;
  username: string;
  name: string;
  phone: string | null;
  employee_no: string | null;
  department_id: string | null;
  email: string | null;
  password_hash: string;
  locale: string;
  active: Bool;
  must_change_password: Bool;
  failed_logins: number;
  locked_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface RolesTable {
  id: string;
  org_id: string;
  code: string;
  name: string;
  name_en: string;
  permissions: string; // JSON string[]
  builtin: Bool;
  active: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface MembershipsTable {
  id: string;
  org_id: string;
  user_id: string;
  role_id: string;
  /** null: the role applies on every site, present and future */
  site_id: string | null;
  created_at: Timestamp;
}

export interface SessionsTable {
  /** sha256 of the cookie token; the token itself is never stored */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  org_id: string;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  permissions: string; // JSON string[]
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: Timestamp;
}

export interface AuditLogTable {
  id: string;
  org_id: string;
  site_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  at: Timestamp;
  entity: string;
  entity_id: string;
  action: string;
  diff: string; // JSON { field: [before, after] }
  request_id: string | null;
}

export interface NumberingRulesTable {
  id: string;
  org_id: string;
  code: string;
  name: string;
  prefix: string;
  date_format: string; // '', 'YYYY', 'YYYYMM', 'YYYYMMDD'
  seq_width: number;
  reset: string; // never | daily | monthly | yearly
  per_site: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface NumberingCountersTable {
  rule_id: string;
  scope_key: string; // site id or '' + period key
  value: number;
}

export interface DictionariesTable {
  id: string;
  org_id: string;
  type: string;
  code: string;
  label_zh: string;
  label_en: string;
  sort: number;
  active: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface AttachmentsTable {
  id: string;
  org_id: string;
  site_id: string | null;
  owner_type: string;
  owner_id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  storage_key: string;
  created_by: string | null;
  created_at: Timestamp;
  deleted_at: Timestamp | null;
}

export interface NotificationsTable {
  id: string;
  org_id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  read_at: Timestamp | null;
  created_at: Timestamp;
}

export interface NotificationChannelsTable {
  id: string;
  org_id: string;
  kind: string; // email | wecom | dingtalk
  name: string;
  config: string; // JSON
  active: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface NotificationDeliveriesTable {
  id: string;
  org_id: string;
  channel_id: string;
  title: string;
  status: string; // pending | sending | sent | failed
  error: string | null;
  created_at: Timestamp;
  /** JSON of the queued message (kind, title, body, link, userIds) — read by the dispatcher */
  message: string | null;
  attempted_at: Timestamp | null;
}

export interface AppMetaTable {
  key: string;
  value: string;
}

export interface Database {
  organizations: OrganizationsTable;
  sites: SitesTable;
  locations: LocationsTable;
  departments: DepartmentsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  users: UsersTable;
  roles: RolesTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  numbering_rules: NumberingRulesTable;
  numbering_counters: NumberingCountersTable;
  dictionaries: DictionariesTable;
  attachments: AttachmentsTable;
  notifications: NotificationsTable;
  notification_channels: NotificationChannelsTable;
  notification_deliveries: NotificationDeliveriesTable;
  app_meta: AppMetaTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;
export type { ColumnType };
