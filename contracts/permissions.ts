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
  'assets:read': { zh: '查看设备档案', en: 'View equipment archive' },
  'assets:manage': { zh: '管理设备档案、分类与属性', en: 'Manage equipment, categories and attributes' },
  'assets:stocktake': { zh: '资产盘点', en: 'Run stocktakes' },
  'fire:check': { zh: '消防器材月检与维保登记', en: 'Check and service fire equipment' },
  'fire:manage': { zh: '管理消防器材规则', en: 'Manage fire-equipment rules' },
  'labels:print': { zh: '打印二维码标签', en: 'Print QR labels' },
  'workorders:report': { zh: '报修并跟踪自己的报修', en: 'Report faults and follow own requests' },
  'workorders:read': { zh: '查看全部维修工单', en: 'View all work orders' },
  'workorders:dispatch': { zh: '受理、派单、转派、取消、回访', en: 'Take, dispatch, transfer, cancel, follow up work orders' },
  'workorders:work': { zh: '接单、维修、登记工时与材料', en: 'Claim and do work orders, log hours and materials' },
  'workorders:manage': { zh: '管理时限、派单规则、标准工时与工单设置', en: 'Manage deadlines, dispatch rules, standard hours, settings' },
  'complaints:manage': { zh: '投诉与热线登记处理', en: 'Handle complaints and the hotline log' },
  'counters:read': { zh: '查看专柜与整改通知', en: 'View vendor counters and notices' },
  'counters:manage': { zh: '管理专柜、整改通知与收费', en: 'Manage vendor counters, notices and charges' },
  'projects:read': { zh: '查看改造施工项目', en: 'View renovation projects' },
  'projects:manage': { zh: '管理改造施工项目', en: 'Manage renovation projects' },
  'maintenance:read': { zh: '查看保养计划、保养日历与保养指标', en: 'View maintenance plans, calendar and measures' },
  'maintenance:manage': { zh: '管理保养计划与保养设置', en: 'Manage maintenance plans and settings' },
  'maintenance:record': { zh: '登记设备运行读数（计量）', en: 'Record equipment meter readings' },
  'checklists:manage': { zh: '管理检查表模板', en: 'Manage checklist templates' },
  'patrols:read': { zh: '查看巡检计划、巡检记录与履职情况', en: 'View patrol plans, rounds and duty compliance' },
  'patrols:manage': { zh: '管理巡检计划与专项检查', en: 'Manage patrol plans and inspection campaigns' },
  'patrols:do': { zh: '执行巡检（扫码签到、填写检查项）', en: 'Do patrol rounds (QR check-in, checklists)' },
  'hazards:read': { zh: '查看发现问题与隐患台账', en: 'View findings and the hazard register' },
  'hazards:report': { zh: '登记发现问题与隐患、提交整改', en: 'Report findings and hazards, submit rectifications' },
  'hazards:manage': { zh: '落实隐患整改（五落实）、取消隐患、隐患设置', en: 'Assign hazard rectification, cancel hazards, settings' },
  'hazards:verify': { zh: '隐患整改验收', en: 'Accept hazard rectifications' },
  'hazards:signoff': { zh: '重大隐患销号签批', en: 'Sign off major hazards' },
  'readings:read': { zh: '查看读数、偏差与能耗', en: 'View readings, deviations and consumption' },
  'readings:record': { zh: '抄录读数、填写纠偏措施', en: 'Record readings and corrective notes' },
  'readings:manage': { zh: '管理读数点、导入读数', en: 'Manage reading points, import readings' },
  'readings:push': { zh: '设备推送读数（API 令牌）', en: 'Push readings from devices (API token)' },
  'safety:read': {
    zh: '查看安全管理（意外事件、接警记录、演练、培训、整改措施与安全日历）',
    en: 'View safety records (incidents, security log, drills, training, action items, calendar)',
  },
  'incidents:report': { zh: '填报意外事件处理报告单', en: 'Write incident reports' },
  'incidents:review': { zh: '审核意外事件报告、事件设置', en: 'Review incident reports, incident settings' },
  'security:log': { zh: '登记接警记录与表扬', en: 'Keep the security log and commendations' },
  'drills:manage': { zh: '管理演练计划、登记演练与演练报告', en: 'Manage drill plans, record drills and reports' },
  'training:manage': { zh: '管理培训、题库、知识抽查与礼仪检查', en: 'Manage training, question banks, spot checks and etiquette checks' },
  'training:attend': { zh: '培训签到、参加知识抽查', en: 'Sign in to training, take spot checks' },
  'actions:verify': { zh: '验证整改措施（纠正预防与改进措施）', en: 'Verify action items (corrective, preventive, improvement)' },
  'reports:read': { zh: '查看数据看板与工作总结', en: 'View dashboards and work summaries' },
  'summaries:write': { zh: '生成、编辑工作总结并提交审批', en: 'Generate, edit and submit work summaries' },
  'summaries:approve': { zh: '审批工作总结', en: 'Approve work summaries' },
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}
