import type { Db } from './_helpers.js';

/** Training sessions and attendance, question banks, spot checks and quiz attempts, etiquette checks. */
export async function up(_db: Db): Promise<void> {}
