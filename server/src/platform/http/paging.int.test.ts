import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, type TestApp } from '../../../test/harness.js';
import { keysetPage, type SortSpec } from './paging.js';

interface Row {
  id: string;
  parent_id: string | null;
  code: string;
}

const SPEC: SortSpec = { columns: { parent: 'parent_id', code: 'code', id: 'id' }, default: 'code', id: 'id' };

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What the pages must add up to: rows with a value by (value, id), then the nulls by id. */
function expectedOrder(rows: Row[], key: 'parent_id' | 'code', desc: boolean): string[] {
  const dir = desc ? -1 : 1;
  const valued = rows.filter((r) => r[key] !== null);
  const nulls = rows.filter((r) => r[key] === null);
  valued.sort((a, b) => dir * (compare(a[key] as string, b[key] as string) || compare(a.id, b.id)));
  nulls.sort((a, b) => dir * compare(a.id, b.id));
  return [...valued, ...nulls].map((r) => r.id);
}

describe(`keyset paging (${ENGINE})`, () => {
  let t: TestApp;
  let all: Row[];
  beforeAll(async () => {
    t = await createTestApp();
    all = await t.db.selectFrom('locations').select(['id', 'parent_id', 'code']).execute();
  });
  afterAll(async () => t.close());

  async function walk(sort: string, limit: number): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await keysetPage<Row>(
        t.db.selectFrom('locations').select(['id', 'parent_id', 'code']),
        SPEC,
        { sort, limit, cursor },
        (row, key) => (key === 'parent' ? row.parent_id : key === 'code' ? row.code : row.id),
      );
      ids.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages <= all.length);
    return { ids, pages };
  }

  it('walks a nullable column in both directions: values first, nulls last, every row exactly once', async () => {
    // top-level locations have no parent, and rooms share one: nulls and ties on both sides of page breaks
    expect(all.filter((r) => r.parent_id === null).length).toBeGreaterThan(2);
    expect(new Set(all.map((r) => r.parent_id)).size).toBeLessThan(all.length);
    for (const desc of [false, true]) {
      const { ids, pages } = await walk(desc ? '-parent' : 'parent', 2);
      expect(ids).toEqual(expectedOrder(all, 'parent_id', desc));
      expect(pages).toBe(Math.ceil(all.length / 2));
    }
  });

  it('walks a non-null column and the id column in order with no row twice', async () => {
    for (const desc of [false, true]) {
      expect((await walk(desc ? '-code' : 'code', 3)).ids).toEqual(expectedOrder(all, 'code', desc));
      const byId = [...all].sort((a, b) => (desc ? -1 : 1) * compare(a.id, b.id)).map((r) => r.id);
      expect((await walk(desc ? '-id' : 'id', 4)).ids).toEqual(byId);
    }
  });

  it('gives a cursor exactly when rows remain: none for a page holding them all', async () => {
    const exact = await keysetPage<Row>(
      t.db.selectFrom('locations').select(['id', 'parent_id', 'code']),
      SPEC,
      { limit: all.length },
      (r) => r.code,
    );
    expect(exact.items).toHaveLength(all.length);
    expect(exact.nextCursor).toBeNull();
    const first = await keysetPage<Row>(
      t.db.selectFrom('locations').select(['id', 'parent_id', 'code']),
      SPEC,
      { limit: 1 },
      (r) => r.code,
    );
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
  });
});
