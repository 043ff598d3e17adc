/**
 * The dictionary types later modules rely on, with their seeded defaults (DOMAIN.md).
 * Codes are stable lowercase identifiers that records store; labels are what people
 * read and organisations may rename, reorder or deactivate them.
 */
export interface DictionaryTypeInfo {
  type: string;
  nameZh: string;
  nameEn: string;
  /** [code, 中文, English] in display order */
  items: [string, string, string][];
}

export const DICTIONARY_TYPES: DictionaryTypeInfo[] = [
  {
    type: 'repair_category',
    nameZh: '报修类别',
    nameEn: 'Repair category',
    items: [
      ['hvac', '空调暖通', 'HVAC'],
      ['elevator', '电梯', 'Elevators & escalators'],
      ['plumbing', '给排水', 'Water supply & drainage'],
      ['power', '强电', 'Electrical power'],
      ['low_voltage', '弱电', 'Low-voltage systems'],
      ['fire', '消防', 'Fire protection'],
      ['building', '土建装修', 'Building & finishing'],
      ['doors_hardware', '门窗五金', 'Doors, windows & hardware'],
      ['kitchen', '厨房设备', 'Kitchen equipment'],
      ['office', '办公设备', 'Office equipment'],
      ['network', '网络通讯', 'Network & telecom'],
      ['other', '其他', 'Other'],
    ],
  },
  {
    type: 'urgency',
    nameZh: '紧急程度',
    nameEn: 'Urgency',
    items: [
      ['emergency', '紧急', 'Emergency'],
      ['urgent', '加急', 'Urgent'],
      ['normal', '一般', 'Normal'],
    ],
  },
  {
    type: 'hazard_category',
    nameZh: '隐患类别',
    nameEn: 'Hazard category',
    items: [
      ['fire_safety', '消防安全', 'Fire safety'],
      ['electrical_safety', '用电安全', 'Electrical safety'],
      ['equipment', '设备设施', 'Equipment & facilities'],
      ['structure', '建筑结构', 'Building structure'],
      ['food_safety', '食品安全', 'Food safety'],
      ['public_security', '治安', 'Public security'],
      ['hygiene', '卫生', 'Hygiene'],
      ['other', '其他', 'Other'],
    ],
  },
  {
    type: 'hazard_grade',
    nameZh: '隐患等级',
    nameEn: 'Hazard grade',
    items: [
      ['general', '一般', 'General'],
      ['major', '重大', 'Major'],
    ],
  },
  {
    // optional finer grades; the code's prefix (general_ / major_) names the grade it refines
    type: 'hazard_subgrade',
    nameZh: '隐患分级',
    nameEn: 'Hazard sub-grade',
    items: [
      ['general_a', '一般A级（当场整改）', 'General A (fix at once)'],
      ['general_b', '一般B级（限期整改）', 'General B (fix by deadline)'],
      ['major_a', '重大（局部停用整改）', 'Major (partial shutdown)'],
      ['major_b', '重大（停业整改）', 'Major (closure)'],
    ],
  },
  {
    type: 'incident_type',
    nameZh: '意外事件类型',
    nameEn: 'Incident type',
    items: [
      ['fire', '火警', 'Fire'],
      ['fire_alarm_fault', '消防报警故障', 'Fire alarm fault'],
      ['power_outage', '停电', 'Power outage'],
      ['water_outage', '停水', 'Water outage'],
      ['water_leak', '跑水', 'Water leak / flooding'],
      ['equipment_failure', '设备故障', 'Equipment failure'],
      ['injury', '人员受伤', 'Personal injury'],
      ['security_incident', '治安事件', 'Security incident'],
      ['customer_dispute', '顾客纠纷', 'Customer dispute'],
      ['other', '其他', 'Other'],
    ],
  },
  {
    type: 'drill_type',
    nameZh: '演练类型',
    nameEn: 'Drill type',
    items: [
      ['fire_evacuation', '消防疏散', 'Fire evacuation'],
      ['power_outage', '停电', 'Power outage'],
      ['water_outage', '停水', 'Water outage'],
      ['severe_weather', '恶劣天气', 'Severe weather'],
      ['water_leak', '跑水', 'Water leak / flooding'],
      ['equipment_shutdown', '设备停运', 'Equipment shutdown'],
      ['security_incident', '治安事件', 'Security incident'],
      ['other', '其他', 'Other'],
    ],
  },
  {
    type: 'security_alert_source',
    nameZh: '接警来源',
    nameEn: 'Security alert source',
    items: [
      ['cctv', '监控发现', 'CCTV'],
      ['patrol', '巡逻发现', 'Patrol'],
      ['customer', '顾客报警', 'Customer report'],
      ['staff', '员工报告', 'Staff report'],
      ['phone', '电话报警', 'Phone call'],
      ['police', '公安通报', 'Police notice'],
      ['other', '其他', 'Other'],
    ],
  },
  {
    type: 'security_alert_type',
    nameZh: '安保警情类型',
    nameEn: 'Security alert type',
    items: [
      ['theft', '盗窃', 'Theft'],
      ['dispute', '纠纷', 'Dispute'],
      ['suspicious_person', '可疑人员', 'Suspicious person'],
      ['card_scalping', '倒卡', 'Card / ticket scalping'],
      ['other', '其他', 'Other'],
    ],
  },
  {
    type: 'training_type',
    nameZh: '培训类型',
    nameEn: 'Training type',
    items: [
      ['induction_safety', '入职安全', 'Induction safety'],
      ['fire', '消防', 'Fire safety'],
      ['job_skills', '岗位技能', 'Job skills'],
      ['brand_location', '品牌业种位置', 'Brands, categories & locations'],
      ['etiquette', '礼仪', 'Service etiquette'],
      ['emergency', '应急', 'Emergency response'],
    ],
  },
  {
    type: 'patrol_level',
    nameZh: '巡检层级',
    nameEn: 'Patrol level',
    items: [
      ['manager_pre_opening', '经理开店前巡视', 'Manager’s pre-opening walk-through'],
      ['property_admin', '物业管理员巡视', 'Property administrator patrol'],
      ['leader_spot_check', '领导抽查', 'Leadership spot check'],
      ['joint_inspection', '联合检查', 'Joint inspection'],
      ['special_inspection', '专项检查', 'Special inspection'],
      ['fire_patrol', '防火巡查', 'Fire patrol'],
      ['cleaning_quality', '保洁质量抽查', 'Cleaning quality spot check'],
      ['equipment_weekly', '设备周检', 'Weekly equipment check'],
      ['hygiene', '卫生检查', 'Hygiene inspection'],
    ],
  },
  {
    type: 'asset_status',
    nameZh: '资产状态',
    nameEn: 'Asset status',
    items: [
      ['in_use', '在用', 'In use'],
      ['standby', '备用', 'Standby'],
      ['under_repair', '维修中', 'Under repair'],
      ['out_of_service', '停用', 'Out of service'],
      ['scrapped', '报废', 'Scrapped'],
    ],
  },
];

export const DICTIONARY_TYPE_INFO = new Map(DICTIONARY_TYPES.map((t) => [t.type, t]));

/** Gap between seeded sort values, so an administrator can slot an entry in between. */
export const SORT_STEP = 10;
