/**
 * Permission names are `module:action`. Every route declares one; roles bundle them.
 * The web menu and the server checks both read this list, so it is the single source.
 */
export const PERMISSIONS = {
  'org:read': { zh: '查看组织架构', en: 'View organisation' },
  'org:manage': { zh: '管理组织、场所、位置、部门、班组', en: 'Manage organisation, sites, locations, departments, teams' },
  'users:read': { zh: '查看用户', en: 'View users' },
  'users:manage': { zh: '管理用户与授权', en: 'Manage users and memberships' },
  'roles:manage': { zh: '管理角色', en: 'Manage roles' },
  'audit:read': { zh: '查看审计日志', en: 'View audit log' },
  'dictionaries:manage': { zh: '管理数据字典', en: 'Manage dictionaries' },
  'numbering:manage': { zh: '管理编号规则', en: 'Manage numbering rules' },
  'notify:manage': { zh: '管理通知渠道', en: 'Manage notification channels' },
  'tokens:manage': { zh: '管理 API 令牌', en: 'Manage API tokens' },
  'files:upload': { zh: '上传附件', en: 'Upload attachments' },
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}
