import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './connect.js';

describe('withStatementCache', () => {
  const database = new SQLite(':memory:');
  database.exec('create table t (id integer primary key, v text)');
  afterEach(() => database.exec('delete from t'));

  it('hands back the prepared statement for SQL it has seen, and the statement still runs with new parameters', () => {
    const cached = withStatementCache(database);
    const insert = cached.prepare('insert into t (v) values (?)');
    expect(cached.prepare('insert into t (v) values (?)')).toBe(insert);
    insert.run(['a']);
    cached.prepare('insert into t (v) values (?)').run(['b']);
    expect(cached.prepare('select v from t order by id').all([])).toEqual([{ v: 'a' }, { v: 'b' }]);
  });

  it('keeps at most 500 statements, dropping the least recently used', () => {
    const cached = withStatementCache(database);
    const first = cached.prepare('select 0');
    const second = cached.prepare('select 1');
    for (let i = 2; i < 500; i += 1) cached.prepare(`select ${i}`);
    expect(cached.prepare('select 0')).toBe(first); // used again: now the most recent
    cached.prepare('select 500'); // the 501st distinct text evicts `select 1`, the oldest
    expect(cached.prepare('select 0')).toBe(first);
    expect(cached.prepare('select 1')).not.toBe(second);
  });

  it('sees schema changes made after a statement was cached', () => {
    const cached = withStatementCache(database);
    cached.prepare('insert into t (v) values (?)').run(['x']);
    database.exec('alter table t add column w text');
    expect(cached.prepare('select * from t').all([])).toEqual([{ id: expect.any(Number), v: 'x', w: null }]);
  });
});
