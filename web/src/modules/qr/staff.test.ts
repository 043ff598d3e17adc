import { describe, expect, it } from 'vitest';
import type { RoundPointDto } from '../../../../contracts/patrols';
import type { MeResponse } from '../../../../contracts/types';
import { mayReadHere, readingEntryLink, roundHere, roundPointLink, staffAbilities } from './staff';

const me = (grants: MeResponse['grants'], mustChangePassword = false): MeResponse => ({
  user: { id: 'u1', username: 'guard', name: '保安', locale: 'zh-CN', mustChangePassword },
  csrfToken: 'x',
  grants,
  sites: [],
  organization: { id: 'o1', name: '组织' },
  demo: false,
});

const point = (
  id: string,
  targetId: string,
  status: RoundPointDto['status'],
  checklistStatus: RoundPointDto['checklistStatus'] = null,
) => ({
  id,
  targetType: 'location' as const,
  targetId,
  status,
  checklistStatus,
});

const round = (id: string, points: ReturnType<typeof point>[], over: { status?: 'in_progress' | 'pending'; canDo?: boolean } = {}) => ({
  id,
  number: `XJ-${id}`,
  planName: '防火巡查',
  status: over.status ?? ('in_progress' as const),
  canDo: over.canDo ?? true,
  points: points as unknown as RoundPointDto[],
});

describe('QR page staff actions', () => {
  it('asks for readings and rounds only when the person may both see and do them', () => {
    expect(staffAbilities(null)).toEqual({ readings: false, patrols: false });
    const guard = me([{ siteId: 'cc', permissions: ['readings:read', 'readings:record', 'patrols:read', 'patrols:do'] }]);
    expect(staffAbilities(guard)).toEqual({ readings: true, patrols: true });
    expect(staffAbilities(me([{ siteId: 'cc', permissions: ['readings:read', 'patrols:read'] }]))).toEqual({
      readings: false,
      patrols: false,
    });
    // a password to change first: the shell will ask for it, the label page offers nothing yet
    expect(staffAbilities(me(guard.grants, true))).toEqual({ readings: false, patrols: false });
  });

  it('offers 抄表 for an active point on a site where the person records readings', () => {
    const chef = me([{ siteId: 'cc', permissions: ['readings:read', 'readings:record'] }]);
    expect(mayReadHere(chef, [{ siteId: 'cc', active: true }])).toBe(true);
    expect(mayReadHere(chef, [{ siteId: 'sy', active: true }])).toBe(false);
    expect(mayReadHere(chef, [{ siteId: 'cc', active: false }])).toBe(false);
    expect(mayReadHere(me([{ siteId: null, permissions: ['readings:record'] }]), [{ siteId: 'sy', active: true }])).toBe(true);
    expect(readingEntryLink('AB12 CD')).toBe('/readings/entry?qr=AB12%20CD');
  });

  it('finds the round under way with this point still to check in, before one whose checklist is open', () => {
    const target = { type: 'location' as const, id: 'loc-1' };
    const draftHere = round('r1', [point('p1', 'loc-1', 'checked', 'draft')]);
    const pendingHere = round('r2', [point('p2', 'loc-9', 'pending'), point('p3', 'loc-1', 'pending')]);
    expect(roundHere([draftHere, pendingHere], target)).toEqual({
      roundId: 'r2',
      pointId: 'p3',
      number: 'XJ-r2',
      planName: '防火巡查',
      pointStatus: 'pending',
    });
    expect(roundHere([draftHere], target)).toMatchObject({ roundId: 'r1', pointId: 'p1', pointStatus: 'checked' });
    expect(roundPointLink({ roundId: 'r2', pointId: 'p3' })).toBe('/patrols/rounds/r2?point=p3');
  });

  it('offers nothing for a point done or skipped, an asset with the same id, a round not started or not the person’s', () => {
    const target = { type: 'location' as const, id: 'loc-1' };
    expect(roundHere([round('r1', [point('p1', 'loc-1', 'checked', 'submitted'), point('p2', 'loc-1', 'skipped')])], target)).toBeNull();
    expect(roundHere([round('r1', [point('p1', 'loc-1', 'checked', null)])], target)).toBeNull();
    expect(roundHere([round('r1', [point('p1', 'loc-1', 'pending')])], { type: 'asset', id: 'loc-1' })).toBeNull();
    expect(roundHere([round('r1', [point('p1', 'loc-1', 'pending')], { status: 'pending' })], target)).toBeNull();
    expect(roundHere([round('r1', [point('p1', 'loc-1', 'pending')], { canDo: false })], target)).toBeNull();
  });
});
