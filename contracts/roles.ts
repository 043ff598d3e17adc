import { ALL_PERMISSIONS, type Permission } from './permissions.js';

/** Seeded roles for the people in DOMAIN.md §1. Organisations may edit or add roles. */
export interface BuiltinRole {
  code: string;
  name: string;
  nameEn: string;
  permissions: Permission[];
}

const READ_ORG: Permission[] = ['org:read', 'users:read', 'files:upload'];

export const BUILTIN_ROLES: BuiltinRole[] = [
  { code: 'admin', name: '系统管理员', nameEn: 'System administrator', permissions: [...ALL_PERMISSIONS] },
  {
    code: 'head',
    name: '后勤部长/主管',
    nameEn: 'Head / supervisor',
    permissions: [
      ...READ_ORG,
      'audit:read',
      'org:manage',
      'dictionaries:manage',
      'assets:read',
      'assets:manage',
      'assets:stocktake',
      'fire:check',
      'fire:manage',
      'labels:print',
      'workorders:report',
      'workorders:read',
      'workorders:dispatch',
      'workorders:work',
      'workorders:manage',
      'complaints:manage',
      'counters:read',
      'counters:manage',
      'projects:read',
      'projects:manage',
      'maintenance:read',
      'maintenance:manage',
      'maintenance:record',
      'checklists:manage',
    ],
  },
  {
    code: 'dispatcher',
    name: '客服调度',
    nameEn: 'Clerk / dispatcher',
    permissions: [
      ...READ_ORG,
      'assets:read',
      'workorders:report',
      'workorders:read',
      'workorders:dispatch',
      'complaints:manage',
      'counters:read',
      'projects:read',
      'maintenance:read',
    ],
  },
  {
    code: 'technician',
    name: '维修技术员',
    nameEn: 'Technician',
    permissions: [
      ...READ_ORG,
      'assets:read',
      'fire:check',
      'workorders:report',
      'workorders:read',
      'workorders:work',
      'maintenance:read',
      'maintenance:record',
    ],
  },
  {
    code: 'property',
    name: '物业管理员',
    nameEn: 'Property administrator',
    permissions: [
      ...READ_ORG,
      'assets:read',
      'assets:manage',
      'assets:stocktake',
      'fire:check',
      'labels:print',
      'workorders:report',
      'workorders:read',
      'workorders:dispatch',
      'complaints:manage',
      'counters:read',
      'counters:manage',
      'projects:read',
      'maintenance:read',
      'maintenance:manage',
      'maintenance:record',
      'checklists:manage',
    ],
  },
  { code: 'security', name: '保安', nameEn: 'Security', permissions: [...READ_ORG, 'assets:read', 'fire:check', 'workorders:report'] },
  { code: 'cleaning', name: '保洁', nameEn: 'Cleaning', permissions: [...READ_ORG, 'workorders:report'] },
  { code: 'purchaser', name: '采购员', nameEn: 'Purchaser', permissions: [...READ_ORG, 'workorders:report'] },
  {
    code: 'storekeeper',
    name: '仓管员',
    nameEn: 'Storekeeper',
    permissions: [...READ_ORG, 'assets:read', 'assets:stocktake', 'workorders:report'],
  },
  {
    code: 'finance',
    name: '财务',
    nameEn: 'Finance',
    permissions: [...READ_ORG, 'assets:read', 'workorders:report', 'counters:read', 'projects:read'],
  },
  { code: 'chef', name: '厨师长', nameEn: 'Head chef', permissions: [...READ_ORG, 'workorders:report'] },
  {
    code: 'vendor',
    name: '专柜/供应商',
    nameEn: 'Vendor counter / supplier',
    permissions: ['org:read', 'files:upload', 'workorders:report'],
  },
  {
    code: 'leader',
    name: '领导(全部只读)',
    nameEn: 'Group leader (read-only)',
    permissions: [
      'org:read',
      'users:read',
      'audit:read',
      'assets:read',
      'workorders:read',
      'counters:read',
      'projects:read',
      'maintenance:read',
    ],
  },
  { code: 'requester', name: '报修人', nameEn: 'Requester', permissions: ['org:read', 'files:upload', 'workorders:report'] },
];
