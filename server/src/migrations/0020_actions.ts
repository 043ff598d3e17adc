import type { Db } from './_helpers.js';

/** Action items (整改措施) of incidents and drills: server/src/platform/actions. */
export async function up(_db: Db): Promise<void> {}
