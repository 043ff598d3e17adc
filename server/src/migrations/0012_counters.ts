import type { Db } from './_helpers.js';

/** Vendor-counter rectification notices (整改通知) and charge rules (专柜收费). */
export async function up(_db: Db): Promise<void> {}
