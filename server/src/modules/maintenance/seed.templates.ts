import type { ChecklistItem, ChecklistTemplateInput } from '../../../../contracts/checklists.js';
import type { Tx } from '../../platform/context.js';
import { seedTemplate } from '../checklists/index.js';

/**
 * The checklist templates every organisation starts with (DOMAIN.md §4, fire
 * conventions): the fire-control room's daily check, the monthly fire-equipment check
 * (extinguisher gauges monthly), the annual full test with its report filed as an
 * attachment, and two general plant templates. Editable like any template: a template
 * whose code exists is left as the organisation made it.
 */
const pass = (key: string, label: string, hint?: string): ChecklistItem => ({
  key,
  label,
  kind: 'pass_fail',
  required: true,
  photoOnFail: true,
  ...(hint && { hint }),
});

const number = (key: string, label: string, unit: string, min: number | null, max: number | null, hint?: string): ChecklistItem => ({
  key,
  label,
  kind: 'number',
  required: true,
  unit,
  min,
  max,
  ...(hint && { hint }),
});

export const MAINTENANCE_TEMPLATES: ChecklistTemplateInput[] = [
  {
    code: 'FIRE-DAILY',
    name: '消防控制室日检',
    purpose: 'fire',
    description: '消防控制室每日检查：报警控制器、电源、联动控制器与值班记录（消防控制室 24 小时值班，每 2 小时记录一次）。',
    items: [
      pass('alarm_panel', '火灾报警控制器运行正常', '自检正常，无火警、故障未处理信息'),
      pass('main_power', '主电源工作正常'),
      pass('backup_power', '备用电源（蓄电池）工作正常', '备电指示正常，电压在正常范围'),
      pass('linkage_panel', '消防联动控制器处于自动状态'),
      {
        key: 'faults',
        label: '故障 / 屏蔽点',
        kind: 'choice',
        required: true,
        options: ['无', '有，已登记处理', '有，未处理'],
        failOptions: ['有，未处理'],
      },
      pass('duty_log', '值班记录完整（每 2 小时一次）'),
      { key: 'note', label: '其他情况', kind: 'text', required: false },
      { key: 'signature', label: '值班人员签字', kind: 'signature', required: true },
    ],
  },
  {
    code: 'FIRE-MONTHLY',
    name: '消防设施月度检查',
    purpose: 'fire',
    description: '每月防火检查：灭火器、消火栓、喷淋末端试水、应急照明与疏散指示、防火门、消防水泵。',
    items: [
      pass('extinguisher_gauge', '灭火器压力指针在绿区', '逐具检查压力表、铅封、喷管，过期或失压的登记送修'),
      pass('extinguisher_place', '灭火器摆放位置正确、无遮挡'),
      pass('hydrant_box', '消火栓箱完好，水带、水枪、接口齐全'),
      number('sprinkler_pressure', '喷淋末端试水装置压力', 'MPa', 0.05, 0.4, '打开末端试水阀读压力表'),
      pass('emergency_light', '应急照明、疏散指示标志完好', '断开主电后应急照明正常点亮'),
      pass('fire_door', '防火门闭门器、顺序器正常，常闭防火门处于关闭状态'),
      pass('fire_pump_manual', '消防水泵手动启泵正常'),
      pass('exits_clear', '疏散通道、安全出口畅通'),
      { key: 'note', label: '发现的问题', kind: 'text', required: false },
      { key: 'signature', label: '检查人签字', kind: 'signature', required: true },
    ],
  },
  {
    code: 'FIRE-ANNUAL',
    name: '消防设施年度全面检测',
    purpose: 'fire',
    description: '每年一次消防设施全面检测，由具有资质的检测机构出具报告；报告作为附件归档。',
    items: [
      { key: 'report', label: '全面检测报告（拍照或扫描上传）', kind: 'photo', required: true, hint: '上传检测机构出具的报告全部页面' },
      { key: 'agency', label: '检测机构', kind: 'text', required: true },
      {
        key: 'conclusion',
        label: '检测结论',
        kind: 'choice',
        required: true,
        options: ['合格', '不合格'],
        failOptions: ['不合格'],
      },
      { key: 'issues', label: '整改项', kind: 'text', required: false },
      { key: 'signature', label: '负责人签字', kind: 'signature', required: true },
    ],
  },
  {
    code: 'HVAC-Q',
    name: '空调季度保养',
    purpose: 'maintenance',
    description: '冷水机组 / 空调主机季度保养：运行参数、清洗与紧固。',
    items: [
      number('chilled_out', '冷冻水出水温度', '°C', 5, 9),
      number('chilled_in', '冷冻水回水温度', '°C', 10, 14),
      number('suction_pressure', '蒸发器（低压）压力', 'MPa', 0.25, 0.45),
      number('discharge_pressure', '冷凝器（高压）压力', 'MPa', 0.8, 1.3),
      number('current', '压缩机运行电流', 'A', null, null, '与额定电流比较'),
      pass('filters', '过滤器、冷凝器已清洗'),
      pass('electrical', '电气接线紧固、无过热痕迹'),
      pass('oil', '润滑油位、油色正常'),
      pass('leak', '无制冷剂泄漏'),
      { key: 'signature', label: '保养人签字', kind: 'signature', required: true },
    ],
  },
  {
    code: 'ELEVATOR-HM',
    name: '电梯半月保养',
    purpose: 'maintenance',
    description: '电梯每 15 日维护保养（TSG T5002）：机房、轿厢、层门与安全装置。',
    items: [
      pass('machine_room', '机房环境、照明、温度正常'),
      pass('brake', '制动器动作灵活、间隙正常'),
      pass('doors', '层门、轿门开关正常，门锁可靠'),
      pass('leveling', '平层准确度正常'),
      pass('emergency_call', '轿厢紧急报警装置、对讲正常'),
      pass('lighting', '轿厢照明、风扇正常'),
      { key: 'signature', label: '维保人员签字', kind: 'signature', required: true },
    ],
  },
];

/** Seeds the missing templates of an organisation (by code); runs on every start. */
export async function seedMaintenanceDefaults(tx: Tx, orgId: string, now: string): Promise<void> {
  for (const t of MAINTENANCE_TEMPLATES) await seedTemplate(tx, orgId, t, new Date(now));
}
