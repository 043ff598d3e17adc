/**
 * The pure part of automatic dispatch: which rule fits a new request, and whose turn it
 * is in a team. No database here, so both are tested exhaustively in unit tests.
 */
export interface CandidateRule {
  id: string;
  category: string | null;
  locationId: string | null;
  /** depth of the rule's location in the tree (0 = building); null when the rule has none */
  locationDepth: number | null;
  teamId: string | null;
  assigneeId: string | null;
  sort: number;
}

export interface RequestFacts {
  category: string;
  /** the request's location and all its ancestors (ids from the materialised path); empty without a location */
  locationIds: readonly string[];
}

export function ruleMatches(rule: CandidateRule, facts: RequestFacts): boolean {
  if (rule.category !== null && rule.category !== facts.category) return false;
  return rule.locationId === null || facts.locationIds.includes(rule.locationId);
}

/**
 * Matching rules, most specific first: the deepest location (a rule for room 301 beats
 * one for the building, which beats one without a location), then a rule naming the
 * category before a catch-all, then the administrator's sort order, then id so the
 * choice never depends on how the database returned the rows.
 */
export function rankRules<R extends CandidateRule>(rules: readonly R[], facts: RequestFacts): R[] {
  return rules
    .filter((r) => ruleMatches(r, facts))
    .sort(
      (a, b) =>
        (b.locationDepth ?? -1) - (a.locationDepth ?? -1) ||
        Number(b.category !== null) - Number(a.category !== null) ||
        a.sort - b.sort ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/** ids of a path such as `/a/b/c/` (the location itself last). */
export function pathIds(path: string | null | undefined): string[] {
  return path ? path.split('/').filter(Boolean) : [];
}

/**
 * Round-robin within a team: members in id order (stable however the team was edited);
 * the next one after the last assignee, wrapping round. A last assignee who has since
 * left the team still marks the position, so the turn passes to whoever followed them.
 */
export function nextInRotation(memberIds: readonly string[], lastAssigneeId: string | null): string | null {
  const ordered = [...new Set(memberIds)].sort();
  if (!ordered.length) return null;
  if (lastAssigneeId === null) return ordered[0] as string;
  return ordered.find((id) => id > lastAssigneeId) ?? (ordered[0] as string);
}
