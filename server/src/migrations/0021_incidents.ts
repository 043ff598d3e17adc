import type { Db } from './_helpers.js';

/** Incident reports (意外事件处理报告单), incident settings, the security log (接警记录) and commendations. */
export async function up(_db: Db): Promise<void> {}
