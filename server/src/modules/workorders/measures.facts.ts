/** Labels of the work-order figures by channel. */

export const CHANNEL_LABELS: Record<string, { zh: string; en: string }> = {
  qr: { zh: '扫码报修', en: 'QR code' },
  web: { zh: '网页报修', en: 'Web form' },
  phone: { zh: '电话报修', en: 'Phone' },
  hotline: { zh: '24小时热线', en: '24-hour hotline' },
  walk_in: { zh: '现场报修', en: 'Walk-in' },
  patrol: { zh: '巡检发现', en: 'Patrol' },
  maintenance: { zh: '保养发现', en: 'Maintenance' },
  counter: { zh: '专柜报修', en: 'Vendor counter' },
};
