import type { LocationKind, SiteKind } from '../../../../contracts/types';

/** JSON shapes of the org endpoints (server/src/modules/org/*.service.ts). */
export interface Site {
  id: string;
  code: string;
  name: string;
  kind: SiteKind;
  timezone: string;
  address: string | null;
  openingHours: string | null;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Location {
  id: string;
  siteId: string;
  parentId: string | null;
  path: string;
  depth: number;
  code: string;
  name: string;
  kind: LocationKind;
  sort: number;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface LocationListItem extends Location {
  siteCode: string;
  siteName: string;
  parentCode: string | null;
  pathName: string;
}

export type LocationNode = Location & { children: LocationNode[] };

export interface LocationTree {
  site: { id: string; code: string; name: string };
  nodes: LocationNode[];
}

export interface Department {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  parentCode?: string | null;
  parentName?: string | null;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Team {
  id: string;
  code: string;
  name: string;
  siteId: string | null;
  leaderId: string | null;
  siteCode?: string | null;
  siteName?: string | null;
  leaderName?: string | null;
  memberCount?: number;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface UserBrief {
  id: string;
  name: string;
  username: string;
}

export interface TeamDetail extends Team {
  site: { id: string; code: string; name: string } | null;
  leader: UserBrief | null;
  members: (UserBrief & { active: boolean })[];
}
