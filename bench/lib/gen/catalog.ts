import type { Channel } from '../../../contracts/workorders.js';
import { CATEGORIES } from '../../../server/src/modules/workorders/seed.demo.plan.js';

/**
 * What the generated department looks like: kinds of sites and their buildings, the
 * repair categories each kind sees (with the month-by-month swing of a north-eastern
 * Chinese year), channels, working hours, and the words people write. Descriptions,
 * results and materials start from the demo's catalogue (seed.demo.plan.ts) and add more.
 */
export type SiteKind = 'store' | 'campus' | 'hospital' | 'hotel' | 'canteen' | 'office';

export interface KindProfile {
  label: string;
  /** opening hours stored on the site (null: around the clock) */
  openingHours: string | null;
  /** when clerks and technicians are on duty (local minutes of the day); outside, only emergencies are handled */
  duty: [from: number, to: number];
  /** relative number of requests per hour of the day 0–23 */
  hours: number[];
  /** relative number of requests Monday … Sunday */
  weekdays: number[];
  categories: [code: string, weight: number][];
  channels: [Channel, number][];
  /** requests per day of a site of size 1 */
  ordersPerDay: number;
  /** staff of a site of size 1 */
  technicians: number;
  requesters: number;
  /** who reports by form at such a site */
  requesterTitle: string;
  /** assets per site of size 1 */
  assets: number;
}

const H = 60;

export const KINDS: Record<SiteKind, KindProfile> = {
  store: {
    label: '百货商场',
    openingHours: '09:00-21:30',
    duty: [8 * H, 22 * H],
    hours: [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 4, 7, 8, 7, 6, 6, 7, 7, 6, 5.5, 5, 5, 4, 3, 1, 0.4],
    weekdays: [1, 0.95, 0.95, 1, 1.05, 1.2, 1.15],
    categories: [
      ['hvac', 14],
      ['plumbing', 14],
      ['power', 16],
      ['doors_hardware', 10],
      ['building', 8],
      ['fire', 7],
      ['low_voltage', 7],
      ['network', 7],
      ['elevator', 5],
      ['office', 4],
      ['kitchen', 2],
      ['other', 4],
    ],
    channels: [
      ['qr', 26],
      ['web', 20],
      ['phone', 20],
      ['hotline', 14],
      ['walk_in', 10],
      ['patrol', 10],
    ],
    ordersPerDay: 28,
    technicians: 6,
    requesters: 8,
    requesterTitle: '营业员',
    assets: 900,
  },
  campus: {
    label: '学校',
    openingHours: '07:00-18:00',
    duty: [7 * H, 18 * H],
    hours: [0, 0, 0, 0, 0, 0, 0.2, 2, 8, 9, 8, 6, 3, 4, 7, 7, 5, 3, 1, 0.5, 0.3, 0.2, 0.1, 0],
    weekdays: [1.3, 1.2, 1.2, 1.2, 1.1, 0.4, 0.3],
    categories: [
      ['power', 14],
      ['plumbing', 14],
      ['doors_hardware', 16],
      ['building', 14],
      ['network', 8],
      ['office', 10],
      ['hvac', 6],
      ['kitchen', 8],
      ['low_voltage', 5],
      ['fire', 3],
      ['other', 4],
    ],
    channels: [
      ['web', 40],
      ['qr', 20],
      ['phone', 20],
      ['walk_in', 15],
      ['patrol', 5],
    ],
    ordersPerDay: 7,
    technicians: 3,
    requesters: 10,
    requesterTitle: '老师',
    assets: 450,
  },
  hospital: {
    label: '医院',
    openingHours: null,
    duty: [0, 24 * H],
    hours: [1, 0.8, 0.6, 0.5, 0.5, 0.7, 1.5, 4, 8, 9, 8.5, 7, 5, 5.5, 7, 7, 6, 5, 4, 3.5, 3, 2.5, 2, 1.5],
    weekdays: [1.15, 1.1, 1.05, 1.05, 1, 0.85, 0.8],
    categories: [
      ['hvac', 14],
      ['plumbing', 16],
      ['power', 14],
      ['low_voltage', 10],
      ['doors_hardware', 10],
      ['building', 8],
      ['elevator', 6],
      ['network', 8],
      ['fire', 4],
      ['office', 6],
      ['kitchen', 2],
      ['other', 2],
    ],
    channels: [
      ['phone', 30],
      ['web', 30],
      ['qr', 15],
      ['hotline', 15],
      ['patrol', 10],
    ],
    ordersPerDay: 40,
    technicians: 9,
    requesters: 14,
    requesterTitle: '护士',
    assets: 1800,
  },
  hotel: {
    label: '宾馆',
    openingHours: null,
    duty: [0, 24 * H],
    hours: [0.8, 0.5, 0.3, 0.2, 0.2, 0.4, 1.5, 4, 6, 6, 5, 4, 4, 4, 5, 5, 5, 5, 6, 6, 5, 4, 3, 1.5],
    weekdays: [0.9, 0.9, 0.95, 1, 1.1, 1.15, 1],
    categories: [
      ['plumbing', 20],
      ['hvac', 16],
      ['power', 12],
      ['doors_hardware', 14],
      ['low_voltage', 8],
      ['network', 8],
      ['building', 8],
      ['kitchen', 5],
      ['elevator', 3],
      ['fire', 2],
      ['other', 4],
    ],
    channels: [
      ['phone', 40],
      ['web', 20],
      ['qr', 10],
      ['walk_in', 10],
      ['patrol', 20],
    ],
    ordersPerDay: 12,
    technicians: 4,
    requesters: 8,
    requesterTitle: '前台',
    assets: 800,
  },
  canteen: {
    label: '食堂',
    openingHours: '06:00-19:30',
    duty: [5 * H + 30, 20 * H],
    hours: [0, 0, 0, 0, 0, 0.5, 4, 6, 5, 4, 6, 6, 3, 3, 3, 4, 5, 3, 1, 0.3, 0, 0, 0, 0],
    weekdays: [1.2, 1.15, 1.15, 1.15, 1.1, 0.6, 0.5],
    categories: [
      ['kitchen', 40],
      ['plumbing', 15],
      ['power', 12],
      ['hvac', 8],
      ['building', 8],
      ['doors_hardware', 7],
      ['fire', 3],
      ['other', 7],
    ],
    channels: [
      ['walk_in', 30],
      ['phone', 30],
      ['web', 20],
      ['qr', 20],
    ],
    ordersPerDay: 4,
    technicians: 2,
    requesters: 5,
    requesterTitle: '厨师',
    assets: 160,
  },
  office: {
    label: '办公楼',
    openingHours: '08:00-18:00',
    duty: [7 * H + 30, 19 * H],
    hours: [0, 0, 0, 0, 0, 0, 0.2, 1.5, 7, 9, 8, 6, 3, 4, 7, 7, 6, 4, 1.5, 0.5, 0.2, 0.1, 0, 0],
    weekdays: [1.3, 1.2, 1.2, 1.2, 1.1, 0.2, 0.1],
    categories: [
      ['hvac', 14],
      ['power', 14],
      ['network', 14],
      ['office', 16],
      ['plumbing', 10],
      ['doors_hardware', 12],
      ['building', 8],
      ['low_voltage', 6],
      ['elevator', 3],
      ['fire', 2],
      ['other', 1],
    ],
    channels: [
      ['web', 45],
      ['phone', 25],
      ['qr', 15],
      ['walk_in', 10],
      ['patrol', 5],
    ],
    ordersPerDay: 8,
    technicians: 3,
    requesters: 10,
    requesterTitle: '职员',
    assets: 500,
  },
};

/** A repair category's seasonal factor by month (index 0 = January), north-east China: hot summers, frozen pipes, summer rain. */
export function seasonOf(category: string, month: number): number {
  switch (category) {
    case 'hvac':
      return [1.2, 1.1, 0.8, 0.6, 0.9, 1.5, 2, 1.8, 0.9, 0.7, 1, 1.2][month] as number;
    case 'plumbing':
      return [1.5, 1.4, 1, 0.9, 0.9, 0.9, 1, 1, 0.9, 0.9, 1.1, 1.4][month] as number;
    case 'building':
      return [0.8, 0.8, 1, 1.1, 1, 1.2, 1.5, 1.4, 1, 0.9, 0.8, 0.8][month] as number;
    case 'power':
      return [1.1, 1, 0.9, 0.9, 1, 1.1, 1.25, 1.2, 0.9, 0.9, 1, 1.1][month] as number;
    default:
      return 1;
  }
}

/** School holidays (winter, summer) and the Spring Festival week lower the requests of a kind. */
export function holidayFactor(kind: SiteKind, month: number, day: number): number {
  const winterBreak = (month === 0 && day >= 15) || (month === 1 && day <= 25);
  const summerBreak = (month === 6 && day >= 10) || month === 7;
  if (kind === 'campus' || kind === 'canteen') return winterBreak || summerBreak ? 0.2 : 1;
  if (kind === 'office') return month === 1 && day <= 14 ? 0.5 : 1;
  return 1;
}

/** share of emergency / urgent / normal requests; power, lifts, fire and water fail more dangerously */
export function urgencyMix(category: string): [string, number][] {
  const risky = category === 'power' || category === 'elevator' || category === 'fire' || category === 'plumbing';
  return [
    ['emergency', risky ? 12 : 4],
    ['urgent', risky ? 24 : 20],
    ['normal', risky ? 64 : 76],
  ];
}

/** standard minutes per repair category (标准工时), seeded when the organisation has none */
export const STANDARD_MINUTES: Record<string, [name: string, minutes: number]> = {
  hvac: ['空调暖通维修', 90],
  elevator: ['电梯故障处理', 120],
  plumbing: ['给排水维修', 60],
  power: ['强电维修', 45],
  low_voltage: ['弱电维修', 60],
  fire: ['消防设施维修', 60],
  building: ['土建修补', 120],
  doors_hardware: ['门窗五金维修', 45],
  kitchen: ['厨房设备维修', 90],
  office: ['办公设备维修', 30],
  network: ['网络故障处理', 40],
  other: ['其他维修', 40],
};

/** asset categories a repair of this category is usually raised against */
export const ASSET_CATEGORIES_OF: Record<string, string[]> = {
  hvac: ['hvac'],
  elevator: ['elevator'],
  plumbing: ['plumbing'],
  power: ['power'],
  low_voltage: ['low_voltage'],
  fire: ['fire_alarm', 'emergency_light', 'hydrant', 'extinguisher'],
  kitchen: ['kitchen'],
  office: ['office'],
  network: ['low_voltage'],
};

type Material = [name: string, spec: string, unit: string, price: number];

const MORE: Record<string, [string[], string[], Material[]]> = {
  hvac: [
    ['空调出风口滴水', '新风机组报警停机', '风机盘管不转', '空调遥控失灵', '机房冷却塔异响', '暖气片不热', '暖气阀门漏水'],
    ['更换风机电容', '复位并清洗滤网', '更换温控面板', '排气并调整阀门', '更换暖气阀门'],
    [
      ['风机电容', '2.5μF', '个', 1800],
      ['温控面板', '三速开关', '个', 9500],
      ['暖气阀门', 'DN20', '个', 4500],
    ],
  ],
  elevator: [
    ['电梯按钮不亮', '扶梯扶手带打滑', '电梯平层不准', '电梯困人，已安抚乘客'],
    ['更换按钮', '调整扶手带张紧', '调整平层感应器', '放人后检修门锁回路'],
    [['电梯按钮', '圆形', '个', 6500]],
  ],
  plumbing: [
    ['马桶冲水不停', '洗手盆下水慢', '地漏返水', '热水器不出热水', '水管冻裂漏水', '小便池感应器失灵'],
    ['更换进水阀', '疏通下水', '更换地漏芯', '更换加热管', '更换冻裂管段并保温', '更换感应器'],
    [
      ['进水阀', '通用型', '套', 3200],
      ['地漏芯', '防臭', '个', 1500],
      ['保温棉', 'DN25', '米', 800],
      ['感应器', '12V', '个', 15000],
    ],
  ],
  power: [
    ['灯具闪烁', '开关面板烧黑', '卷帘门电机不转', '空开跳闸，部分区域停电', '应急照明回路断电'],
    ['更换镇流器', '更换开关面板', '检修电机接线', '查出短路点并更换空开', '恢复供电'],
    [
      ['镇流器', '36W', '个', 2500],
      ['开关面板', '单开', '个', 1200],
      ['空气开关', 'C16', '个', 3800],
      ['电线', 'BV 2.5mm²', '米', 300],
    ],
  ],
  low_voltage: [
    ['门禁刷卡无反应', '背景音乐断断续续', '对讲机充电座坏了', '监控录像机报警'],
    ['更换读卡器', '更换音箱线', '更换充电座', '更换硬盘'],
    [
      ['读卡器', 'IC', '个', 18000],
      ['监控硬盘', '4TB', '块', 52000],
    ],
  ],
  fire: [
    ['灭火器压力不足', '消火栓箱门关不上', '疏散指示灯不亮', '防火门闭门器坏了', '喷淋头漏水'],
    ['更换灭火器', '更换箱门合页', '更换疏散指示灯', '更换闭门器', '更换喷淋头'],
    [
      ['疏散指示灯', '单面', '个', 6500],
      ['喷淋头', 'K80', '个', 2200],
    ],
  ],
  building: [
    ['墙皮脱落', '台阶石材松动', '屋顶漏雨', '卫生间隔断板松了', '踢脚线脱落'],
    ['铲除空鼓并重新粉刷', '重新铺贴石材', '屋面防水修补', '加固隔断', '重新粘贴踢脚线'],
    [
      ['防水涂料', '20kg', '桶', 38000],
      ['瓷砖胶', '25kg', '袋', 4500],
    ],
  ],
  doors_hardware: [
    ['窗户关不严', '抽屉锁坏了', '门把手松动', '卷帘门卡住', '玻璃门把手掉了'],
    ['调整合页', '更换抽屉锁', '紧固把手', '调整卷帘门导轨', '更换门把手'],
    [
      ['合页', '4寸', '个', 900],
      ['门把手', '不锈钢', '副', 4800],
    ],
  ],
  kitchen: [
    ['冷库温度降不下来', '燃气灶点不着火', '洗碗机不出水', '和面机异响', '消毒柜不加热', '油烟机漏油'],
    ['补充冷媒并更换温控器', '更换点火针', '清洗进水电磁阀', '更换轴承', '更换发热管', '清洗油网并更换集油杯'],
    [
      ['点火针', '通用', '个', 2500],
      ['温控器', '数显', '个', 16000],
      ['轴承', '6204', '个', 3000],
    ],
  ],
  office: [
    ['复印机卡纸', '投影仪画面发黄', '碎纸机不工作', '电话没有拨号音'],
    ['清理进纸通道', '更换灯泡', '清理卡纸并加油', '重新接线'],
    [['投影仪灯泡', '原装', '个', 68000]],
  ],
  network: [
    ['会议室投屏连不上', '收银机网络掉线', '办公室网口没信号', '打卡机联网失败'],
    ['重新配置无线投屏', '更换交换机端口', '重新打线', '重设网络参数'],
    [
      ['网线', '超五类', '米', 200],
      ['交换机', '8口千兆', '台', 19000],
    ],
  ],
  other: [
    ['标识牌掉了', '垃圾桶盖坏了', '窗帘轨道脱落', '座椅扶手断裂'],
    ['重新固定标识牌', '更换桶盖', '重新安装轨道', '更换扶手'],
    [['窗帘滑轮', '通用', '包', 1500]],
  ],
};

export interface CategoryTexts {
  descriptions: string[];
  results: string[];
  materials: Material[];
}

export const TEXTS: Record<string, CategoryTexts> = Object.fromEntries(
  Object.entries(CATEGORIES).map(([code, [descriptions, results, materials]]) => {
    const more = MORE[code] ?? [[], [], []];
    return [
      code,
      { descriptions: [...descriptions, ...more[0]], results: [...results, ...more[1]], materials: [...materials, ...more[2]] },
    ];
  }),
);

export const ADDENDA = ['，麻烦尽快处理', '，影响营业', '，已经第二次了', '，请带梯子', '，下午两点前能来吗', '，顾客反映了', '，急'];

export const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文';
export const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彩春菊凤洁梅琳素云莲真环雪荣爱妹香月莺媛瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽';
export const ANONYMOUS_TITLES = ['女士', '先生', '店长', '主管', '老师', '经理', '师傅'];

export const CANCEL_REASONS = ['报修人已自行处理', '重复报修', '非维修事项，已转物业', '报修人联系不上，确认无需维修', '误报'];
export const TRANSFER_REASONS = ['原维修人员请假', '需要电工证，转给持证人员', '就近转派', '专业不对口'];
export const SEND_BACK_REASONS = ['不属于本班组维修范围', '需外协单位处理', '信息不全，请补充位置'];
export const REJECT_REASONS = ['还是漏水', '用了一天又坏了', '声音还在', '没有修好', '温度还是不对'];
export const REOPEN_REASONS = ['同一位置又坏了', '修好后第三天再次故障', '验收后发现仍有渗水'];
export const DEPARTMENTS_OF: Record<SiteKind, string[]> = {
  store: ['营业部', '化妆品区', '女装区', '超市', '客服中心', '财务室'],
  campus: ['教务处', '一年级组', '三年级组', '体育组', '总务处'],
  hospital: ['内科病区', '外科病区', '门诊部', '检验科', '放射科', '药剂科'],
  hotel: ['前厅部', '客房部', '餐饮部', '工程部'],
  canteen: ['主食组', '面点组', '采购组'],
  office: ['行政部', '人事部', '财务部', '信息部'],
};

/** rating comments by the mean score they go with */
export const COMMENTS: [minMean: number, texts: string[]][] = [
  [4.5, ['师傅很专业，修得快', '非常满意，态度很好', '响应及时，点赞', '修得很仔细，还帮忙清理了现场', '服务周到']],
  [3.5, ['修好了，就是来得有点晚', '还可以', '整体满意，希望下次更快', '态度不错']],
  [0, ['等了很久才有人来', '修了两次才好', '沟通不太顺畅', '现场没有清理干净']],
];

/** cities of the group, with the province and the roads and districts sites are named after */
export const CITIES: [code: string, name: string, province: string, places: string[]][] = [
  [
    'CC',
    '长春',
    '吉林省',
    ['红旗街', '桂林路', '重庆路', '净月', '南湖', '高新', '宽城', '二道', '绿园', '经开', '汽开', '双阳', '人民广场', '亚泰大街'],
  ],
  ['SY', '沈阳', '辽宁省', ['中街', '太原街', '北站', '浑南', '铁西', '大东', '皇姑', '于洪', '沈北', '苏家屯', '五爱', '长白']],
  ['JL', '吉林', '吉林省', ['河南街', '昌邑', '船营', '丰满', '龙潭', '江南', '世纪广场']],
  ['HB', '哈尔滨', '黑龙江省', ['中央大街', '南岗', '道里', '香坊', '松北', '平房', '道外', '学府路']],
  ['DL', '大连', '辽宁省', ['中山', '西岗', '沙河口', '甘井子', '开发区', '星海', '青泥洼']],
  ['SP', '四平', '吉林省', ['铁西', '铁东', '英雄大街']],
  ['SO', '松原', '吉林省', ['宁江', '前郭', '沿江']],
  ['YJ', '延吉', '吉林省', ['河南', '进学', '北山']],
  ['TH', '通化', '吉林省', ['东昌', '二道江', '新华大街']],
  ['AS', '鞍山', '辽宁省', ['铁东', '铁西', '立山', '千山']],
  ['FS', '抚顺', '辽宁省', ['新抚', '望花', '顺城']],
  ['JZ', '锦州', '辽宁省', ['古塔', '凌河', '太和']],
  ['QQ', '齐齐哈尔', '黑龙江省', ['龙沙', '建华', '铁锋']],
];
