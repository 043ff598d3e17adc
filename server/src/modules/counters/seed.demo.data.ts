import type { NoticeAction } from './notices.state.js';
import { DAY, type demoCalendar, HOUR, MIN, minutesToApproval, type RepairInput, type RepairSpec } from './seed.demo.repairs.js';

/**
 * The tables of the counters demo (seed.demo.ts writes them): the counters, and the
 * notices and repairs of the last three months with every step's time, relative to
 * the calendar of `now`. Paid repairs are placed by the day the counter accepted
 * them, so this month's and last month's statements always have lines.
 */
type CounterSpec = [site: string, code: string, name: string, location: string, contact: string, phone: string, notes: string | null];

export const COUNTERS: CounterSpec[] = [
  ['CC', 'A1-01', '悦颜化妆品专柜', 'CC-A-1F-01', '林店长', '13904310101', null],
  ['CC', 'A1-02', '兰芝雅化妆品专柜', 'CC-A-1F-01', '高柜长', '13904310102', null],
  ['CC', 'A1-05', '金辉珠宝专柜', 'CC-A-1F-02', '许经理', '13904310105', '贵重商品专柜，维修须提前预约清场'],
  ['CC', 'A1-06', '时光钟表专柜', 'CC-A-1F-02', '何店长', '13904310106', null],
  ['CC', 'A2-01', '丽雅女装专柜', 'CC-A-2F-01', '唐店长', '13904310201', null],
  ['CC', 'A2-03', '雪域羽绒服专柜', 'CC-A-2F-01', '马店长', '13904310203', '季节性专柜'],
  ['SY', 'A1-01', '花漾化妆品专柜', 'SY-A-1F-01', '邓店长', '13804240101', null],
  ['SY', 'A1-04', '福满珠宝专柜', 'SY-A-1F-02', '罗经理', '13804240104', '贵重商品专柜，维修须提前预约清场'],
  ['SY', 'A2-02', '朵拉女装专柜', 'SY-A-2F-01', '谢店长', '13804240202', null],
  ['SY', 'A2-05', '步履鞋业专柜', 'SY-A-2F-01', '韩店长', '13804240205', '已撤柜'],
];
/** closed counters keep their history */
export const CLOSED = new Set(['SY:A2-05']);
/** the demo `vendor` works for this counter */
export const VENDOR_COUNTER = 'CC:A1-01';

export type Step = [action: NoticeAction, at: number, note?: string];
export interface NoticeSpec {
  counter: string;
  found: number;
  deadline: number;
  description: string;
  requirement: string;
  steps: Step[];
  /** the paid repair a convert step raises */
  repair?: RepairSpec & { until: RepairInput['until']; appointmentAt?: number };
}
export interface SelfReport extends RepairSpec {
  counter: string;
  channel: 'web' | 'phone';
  /** accepted by the counter at */
  approved: number;
}

export type Calendar = ReturnType<typeof demoCalendar>;

/** A notice that ran out and was converted into a repair the counter accepted at `approved`. */
export function converted(approved: number, days: number, repair: NonNullable<NoticeSpec['repair']>) {
  const convertAt = approved - minutesToApproval(repair.work) * MIN;
  const deadline = convertAt - 20 * HOUR;
  return {
    found: deadline - days * DAY - 50 * MIN,
    deadline,
    steps: [
      ['mark_overdue', deadline + 2 * MIN],
      ['convert', convertAt],
    ] as Step[],
  };
}

/** Day `d` of this month at `hhmm`, or half-way into the month when that is not long enough ago (the 1st of the month). */
export function thisMonth(c: Calendar, d: number, hhmm: string): number {
  const at = c.month(0, d, hhmm);
  if (at < c.nowMs - 3 * HOUR) return at;
  const start = c.month(0, 1, '00:00');
  return start + Math.floor((c.nowMs - start) / 2);
}

export function notices(c: Calendar): NoticeSpec[] {
  const d = c.day;
  const cr1 = {
    category: 'power',
    description: '',
    result: '更换 4 套射灯灯座及线路，绝缘测试合格',
    materials: [
      { name: 'LED 射灯', spec: 'GU10 7W', quantity: 4, unit: '套', price: 2800, by: 'department' as const },
      { name: '阻燃护套线', spec: 'RVV 2×1.5', quantity: 15, unit: '米', price: 320, by: 'department' as const },
    ],
    work: 80,
    until: 'rate' as const,
  };
  const cr3 = {
    category: 'doors_hardware',
    description: '',
    result: '更换柜台抽屉锁芯 2 个，配钥匙 4 把',
    materials: [{ name: '抽屉锁芯', spec: '22mm', quantity: 2, unit: '个', price: 3500, by: 'department' as const }],
    work: 40,
    until: 'approve' as const,
  };
  const cr4 = {
    category: 'power',
    description: '',
    result: '更换展柜射灯 2 个及变压器，灯光恢复',
    materials: [
      { name: '展柜射灯', spec: '珠宝专用 5W 4000K', quantity: 2, unit: '个', price: 12000, by: 'counter' as const },
      { name: '电子变压器', spec: '12V 60W', quantity: 1, unit: '个', price: 4500, by: 'department' as const },
    ],
    work: 60,
    until: 'approve' as const,
  };
  const cr5 = {
    category: 'plumbing',
    description: '',
    result: '更换洗手盆下水管，重新打胶密封，地面已清理',
    materials: [
      { name: '下水管', spec: 'PVC DN40 提拉式', quantity: 1, unit: '套', price: 6800, by: 'counter' as const },
      { name: '玻璃胶', spec: '中性 透明', quantity: 2, unit: '支', price: 1500, by: 'counter' as const },
    ],
    work: 50,
    until: 'approve' as const,
  };
  const cr6 = {
    category: 'building',
    description: '',
    result: '',
    materials: [],
    work: 120,
    until: 'accept' as const,
    appointmentAt: d(-1, '08:00'),
  };
  const convertOpen = d(1, '10:00');
  return [
    {
      counter: 'CC:A1-01',
      found: d(75, '10:20'),
      deadline: d(72, '18:00'),
      description: '柜台灯箱灯管闪烁，影响商品展示',
      requirement: '三日内更换灯管，保持灯箱亮度均匀',
      steps: [
        ['rectify', d(73, '16:40'), '已更换灯箱灯管 6 支，亮度一致'],
        ['verify', d(72, '10:15')],
      ],
    },
    {
      counter: 'CC:A1-01',
      ...converted(c.month(1, 9, '16:30'), 3, cr1),
      description: '柜台射灯线路老化，灯座发黑发烫',
      requirement: '三日内请电工更换灯座及线路，整改前停用射灯',
      repair: cr1,
    },
    {
      counter: 'CC:A1-01',
      found: d(1, '15:10'),
      deadline: d(-2, '18:00'),
      description: '柜台背板插座接了多个排插，存在超负荷隐患',
      requirement: '拆除多余排插，美容仪等大功率设备单独回路供电',
      steps: [],
    },
    {
      counter: 'CC:A1-01',
      found: d(3, '11:00'),
      deadline: d(2, '18:00'),
      description: '专柜库存纸箱堆放在消防通道旁',
      requirement: '次日闭店前清理，保持消防通道畅通',
      steps: [['rectify', d(2, '16:30'), '纸箱已移入专柜库房，通道清理完毕']],
    },
    {
      counter: 'CC:A1-02',
      found: d(40, '10:00'),
      deadline: d(35, '18:00'),
      description: '柜台玻璃边角破损，有尖锐毛刺',
      requirement: '修补或加装防撞条，消除划伤隐患',
      steps: [
        ['rectify', d(38, '17:00'), '已打磨修补柜台边角'],
        ['reject', d(37, '10:30'), '柜台边角仍有尖锐毛刺，存在划伤顾客风险'],
        ['rectify', d(36, '16:00'), '已加装圆角防撞条'],
        ['verify', d(35, '10:00')],
      ],
    },
    {
      counter: 'CC:A1-02',
      ...converted(c.month(1, 16, '17:00'), 2, cr3),
      description: '柜台抽屉锁芯损坏，贵重小样无法上锁',
      requirement: '两日内更换锁芯',
      repair: cr3,
    },
    {
      counter: 'CC:A1-05',
      ...converted(thisMonth(c, 3, '16:00'), 3, cr4),
      description: '展柜内射灯两组不亮，珠宝展示效果差',
      requirement: '三日内更换射灯',
      repair: cr4,
    },
    {
      counter: 'CC:A1-05',
      found: d(9, '14:00'),
      deadline: d(6, '18:00'),
      description: '展柜玻璃门合页松动，开关有异响',
      requirement: '联系厂家更换合页并调整门扇',
      steps: [['mark_overdue', d(6, '18:02')]],
    },
    {
      counter: 'CC:A1-06',
      found: d(20, '10:30'),
      deadline: d(17, '18:00'),
      description: '柜台侧面广告画面超出规定区域，遮挡安全出口指示',
      requirement: '调整画面位置，不得遮挡安全出口指示',
      steps: [['cancel', d(19, '09:40'), '经核实为商场统一布置的促销画面，非专柜自行设置']],
    },
    {
      counter: 'CC:A2-01',
      found: d(30, '15:00'),
      deadline: d(27, '18:00'),
      description: '试衣间门锁损坏，无法反锁',
      requirement: '更换门锁，确保顾客隐私',
      steps: [
        ['mark_overdue', d(27, '18:01')],
        ['rectify', d(26, '11:20'), '已更换试衣间门锁'],
        ['verify', d(25, '10:00')],
      ],
    },
    {
      counter: 'CC:A2-03',
      found: d(2, '10:40'),
      deadline: d(-3, '18:00'),
      description: '羽绒服展架底座不稳，轻推即晃动',
      requirement: '加固或更换展架底座，防止倾倒伤人',
      steps: [],
    },
    {
      counter: 'SY:A1-01',
      ...converted(c.month(1, 21, '17:30'), 2, cr5),
      description: '柜台洗手盆下水管漏水，地面长期潮湿',
      requirement: '两日内修复漏水并清理地面',
      repair: cr5,
    },
    {
      counter: 'SY:A1-01',
      found: d(60, '11:00'),
      deadline: d(57, '18:00'),
      description: '柜台前地贴翘边，顾客易绊倒',
      requirement: '更换地贴并压边固定',
      steps: [
        ['rectify', d(58, '15:00'), '已更换破损地贴'],
        ['verify', d(57, '10:30')],
      ],
    },
    {
      counter: 'SY:A1-04',
      found: d(6, '13:20'),
      deadline: d(3, '18:00'),
      description: '保险柜所在地台下沉，柜体倾斜',
      requirement: '三日内请施工方找平地台',
      steps: [
        ['mark_overdue', d(3, '18:02')],
        ['convert', convertOpen],
      ],
      repair: cr6,
    },
    {
      counter: 'SY:A2-02',
      found: d(1, '16:00'),
      deadline: d(-3, '18:00'),
      description: '试衣间照明灯管损坏两支',
      requirement: '更换灯管，保证试衣间照明',
      steps: [],
    },
    {
      counter: 'SY:A2-02',
      found: d(50, '10:00'),
      deadline: d(47, '18:00'),
      description: '试衣镜未贴防爆膜',
      requirement: '补贴防爆膜',
      steps: [
        ['rectify', d(48, '17:10'), '已补贴镜面防爆膜'],
        ['verify', d(47, '11:00')],
      ],
    },
    {
      counter: 'SY:A2-05',
      found: d(45, '10:00'),
      deadline: d(40, '18:00'),
      description: '柜台电源线私拉乱接',
      requirement: '拆除私接电线，由工务部统一布线',
      steps: [['cancel', d(42, '15:00'), '专柜已撤柜，场地由招商部收回']],
    },
  ];
}

export function selfReports(c: Calendar): SelfReport[] {
  return [
    {
      counter: 'CC:A1-01',
      channel: 'web',
      approved: thisMonth(c, 2, '17:00'),
      category: 'power',
      description: '柜台灯箱不亮，电源适配器发烫',
      result: '更换灯箱电源，重新接线',
      materials: [
        { name: '灯箱电源', spec: '12V 100W', quantity: 1, unit: '个', price: 8500, by: 'counter' },
        { name: '接线端子', spec: 'WAGO 221', quantity: 4, unit: '个', price: 300, by: 'department' },
      ],
      work: 45,
    },
    {
      counter: 'CC:A1-06',
      channel: 'phone',
      approved: c.month(1, 4, '16:30'),
      category: 'doors_hardware',
      description: '展示柜推拉门滑轨卡滞，推不动',
      result: '更换推拉门滑轮 4 个，调整滑轨',
      materials: [{ name: '推拉门滑轮', spec: '玻璃门 U 型', quantity: 4, unit: '个', price: 1200, by: 'department' }],
      work: 35,
    },
  ];
}
