/** JSON shapes of the identity endpoints (server/src/modules/identity/*.service.ts). */
export interface Membership {
  id: string;
  userId: string;
  roleId: string;
  roleCode: string;
  roleName: string;
  roleActive: boolean;
  /** null = 全部场所 */
  siteId: string | null;
  siteCode: string | null;
  siteName: string | null;
  allSites: boolean;
  createdAt: string;
}

export interface User {
  id: string;
  username: string;
  name: string;
  phone: string | null;
  employeeNo: string | null;
  departmentId: string | null;
  departmentName: string | null;
  email: string | null;
  locale: string;
  active: boolean;
  mustChangePassword: boolean;
  /** set only while the account is locked */
  lockedUntil: string | null;
  failedLogins: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  memberships?: Membership[];
}

export interface Role {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  permissions: string[];
  builtin: boolean;
  active: boolean;
  memberCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PermissionEntry {
  name: string;
  zh: string;
  en: string;
}

export type TokenStatus = 'active' | 'expired' | 'revoked';

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  permissions: string[];
  userId: string;
  userName: string;
  username: string;
  status: TokenStatus;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

/** POST /api-tokens answers the plain token once, next to the stored record. */
export interface CreatedToken extends ApiToken {
  token: string;
}

export interface Department {
  id: string;
  code: string;
  name: string;
}
