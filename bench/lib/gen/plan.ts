import { CITIES, KINDS, type SiteKind } from './catalog.js';
import type { Rng } from './random.js';

/**
 * The sites and period of each dataset size. The demo stores 长春店 (CC) and 沈阳店 (SY)
 * are always the first two sites and keep their records; the others are new sites of the
 * group in the cities of north-east China, named after their street or district.
 */
export type DatasetSize = 'two-stores-year' | 'million' | 'hundred-sites-3y';

/** A size of your own (tests): `sites` counts 长春店 and 沈阳店 first, then new sites of every kind in turn. */
export interface CustomSize {
  sites: number;
  days: number;
  ordersPerSiteDay: number;
}

export const DATASET_SIZES: readonly DatasetSize[] = ['two-stores-year', 'million', 'hundred-sites-3y'];

export interface SitePlan {
  /** existing demo site to extend (CC, SY) or null for a new site */
  reuse: 'CC' | 'SY' | null;
  code: string;
  name: string;
  kind: SiteKind;
  city: string;
  address: string;
  /** scale of the site: floors, rooms, assets and staff grow with it */
  size: number;
  /** mean requests per day over the period */
  ordersPerDay: number;
}

export interface DatasetPlan {
  label: DatasetSize | 'custom';
  days: number;
  sites: SitePlan[];
}

const KIND_ORDER: SiteKind[] = ['store', 'campus', 'hospital', 'hotel', 'canteen', 'office'];
const KIND_LETTER: Record<SiteKind, string> = { store: 'S', campus: 'X', hospital: 'Y', hotel: 'J', canteen: 'T', office: 'B' };

function siteName(kind: SiteKind, city: string, place: string, n: number): string {
  switch (kind) {
    case 'store':
      return `${city}${place}店`;
    case 'campus':
      return n % 2 ? `${city}${place}实验学校` : `${city}${place}中学`;
    case 'hospital':
      return `${city}${place}医院`;
    case 'hotel':
      return `${city}${place}宾馆`;
    case 'canteen':
      return `${city}${place}员工食堂`;
    case 'office':
      return `${city}${place}办公楼`;
  }
}

/** New sites: kinds in the given numbers, spread over the cities by weight, sizes drawn around each kind's typical one. */
function newSites(rng: Rng, kinds: [SiteKind, number][], cityWeights: [string, number][], sizes: [number, number]): SitePlan[] {
  const used = new Map<string, number>();
  const placeUsed = new Set<string>();
  const out: SitePlan[] = [];
  const list = kinds.flatMap(([k, n]) => Array.from({ length: n }, () => k));
  for (const kind of list) {
    const cityCode = rng.weighted(cityWeights);
    const city = CITIES.find((c) => c[0] === cityCode) as (typeof CITIES)[number];
    const free = city[3].filter((p) => !placeUsed.has(`${cityCode}:${kind}:${p}`));
    const place = free.length ? rng.pick(free) : `${rng.pick(city[3])}${out.length}`;
    placeUsed.add(`${cityCode}:${kind}:${place}`);
    const n = (used.get(`${cityCode}${kind}`) ?? 0) + 1;
    used.set(`${cityCode}${kind}`, n);
    out.push({
      reuse: null,
      code: `${cityCode}${KIND_LETTER[kind]}${String(n).padStart(2, '0')}`,
      name: siteName(kind, city[1], place, n),
      kind,
      city: cityCode,
      address: `${city[2]}${city[1]}市${place}${rng.int(1, 999)}号`,
      size: Math.round(rng.between(sizes[0], sizes[1]) * 10) / 10,
      ordersPerDay: 0,
    });
  }
  return out;
}

const DEMO_STORES = (ccPerDay: number, syPerDay: number): SitePlan[] => [
  { reuse: 'CC', code: 'CC', name: '长春店', kind: 'store', city: 'CC', address: '', size: 1.2, ordersPerDay: ccPerDay },
  { reuse: 'SY', code: 'SY', name: '沈阳店', kind: 'store', city: 'SY', address: '', size: 1, ordersPerDay: syPerDay },
];

/** Spreads `ordersTotal` over the sites by kind and size. */
function shareOrders(sites: SitePlan[], ordersTotal: number, days: number): void {
  const weight = (s: SitePlan) => KINDS[s.kind].ordersPerDay * s.size;
  const sum = sites.reduce((a, s) => a + weight(s), 0);
  for (const s of sites) s.ordersPerDay = (ordersTotal / days) * (weight(s) / sum);
}

export function planOf(size: DatasetSize | CustomSize, rng: Rng): DatasetPlan {
  if (typeof size === 'object') {
    const sites = DEMO_STORES(size.ordersPerSiteDay, size.ordersPerSiteDay).slice(0, Math.max(0, size.sites));
    const extra = Math.max(0, size.sites - 2);
    const kinds = new Map<SiteKind, number>();
    for (let i = 0; i < extra; i++) {
      const k = KIND_ORDER[i % KIND_ORDER.length] as SiteKind;
      kinds.set(k, (kinds.get(k) ?? 0) + 1);
    }
    const made = newSites(rng, [...kinds], [['CC', 1]], [0.5, 0.8]);
    for (const s of made) s.ordersPerDay = size.ordersPerSiteDay;
    return { label: 'custom', days: size.days, sites: [...sites, ...made] };
  }
  if (size === 'two-stores-year') return { label: size, days: 365, sites: DEMO_STORES(32, 26) };
  if (size === 'million') {
    // big sites: a regional group's flagship stores, two hospitals, a university campus
    const sites = [
      ...DEMO_STORES(0, 0),
      ...newSites(
        rng,
        [
          ['store', 10],
          ['hospital', 2],
          ['campus', 2],
          ['hotel', 2],
          ['canteen', 1],
          ['office', 1],
        ],
        [
          ['CC', 5],
          ['SY', 4],
          ['JL', 3],
          ['HB', 3],
          ['DL', 3],
        ],
        [1.2, 2.2],
      ),
    ];
    for (const s of sites.slice(0, 2)) s.size = 1.8;
    shareOrders(sites, 1_000_000, 730);
    return { label: size, days: 730, sites };
  }
  const sites = [
    ...DEMO_STORES(0, 0),
    ...newSites(
      rng,
      [
        ['store', 58],
        ['campus', 12],
        ['hospital', 6],
        ['hotel', 10],
        ['canteen', 8],
        ['office', 4],
      ],
      CITIES.map(([code]) => [code, code === 'CC' ? 14 : code === 'SY' ? 12 : ['JL', 'HB', 'DL'].includes(code) ? 10 : 4]),
      [0.4, 1.3],
    ),
  ];
  // about 10 million rows in all: ~700,000 orders × their events, labour, timers and materials
  shareOrders(sites, 700_000, 1096);
  return { label: size, days: 1096, sites };
}
