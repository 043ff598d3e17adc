import type { PatrolRoundDto } from '../../../../contracts/patrols';
import type { Permission } from '../../../../contracts/permissions';
import type { ReadingPointDto } from '../../../../contracts/readings';
import type { MeResponse } from '../../../../contracts/types';
import { hasGrant } from '../../app/auth';

/**
 * What a signed-in person may do at a scanned label besides 报修: 抄表 at its reading
 * points and 巡检签到 on their round under way there. Pure, so the page only asks and shows.
 */

/** The location or asset a code labels, as GET /q/:code answers it. */
export interface QrTargetRef {
  type: 'asset' | 'location';
  id: string;
}

/** Which staff lookups are worth asking at all: both need reading the list and doing the step. */
export function staffAbilities(me: MeResponse | null | undefined): { readings: boolean; patrols: boolean } {
  const holds = (...perms: Permission[]) => Boolean(me && !me.user.mustChangePassword && perms.every((p) => hasGrant(me, p)));
  return { readings: holds('readings:read', 'readings:record'), patrols: holds('patrols:read', 'patrols:do') };
}

/** 抄表 is offered when a point here is on a site where the person records readings. */
export function mayReadHere(me: MeResponse, points: Pick<ReadingPointDto, 'siteId' | 'active'>[]): boolean {
  return points.some((p) => p.active && hasGrant(me, 'readings:record', p.siteId));
}

export const readingEntryLink = (code: string) => `/readings/entry?qr=${encodeURIComponent(code)}`;

export interface RoundHere {
  roundId: string;
  pointId: string;
  number: string;
  planName: string;
  /** pending: check in now; checked: its checklist is still to be submitted */
  pointStatus: 'pending' | 'checked';
}

/**
 * The person's round under way with a point on this target that still needs them: a point
 * not yet checked in first (the scan is for checking in), else one whose checklist is not
 * submitted. Rounds are taken in the order given (the list asks for the earliest due first).
 */
export function roundHere(
  rounds: Pick<PatrolRoundDto, 'id' | 'number' | 'planName' | 'status' | 'canDo' | 'points'>[],
  target: QrTargetRef,
): RoundHere | null {
  const candidates = rounds
    .filter((r) => r.status === 'in_progress' && r.canDo)
    .flatMap((r) => r.points.filter((p) => p.targetType === target.type && p.targetId === target.id).map((p) => ({ round: r, point: p })));
  const pick =
    candidates.find((c) => c.point.status === 'pending') ??
    candidates.find((c) => c.point.status === 'checked' && c.point.checklistStatus === 'draft');
  if (!pick) return null;
  return {
    roundId: pick.round.id,
    pointId: pick.point.id,
    number: pick.round.number,
    planName: pick.round.planName,
    pointStatus: pick.point.status === 'pending' ? 'pending' : 'checked',
  };
}

/** RoundPage opens the point named by `?point=` (on a phone it takes the whole page). */
export const roundPointLink = (here: Pick<RoundHere, 'roundId' | 'pointId'>) =>
  `/patrols/rounds/${encodeURIComponent(here.roundId)}?point=${encodeURIComponent(here.pointId)}`;
