import type { Db } from './_helpers.js';

/** Drill plans (on the occurrence engine) and drills with their records and reports (演练). */
export async function up(_db: Db): Promise<void> {}
