import { describe, expect, it } from 'vitest';
import { type CandidateRule, nextInRotation, pathIds, rankRules, ruleMatches } from './dispatch.match.js';

const rule = (id: string, over: Partial<CandidateRule> = {}): CandidateRule => ({
  id,
  category: null,
  locationId: null,
  locationDepth: null,
  teamId: 'team',
  assigneeId: null,
  sort: 0,
  ...over,
});

describe('automatic dispatch: rule matching', () => {
  const facts = { category: 'plumbing', locationIds: ['bldg', 'floor', 'room'] };

  it('matches on category (or none) and on the location or one of its ancestors (or none)', () => {
    expect(ruleMatches(rule('a'), facts)).toBe(true);
    expect(ruleMatches(rule('a', { category: 'plumbing' }), facts)).toBe(true);
    expect(ruleMatches(rule('a', { category: 'power' }), facts)).toBe(false);
    expect(ruleMatches(rule('a', { locationId: 'floor', locationDepth: 1 }), facts)).toBe(true);
    expect(ruleMatches(rule('a', { locationId: 'room', locationDepth: 2 }), facts)).toBe(true);
    expect(ruleMatches(rule('a', { locationId: 'other', locationDepth: 1 }), facts)).toBe(false);
    expect(ruleMatches(rule('a', { locationId: 'floor', locationDepth: 1 }), { category: 'plumbing', locationIds: [] })).toBe(false);
  });

  it('ranks the deepest location first, then a named category, then sort, then id', () => {
    const rules = [
      rule('catch-all', { sort: 0 }),
      rule('category', { category: 'plumbing', sort: 9 }),
      rule('building', { locationId: 'bldg', locationDepth: 0, sort: 5 }),
      rule('floor-any', { locationId: 'floor', locationDepth: 1, sort: 1 }),
      rule('floor-plumbing', { locationId: 'floor', locationDepth: 1, category: 'plumbing', sort: 3 }),
      rule('floor-power', { locationId: 'floor', locationDepth: 1, category: 'power' }),
      rule('sorted-b', { category: 'plumbing', sort: 2 }),
      rule('sorted-a', { category: 'plumbing', sort: 2 }),
    ];
    expect(rankRules(rules, facts).map((r) => r.id)).toEqual([
      'floor-plumbing',
      'floor-any',
      'building',
      'sorted-a',
      'sorted-b',
      'category',
      'catch-all',
    ]);
  });

  it('finds nothing when no rule fits', () => {
    expect(rankRules([rule('x', { category: 'power' })], facts)).toEqual([]);
  });

  it('reads ancestor ids from a materialised path', () => {
    expect(pathIds('/a/b/c/')).toEqual(['a', 'b', 'c']);
    expect(pathIds(null)).toEqual([]);
  });
});

describe('automatic dispatch: round robin', () => {
  it('starts with the first member in id order and goes round', () => {
    const members = ['u3', 'u1', 'u2'];
    let last: string | null = null;
    const picks: (string | null)[] = [];
    for (let i = 0; i < 7; i++) {
      last = nextInRotation(members, last);
      picks.push(last);
    }
    expect(picks).toEqual(['u1', 'u2', 'u3', 'u1', 'u2', 'u3', 'u1']);
  });

  it('passes the turn on when the last assignee left the team, and wraps at the end', () => {
    expect(nextInRotation(['u1', 'u3'], 'u2')).toBe('u3');
    expect(nextInRotation(['u1', 'u2'], 'u9')).toBe('u1');
  });

  it('has nobody for an empty team and ignores duplicates', () => {
    expect(nextInRotation([], 'u1')).toBeNull();
    expect(nextInRotation(['u1', 'u1', 'u2'], 'u1')).toBe('u2');
  });
});
