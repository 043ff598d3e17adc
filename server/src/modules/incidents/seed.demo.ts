import type { ActionKind } from '../../../../contracts/actions.js';
import type { AlertOutcome, IncidentStatus } from '../../../../contracts/incidents.js';
import { loadConfig } from '../../config.js';
import { systemActor } from '../../platform/access/actor.js';
import { createActionItem } from '../../platform/actions/index.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { createNotifier, type Notifier } from '../../platform/notify/notifier.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { zonedDate, zonedInstant } from '../../platform/numbering/time.js';
import type { AlertRow, CommendationRow } from './alerts.repository.js';
import { ALERT_NUMBERING } from './alerts.service.js';
import { incidentDeadline } from './deadline.js';
import type { IncidentRow } from './incidents.repository.js';
import { INCIDENT_NUMBERING } from './incidents.service.js';
import { registerIncidentOwners } from './owners.js';
import { incidentSettings } from './settings.js';

/**
 * The demo's incident reports and security log for 长春店 and 沈阳店 over the last three
 * months: eight reports of several types in every state (three fire-alarm faults, one of
 * them fixed only the next morning), each reviewed one with its corrective and preventive
 * measures as action items; 25 alerts with their officers, apprehensions and two
 * commendations. Times are local times of the stores, counted back from the demo clock.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

interface DemoMeasure {
  kind: ActionKind;
  title: string;
  assignee: string;
  /** days after the review */
  dueInDays: number;
  verifier?: string;
}

interface DemoIncident {
  site: 'CC' | 'SY';
  daysAgo: number;
  /** local HH:mm */
  at: string;
  type: string;
  title: string;
  location?: string;
  place?: string;
  responsible?: string;
  responsibleName?: string;
  summary: string;
  course?: string;
  handling?: string;
  causeAnalysis?: string;
  losses?: string;
  lossFen?: number;
  /** minutes after it occurred */
  resolvedAfter?: number;
  author: string;
  status: IncidentStatus;
  reviewNote?: string;
  measures?: DemoMeasure[];
}

const INCIDENTS: DemoIncident[] = [
  {
    site: 'CC',
    daysAgo: 68,
    at: '14:10',
    type: 'fire_alarm_fault',
    title: '消防报警主机三层烟感故障报警',
    location: 'CC-A-1F-03',
    place: '三层吊顶 12 号烟感',
    responsible: 'tech',
    summary: '消防控制室报警主机显示三层 12 号点型烟感故障，值班员到场确认无火情。',
    course:
      '14:10 报警主机报三层 12 号烟感故障；14:15 值班员到场确认无烟无火，通知工务部；14:40 维修人员到场检查，发现烟感底座受潮、触点氧化。',
    handling: '清洁触点并更换底座，16:35 报警主机复位，故障消除，做联动测试正常。',
    causeAnalysis: '三层吊顶内空调冷凝水管保温层破损，凝结水滴落至烟感底座，触点受潮氧化导致回路接触不良。',
    losses: '无经济损失',
    resolvedAfter: 145,
    author: 'tech',
    status: 'reviewed',
    reviewNote: '处理及时，同意。请落实冷凝水管保温修复。',
    measures: [
      { kind: 'corrective', title: '修复三层吊顶内空调冷凝水管保温层', assignee: 'tech', dueInDays: 5 },
      { kind: 'preventive', title: '雨季前对各层吊顶内烟感底座做一次防潮检查', assignee: 'tech', dueInDays: 45, verifier: 'property' },
    ],
  },
  {
    site: 'CC',
    daysAgo: 53,
    at: '07:50',
    type: 'water_leak',
    title: '二层女装区卫生间上水软管爆裂跑水',
    location: 'CC-A-2F-01',
    place: '二层东侧卫生间及相邻专柜',
    responsible: 'property',
    summary: '开店前二层东侧卫生间洗手池上水软管爆裂，水漫入相邻三个专柜。',
    course: '07:50 保洁员发现卫生间地面积水并报告；07:55 关闭二层东侧给水阀门；08:10 保洁、保安组织吸水并转移受潮货品。',
    handling: '更换爆裂软管后恢复供水，09:10 积水清理完毕，专柜按时开业；受潮货品由专柜清点登记。',
    causeAnalysis: '上水软管使用超过五年，编织层老化，夜间管网压力升高时爆裂；卫生间无漏水报警装置。',
    losses: '三个专柜货品受潮，按约定赔付专柜损失',
    lossFen: 480_000,
    resolvedAfter: 80,
    author: 'property',
    status: 'reviewed',
    reviewNote: '同意。全店软管排查要建立台账。',
    measures: [
      { kind: 'corrective', title: '更换二层东侧卫生间全部上水软管', assignee: 'tech', dueInDays: 2 },
      { kind: 'preventive', title: '全店卫生间及茶水间上水软管排查，超过五年的全部更换并建立更换台账', assignee: 'tech', dueInDays: 30 },
      { kind: 'preventive', title: '开店前巡视增加卫生间、管井漏水检查项', assignee: 'property', dueInDays: 7 },
    ],
  },
  {
    site: 'CC',
    daysAgo: 41,
    at: '20:40',
    type: 'fire_alarm_fault',
    title: '消防水泵房压力开关故障报警',
    location: 'CC-A-B1-02',
    responsible: 'tech',
    summary: '报警主机报喷淋系统压力开关故障，喷淋泵自动启泵功能受影响。',
    course:
      '20:40 报警主机报压力开关故障；20:50 值班员到水泵房确认管网压力正常、压力开关无动作信号；当晚值班电工请假，21:30 通知维修班长，次日 08:30 维修人员到岗。',
    handling: '故障期间水泵房安排专人值守，具备手动启泵条件；次日 09:30 更换压力开关，联动试验正常。',
    causeAnalysis: '压力开关使用年限较长、膜片老化失灵；夜间无可以处理消防故障的维修人员在岗，未做到“不过夜”。',
    losses: '无直接经济损失；自动启泵功能中断约 13 小时',
    resolvedAfter: 770,
    author: 'property',
    status: 'reviewed',
    reviewNote: '未做到不过夜，须落实夜间消防维修值班。',
    measures: [
      { kind: 'corrective', title: '更换喷淋系统及消火栓系统老化压力开关', assignee: 'tech', dueInDays: 3 },
      { kind: 'preventive', title: '完善夜间消防设施故障应急维修值班表，确保消防故障当日修复', assignee: 'property', dueInDays: 10 },
    ],
  },
  {
    site: 'SY',
    daysAgo: 24,
    at: '10:05',
    type: 'fire_alarm_fault',
    title: '二层手动报警按钮误触发',
    location: 'SY-A-2F-01',
    place: '二层女装区 2-07 柱旁',
    responsible: 'tech_sy',
    summary: '二层女装区手动报警按钮被购物车碰撞触发，报警主机发出火警信号。',
    course: '10:05 报警主机报二层手动报警按钮动作；10:07 保安到场确认为误触发，无火情；10:10 消防控制室复位主机并做广播说明。',
    handling: '更换损坏的按钮面板并加装保护罩，13:20 恢复正常。',
    causeAnalysis: '按钮保护罩缺失，位置紧邻通道，购物车碰撞后触发。',
    losses: '无',
    resolvedAfter: 195,
    author: 'tech_sy',
    status: 'reviewed',
    reviewNote: '同意。',
    measures: [{ kind: 'corrective', title: '全店通道旁手动报警按钮加装保护罩', assignee: 'tech_sy', dueInDays: 14 }],
  },
  {
    site: 'SY',
    daysAgo: 14,
    at: '15:30',
    type: 'power_outage',
    title: '外线检修导致全店停电 40 分钟',
    location: 'SY-A-B1-01',
    responsibleName: '供电公司外线班组',
    summary: '供电公司外线检修，全店失电，双电源切换装置未自动投入，停电约 40 分钟。',
    course:
      '15:30 全店失电，应急照明启动；15:32 广播安抚顾客，保安疏导扶梯及出入口；15:40 电工到配电室手动切换备用电源失败；16:10 外线恢复供电。',
    handling: '组织顾客有序离开扶梯，专柜暂停收银；恢复供电后逐一检查电梯、冷柜及收银系统，16:40 全部恢复营业。',
    causeAnalysis: '供电公司未提前通知检修；双电源切换装置控制回路故障，备用电源未能自动投入。',
    losses: '营业中断约 40 分钟',
    resolvedAfter: 40,
    author: 'tech_sy',
    status: 'reviewed',
    reviewNote: '切换装置须尽快修复并做试验。',
    measures: [
      { kind: 'corrective', title: '检修双电源切换装置控制回路并做切换试验', assignee: 'tech_sy', dueInDays: 7 },
      { kind: 'preventive', title: '与供电公司建立检修停电提前通知联系人', assignee: 'tech_sy', dueInDays: 20 },
    ],
  },
  {
    site: 'CC',
    daysAgo: 8,
    at: '19:20',
    type: 'injury',
    title: '顾客乘扶梯摔倒擦伤',
    location: 'CC-A-1F-01',
    place: '一层中厅上行扶梯',
    responsibleName: '当班扶梯引导员',
    summary: '一名老年顾客乘上行扶梯时手提购物袋失去平衡摔倒，手肘擦伤。',
    course: '19:20 顾客在扶梯中段摔倒，邻近顾客按下急停按钮；19:22 保安到场扶起顾客；19:25 医务箱处理擦伤。',
    handling: '为顾客消毒包扎，经询问无其他不适，顾客家属到场后离开；扶梯检查无故障后 19:50 恢复运行。',
    causeAnalysis: '顾客手提重物未扶扶手；高峰时段扶梯口无人引导。',
    losses: '医药费约 80 元',
    lossFen: 8_000,
    resolvedAfter: 30,
    author: 'security',
    status: 'submitted',
  },
  {
    site: 'CC',
    daysAgo: 4,
    at: '11:00',
    type: 'customer_dispute',
    title: '顾客与专柜营业员因退货发生争执',
    location: 'CC-A-1F-02',
    summary: '顾客要求退还已拆封饰品，与专柜营业员发生争执，围观顾客较多。',
    course: '11:00 专柜营业员呼叫保安；11:05 客服人员到场，将顾客请至客服中心沟通。',
    handling: '客服中心协调专柜按换货处理，顾客同意。',
    causeAnalysis: '营业员未说明拆封饰品的退换规定。',
    resolvedAfter: 50,
    author: 'dispatcher',
    status: 'returned',
    reviewNote: '请补充顾客诉求、专柜名称和最终处理结果，并说明是否需要对营业员培训。',
  },
  {
    site: 'SY',
    daysAgo: 1,
    at: '17:45',
    type: 'equipment_failure',
    title: 'B座货梯困人约 15 分钟',
    location: 'SY-B-1F-01',
    summary: 'B座货梯在一层与二层之间停梯，专柜送货员一人被困约 15 分钟。',
    course: '17:45 货梯停梯，被困人员通过对讲报警；17:50 电梯维保单位接报；18:00 维保人员到场盘车放人。',
    resolvedAfter: 15,
    author: 'tech_sy',
    status: 'draft',
  },
];

interface DemoAlert {
  site: 'CC' | 'SY';
  daysAgo: number;
  at: string;
  source: string;
  type: string;
  place: string;
  description: string;
  handling: string;
  outcome: AlertOutcome;
  caught?: number;
  /** minutes until the handling ended */
  closedAfter: number;
  officers: string[];
  commendation?: { officer: string; note: string };
}

const ALERTS: DemoAlert[] = [
  {
    site: 'CC',
    daysAgo: 86,
    at: '15:20',
    source: 'cctv',
    type: 'theft',
    place: '一层化妆品区',
    description: '监控发现一名女子将两支口红放入手袋后走向出口。',
    handling: '保安在东门拦下，当面取出商品，女子承认盗窃，移交派出所。',
    outcome: 'handed_to_police',
    caught: 1,
    closedAfter: 70,
    officers: ['security', 'dispatcher'],
    commendation: { officer: 'security', note: '监控发现后快速到位，人赃俱获，处置规范。' },
  },
  {
    site: 'CC',
    daysAgo: 83,
    at: '10:40',
    source: 'patrol',
    type: 'card_scalping',
    place: '一层东门外广场',
    description: '巡逻发现两人在门口向顾客兜售购物卡。',
    handling: '劝离并登记身份信息，告知再次发现将报警。',
    outcome: 'apprehended',
    caught: 2,
    closedAfter: 25,
    officers: ['security'],
  },
  {
    site: 'SY',
    daysAgo: 80,
    at: '19:05',
    source: 'customer',
    type: 'dispute',
    place: '一层收银台',
    description: '两名顾客排队时发生口角并推搡。',
    handling: '保安将双方隔开并带至客服中心调解，双方和解离开。',
    outcome: 'resolved',
    closedAfter: 35,
    officers: ['tech_sy'],
  },
  {
    site: 'CC',
    daysAgo: 76,
    at: '13:15',
    source: 'staff',
    type: 'suspicious_person',
    place: '二层员工通道',
    description: '营业员报告一名非员工在员工通道内徘徊。',
    handling: '保安到场询问，为走错路的送货司机，引导至货梯离开。',
    outcome: 'resolved',
    closedAfter: 15,
    officers: ['security'],
  },
  {
    site: 'CC',
    daysAgo: 71,
    at: '16:30',
    source: 'cctv',
    type: 'theft',
    place: '一层珠宝区',
    description: '监控发现一名男子趁营业员取货时将柜台上一条银手链握入手中。',
    handling: '保安与营业员核对后在扶梯口将其拦下，追回手链，移交派出所处理。',
    outcome: 'handed_to_police',
    caught: 1,
    closedAfter: 90,
    officers: ['security', 'property'],
  },
  {
    site: 'SY',
    daysAgo: 67,
    at: '11:20',
    source: 'patrol',
    type: 'card_scalping',
    place: '正门外',
    description: '巡逻发现一人在门口收购顾客购物卡。',
    handling: '劝离，登记身份信息。',
    outcome: 'apprehended',
    caught: 1,
    closedAfter: 20,
    officers: ['tech_sy', 'head'],
  },
  {
    site: 'CC',
    daysAgo: 63,
    at: '18:45',
    source: 'phone',
    type: 'other',
    place: '地下停车场 B1 区',
    description: '顾客来电称车辆被剐蹭，肇事车辆已离开。',
    handling: '调取停车场监控找到肇事车辆信息，提供给顾客报警处理。',
    outcome: 'resolved',
    closedAfter: 60,
    officers: ['security'],
  },
  {
    site: 'CC',
    daysAgo: 58,
    at: '14:00',
    source: 'customer',
    type: 'theft',
    place: '二层女装区试衣间',
    description: '顾客报称在试衣间遗留的手机被人拿走。',
    handling: '调取监控确认为另一名顾客误拿，联系其返还手机。',
    outcome: 'resolved',
    closedAfter: 120,
    officers: ['security', 'dispatcher'],
  },
  {
    site: 'SY',
    daysAgo: 54,
    at: '20:10',
    source: 'cctv',
    type: 'suspicious_person',
    place: 'B座后区库房外',
    description: '监控发现两人在闭店前翻看库房外堆放的货物。',
    handling: '保安到场询问，两人自称捡拾纸箱，劝离。',
    outcome: 'resolved',
    closedAfter: 20,
    officers: ['tech_sy'],
  },
  {
    site: 'CC',
    daysAgo: 49,
    at: '12:30',
    source: 'patrol',
    type: 'card_scalping',
    place: '一层东门外广场',
    description: '巡逻再次发现此前劝离过的人员在门口倒卖购物卡。',
    handling: '拦下后报警，派出所民警到场带走处理。',
    outcome: 'handed_to_police',
    caught: 1,
    closedAfter: 55,
    officers: ['security'],
  },
  {
    site: 'CC',
    daysAgo: 45,
    at: '17:40',
    source: 'staff',
    type: 'dispute',
    place: '一层珠宝区',
    description: '顾客与营业员因价格标签不符发生争执。',
    handling: '客服到场核实为标签错误，按标签价处理，顾客满意离开。',
    outcome: 'resolved',
    closedAfter: 30,
    officers: ['security', 'dispatcher'],
  },
  {
    site: 'SY',
    daysAgo: 40,
    at: '15:50',
    source: 'customer',
    type: 'theft',
    place: '一层化妆品区',
    description: '营业员发现一名顾客将香水小样连同正装一起装入购物袋。',
    handling: '在收银台拦下核实，顾客退还商品；因价值较小，登记后教育放行。',
    outcome: 'apprehended',
    caught: 1,
    closedAfter: 40,
    officers: ['tech_sy', 'cleaner'],
  },
  {
    site: 'CC',
    daysAgo: 36,
    at: '21:15',
    source: 'cctv',
    type: 'suspicious_person',
    place: '二层员工通道安全门',
    description: '闭店时监控发现有人试图从二层安全门进入员工通道。',
    handling: '保安到场，该人为专柜员工遗忘物品返回，核实工牌后陪同取物离开。',
    outcome: 'resolved',
    closedAfter: 15,
    officers: ['security'],
  },
  {
    site: 'CC',
    daysAgo: 31,
    at: '11:10',
    source: 'customer',
    type: 'theft',
    place: '一层中厅',
    description: '顾客报称钱包被盗，怀疑为同行的两名可疑男子所为。',
    handling: '调取监控锁定两名嫌疑人，在停车场出口拦截，追回钱包，移交派出所。',
    outcome: 'handed_to_police',
    caught: 2,
    closedAfter: 80,
    officers: ['security', 'property', 'dispatcher'],
    commendation: { officer: 'security', note: '调取监控迅速锁定嫌疑人，配合派出所抓获两人，追回顾客财物。' },
  },
  {
    site: 'SY',
    daysAgo: 27,
    at: '13:35',
    source: 'patrol',
    type: 'other',
    place: '三层儿童游乐区',
    description: '巡逻发现一名儿童与家长走散。',
    handling: '广播寻人，10 分钟后家长到客服中心接回儿童。',
    outcome: 'resolved',
    closedAfter: 15,
    officers: ['tech_sy'],
  },
  {
    site: 'CC',
    daysAgo: 24,
    at: '10:25',
    source: 'patrol',
    type: 'card_scalping',
    place: '一层西门外',
    description: '巡逻发现一人在西门外向顾客收购购物卡。',
    handling: '劝离并登记身份信息，通报周边商户保安。',
    outcome: 'apprehended',
    caught: 1,
    closedAfter: 20,
    officers: ['security'],
  },
  {
    site: 'CC',
    daysAgo: 20,
    at: '16:05',
    source: 'staff',
    type: 'dispute',
    place: '地下停车场收费口',
    description: '顾客因停车费与收费员争执，堵塞出口。',
    handling: '保安疏导后方车辆，客服核实购物小票后按优惠减免，顾客离开。',
    outcome: 'resolved',
    closedAfter: 25,
    officers: ['security'],
  },
  {
    site: 'SY',
    daysAgo: 17,
    at: '18:20',
    source: 'cctv',
    type: 'theft',
    place: '二层女装区',
    description: '监控发现一名女子在试衣间剪下防盗扣后将衣服穿在外套内。',
    handling: '在出口处拦下，追回衣服，移交派出所处理。',
    outcome: 'handed_to_police',
    caught: 1,
    closedAfter: 100,
    officers: ['tech_sy', 'head'],
  },
  {
    site: 'CC',
    daysAgo: 15,
    at: '14:45',
    source: 'customer',
    type: 'suspicious_person',
    place: '一层化妆品区',
    description: '顾客反映有人尾随并多次靠近其手袋。',
    handling: '保安到场后该人离开商场，调取监控留存，并提醒营业员注意。',
    outcome: 'resolved',
    closedAfter: 30,
    officers: ['security'],
  },
  {
    site: 'CC',
    daysAgo: 12,
    at: '19:30',
    source: 'phone',
    type: 'dispute',
    place: '三层餐饮区',
    description: '餐饮区两桌顾客酒后争吵，有推搡。',
    handling: '保安到场隔开双方，劝离其中一方，未造成伤害。',
    outcome: 'resolved',
    closedAfter: 40,
    officers: ['security', 'property'],
  },
  {
    site: 'SY',
    daysAgo: 9,
    at: '11:40',
    source: 'staff',
    type: 'suspicious_person',
    place: '一层珠宝区',
    description: '营业员报告一名男子反复试戴多件首饰，神情紧张。',
    handling: '保安在附近值守，男子未购物离开，监控留存。',
    outcome: 'resolved',
    closedAfter: 25,
    officers: ['tech_sy'],
  },
  {
    site: 'CC',
    daysAgo: 6,
    at: '15:10',
    source: 'cctv',
    type: 'theft',
    place: '一层化妆品区',
    description: '监控发现两名少年将香水放入书包。',
    handling: '在出口拦下追回商品，通知家长到场，批评教育后由家长领回。',
    outcome: 'apprehended',
    caught: 2,
    closedAfter: 75,
    officers: ['security', 'dispatcher'],
  },
  {
    site: 'CC',
    daysAgo: 4,
    at: '09:40',
    source: 'police',
    type: 'other',
    place: '全店',
    description: '派出所通报近期有团伙在商场内扒窃，要求加强巡逻。',
    handling: '调整巡逻频次，高峰时段一层中厅和扶梯口增设固定岗。',
    outcome: 'resolved',
    closedAfter: 30,
    officers: ['security'],
  },
  {
    site: 'SY',
    daysAgo: 3,
    at: '20:30',
    source: 'patrol',
    type: 'other',
    place: '正门',
    description: '闭店巡逻发现正门电子锁未能锁闭。',
    handling: '安排人员值守至维修人员到场修复门锁。',
    outcome: 'resolved',
    closedAfter: 60,
    officers: ['tech_sy'],
  },
  {
    site: 'CC',
    daysAgo: 1,
    at: '13:25',
    source: 'customer',
    type: 'theft',
    place: '一层中厅扶梯口',
    description: '顾客报称手机被扒，嫌疑人往东门方向逃离。',
    handling: '保安在东门外将嫌疑人抓获，追回手机，移交派出所。',
    outcome: 'handed_to_police',
    caught: 1,
    closedAfter: 65,
    officers: ['security', 'property'],
  },
];

type Lookup = (key: string) => string;

async function lookups(tx: Tx, orgId: string): Promise<{ site: Lookup; user: Lookup; location: Lookup; zone: Lookup }> {
  const sites = await tx.selectFrom('sites').select(['id', 'code', 'timezone']).where('org_id', '=', orgId).execute();
  const users = await tx.selectFrom('users').select(['id', 'username']).where('org_id', '=', orgId).execute();
  const locations = await tx.selectFrom('locations').select(['id', 'code']).where('org_id', '=', orgId).execute();
  const find = (rows: Map<string, string>, kind: string) => (key: string) => {
    const id = rows.get(key);
    if (!id) throw new Error(`demo incidents: no ${kind} ${key}`);
    return id;
  };
  return {
    site: find(new Map(sites.map((s) => [s.code, s.id])), 'site'),
    zone: find(new Map(sites.map((s) => [s.code, s.timezone])), 'site'),
    user: find(new Map(users.map((u) => [u.username, u.id])), 'user'),
    location: find(new Map(locations.map((l) => [l.code, l.id])), 'location'),
  };
}

/**
 * A context acting as `userId` at `at`: createActionItem numbers and audits as of that
 * moment. The demo is history, so it sends nothing: months-old "请落实" messages would
 * only fill the demo users' inboxes (and tests expect those empty).
 */
function seedCtx(tx: Tx, orgId: string, userId: string, name: string, at: Date): Ctx {
  const now = () => new Date(at);
  const notifier: Notifier = { ...createNotifier([], now), send: async () => {} };
  return {
    db: tx,
    actor: { ...systemActor(orgId), userId, name },
    requestId: null,
    clock: { now },
    config: loadConfig({}),
    notifier,
  };
}

/** The demo organisation's incident reports, alerts and commendations. */
export async function seedIncidentDemo(tx: Tx, orgId: string, now: string): Promise<void> {
  // the demo runs before the app is built: the action-item engine must know its owner already
  registerIncidentOwners();
  const find = await lookups(tx, orgId);
  const settings = await incidentSettings(tx, orgId);
  const today = new Date(now);
  const local = (site: 'CC' | 'SY', daysAgo: number, time: string) =>
    zonedInstant(zonedDate(new Date(today.getTime() - daysAgo * DAY), find.zone(site)), time, find.zone(site));
  const head = find.user('head');
  const headName = (await tx.selectFrom('users').select('name').where('id', '=', head).executeTakeFirstOrThrow()).name;

  for (const d of INCIDENTS) {
    const siteId = find.site(d.site);
    const occurred = local(d.site, d.daysAgo, d.at);
    const created = new Date(occurred.getTime() + 50 * MINUTE);
    const submitted = d.status === 'draft' ? null : new Date(occurred.getTime() + 3 * HOUR);
    const decided = d.status === 'reviewed' || d.status === 'returned' ? new Date(occurred.getTime() + 22 * HOUR) : null;
    const resolved = d.resolvedAfter === undefined ? null : new Date(occurred.getTime() + d.resolvedAfter * MINUTE);
    const at = (decided ?? submitted ?? created).toISOString();
    const row: IncidentRow = {
      id: newId(),
      org_id: orgId,
      site_id: siteId,
      number: await nextNumber(tx, { orgId, ruleCode: INCIDENT_NUMBERING.code, siteId, at: occurred }),
      title: d.title,
      type: d.type,
      occurred_at: occurred.toISOString(),
      location_id: d.location ? find.location(d.location) : null,
      place: d.place ?? null,
      responsible_id: d.responsible ? find.user(d.responsible) : null,
      responsible_name: d.responsibleName ?? null,
      summary: d.summary,
      course: d.course ?? null,
      handling: d.handling ?? null,
      losses: d.losses ?? null,
      loss_fen: d.lossFen ?? null,
      cause_analysis: d.causeAnalysis ?? null,
      resolved_at: resolved?.toISOString() ?? null,
      deadline_at: incidentDeadline(d.type, occurred, settings, find.zone(d.site))?.toISOString() ?? null,
      work_order_id: null,
      author_id: find.user(d.author),
      submitted_at: submitted?.toISOString() ?? null,
      reviewer_id: decided ? head : null,
      reviewed_at: decided?.toISOString() ?? null,
      review_note: d.reviewNote ?? null,
      returned_count: d.status === 'returned' ? 1 : 0,
      status: d.status,
      created_at: created.toISOString(),
      updated_at: at,
      version: d.status === 'draft' ? 1 : d.status === 'submitted' ? 2 : 3,
    };
    await tx.insertInto('incidents').values(row).execute();
    if (!decided) continue;
    // the reviewer sets the measures down when approving the report
    const ctx = seedCtx(tx, orgId, head, headName, decided);
    const reviewDay = zonedDate(decided, find.zone(d.site));
    for (const m of d.measures ?? []) {
      const [y, mo, day] = reviewDay.split('-').map(Number) as [number, number, number];
      await createActionItem(ctx, tx, 'incident', row.id, {
        kind: m.kind,
        title: m.title,
        assigneeId: find.user(m.assignee),
        dueDate: new Date(Date.UTC(y, mo - 1, day + m.dueInDays)).toISOString().slice(0, 10),
        verifierId: m.verifier ? find.user(m.verifier) : null,
      });
    }
  }

  for (const a of ALERTS) {
    const siteId = find.site(a.site);
    const received = local(a.site, a.daysAgo, a.at);
    const closed = new Date(received.getTime() + a.closedAfter * MINUTE);
    const recorder = find.user(a.officers[0] as string);
    const row: AlertRow = {
      id: newId(),
      org_id: orgId,
      site_id: siteId,
      number: await nextNumber(tx, { orgId, ruleCode: ALERT_NUMBERING.code, siteId, at: received }),
      received_at: received.toISOString(),
      source: a.source,
      type: a.type,
      location_id: null,
      place: a.place,
      description: a.description,
      handling: a.handling,
      outcome: a.outcome,
      apprehended_count: a.caught ?? 0,
      closed_at: closed.toISOString(),
      incident_id: null,
      recorded_by: recorder,
      created_at: closed.toISOString(),
      updated_at: closed.toISOString(),
      version: 1,
    };
    await tx.insertInto('security_alerts').values(row).execute();
    await tx
      .insertInto('security_alert_officers')
      .values(a.officers.map((u) => ({ alert_id: row.id, user_id: find.user(u) })))
      .execute();
    if (a.commendation) {
      const at = new Date(closed.getTime() + DAY).toISOString();
      const commendation: CommendationRow = {
        id: newId(),
        org_id: orgId,
        alert_id: row.id,
        officer_id: find.user(a.commendation.officer),
        note: a.commendation.note,
        commended_at: at,
        commended_by: head,
        created_at: at,
        updated_at: at,
        version: 1,
      };
      await tx.insertInto('security_commendations').values(commendation).execute();
    }
  }
}
