import type { ComplaintCategory, ComplaintChannel, HotlineOutcome, Satisfaction, VisitMethod } from './schema.js';

/** Chinese labels of the enumerated values, for exports and messages. */
export const CHANNEL_LABELS: Record<ComplaintChannel, string> = {
  phone: '电话',
  hotline: '24小时热线',
  web: '网页',
  walk_in: '现场',
  letter: '来信',
};

export const CATEGORY_LABELS: Record<ComplaintCategory, string> = {
  service_attitude: '服务态度',
  quality: '维修质量',
  timeliness: '及时性',
  other: '其他',
};

export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically: '基本满意',
  dissatisfied: '不满意',
};

export const METHOD_LABELS: Record<VisitMethod, string> = {
  phone: '电话回访',
  on_site: '上门回访',
  wechat: '微信回访',
};

export const OUTCOME_LABELS: Record<HotlineOutcome, string> = {
  work_order: '生成维修工单',
  complaint: '登记投诉',
  info: '咨询答复',
  transfer: '转接',
  other: '其他',
};

export const yesNo = (v: boolean) => (v ? '是' : '否');
