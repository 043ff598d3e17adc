import { type PgCluster, startPgCluster } from './pg-cluster.js';

let cluster: PgCluster | null = null;

/** vitest globalSetup for the postgres project: one cluster for the run; each test file makes its own database. */
export async function setup(): Promise<void> {
  try {
    cluster = await startPgCluster();
  } catch (err) {
    const msg = `\n*** PostgreSQL integration suite cannot run: ${(err as Error).message}\n`;
    console.error(msg);
    throw new Error(msg);
  }
  process.env.HOUQIN_TEST_PG_URL = cluster.url;
}

export async function teardown(): Promise<void> {
  cluster?.stop();
}
