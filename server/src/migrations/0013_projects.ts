import type { Db } from './_helpers.js';

/** Renovation and construction projects (改造施工项目). */
export async function up(_db: Db): Promise<void> {}
