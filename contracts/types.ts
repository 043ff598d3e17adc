/** Shapes shared by server responses and the web client. */
export interface Page<T> {
  items: T[];
  /** opaque keyset cursor for the next page, null at the end */
  nextCursor: string | null;
}

export interface SessionUser {
  id: string;
  username: string;
  name: string;
  locale: string;
  mustChangePassword: boolean;
}

export interface MeResponse {
  user: SessionUser;
  csrfToken: string;
  /** permissions granted on every site (null) or per site id */
  grants: { siteId: string | null; permissions: string[] }[];
  sites: { id: string; code: string; name: string; timezone: string }[];
  organization: { id: string; name: string };
  demo: boolean;
}

export const SITE_KINDS = ['store', 'campus', 'hospital', 'hotel', 'canteen', 'office', 'other'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const LOCATION_KINDS = ['building', 'floor', 'room', 'area', 'other'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

/** header the web sends when the site switcher narrows the view to one site */
export const SITE_HEADER = 'x-houqin-site';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'houqin_sid';
