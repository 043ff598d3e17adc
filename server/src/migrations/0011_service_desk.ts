import type { Db } from './_helpers.js';

/** Complaints (投诉), the 24-hour hotline log and return visits (回访). */
export async function up(_db: Db): Promise<void> {}
