import { Rng, WeightedTable } from './gen/random.js';
import { type Answer, type JsonClient, signIn, type Unit } from './load.js';

/**
 * The mixed workload: what a department's people do to Houqin all day, as one stream of
 * requests. Each request is drawn by weight (the table below, documented in
 * bench/README.md) and sent as one of the demo users, signed in once each:
 *
 * - clerks and requesters report repairs: POST /api/v1/work-orders as `requester` and
 *   `security` at 长春店 and `cleaner` at 沈阳店;
 * - technicians work their orders: each technician request moves one order a step on
 *   (dispatch by `dispatcher` / `head`, then accept, arrive, start, a labour entry,
 *   finish as `tech` / `tech_sy`), sending the version the previous answer returned;
 *   an order is never in two requests at once, so no answer is a 409;
 * - supervisors read: the work-order list (newest first, open statuses, one site, a
 *   later page through its cursor), a work order's detail, the dispatch board, the
 *   measures of the month, the asset and location lists — as `dispatcher` (长春店),
 *   `head` and `admin` (every site).
 */

/** request kinds and their share of all requests, in % */
export const MIX: readonly (readonly [Draw, number])[] = [
  ['create', 10],
  ['technician', 20],
  ['list', 18],
  ['list open', 10],
  ['list site', 8],
  ['list page', 5],
  ['detail', 12],
  ['board', 5],
  ['measures', 2],
  ['assets', 5],
  ['locations', 5],
];

export type Draw =
  | 'create'
  | 'technician'
  | 'list'
  | 'list open'
  | 'list site'
  | 'list page'
  | 'detail'
  | 'board'
  | 'measures'
  | 'assets'
  | 'locations';

/** the steps a technician request may be, in order; `my orders` when no order is free to move */
export const TECHNICIAN_STEPS = ['dispatch', 'accept', 'arrive', 'start', 'labour', 'finish', 'my orders'] as const;

const OPEN = 'pending,dispatched,accepted,arrived,in_progress,paused';
const CATEGORIES = ['plumbing', 'power', 'hvac', 'doors_hardware', 'building'];
const FAULTS = ['二楼女装区灯管闪烁', '卫生间水龙头漏水', '空调不制冷', '卷帘门卡住', '地砖松动', '插座没电', '排水不畅', '门禁刷卡无反应'];
/** the deepest page `list page` follows a cursor to */
const MAX_PAGE = 10;
/** work-order ids a supervisor remembers from its lists, for `detail` */
const REMEMBERED = 300;

interface Session {
  login: string;
  headers: Record<string, string>;
  userId: string;
}

interface Supervisor extends Session {
  /** sites this supervisor may see (ids) */
  sites: string[];
  /** work-order ids seen in its lists (a ring) */
  seen: string[];
  seenAt: number;
  /** cursor of page n + 1 of the newest-first list, by n (index 1 = page 2) */
  cursors: (string | undefined)[];
}

interface Creator extends Session {
  siteId: string;
  /** locations of its site to report at */
  locations: string[];
}

interface Order {
  id: string;
  version: number;
  status: string;
  siteId: string;
  labour: boolean;
}

interface SiteCrew {
  siteId: string;
  /** who dispatches this site's orders */
  dispatcher: Session;
  tech: Session;
}

interface Me {
  user: { id: string };
}

interface Page {
  items: { id: string; kind?: string }[];
  nextCursor: string | null;
}

/** the work-order ids of a list page without parsing it all: every item starts `{"id":"…","number":` */
const ORDER_ID = /\{"id":"([^"]+)","number":/g;
const NEXT_CURSOR = /"nextCursor":(?:"([^"]*)"|null)\}$/;

export class MixedWorkload {
  /** technician requests answered so far that found no order to move */
  idleTechnician = 0;
  /** orders finished by the workload */
  finished = 0;
  private readonly draws: WeightedTable<Draw>;
  private readonly pending: Order[] = [];
  private readonly working: Order[] = [];
  private next = 0;

  private constructor(
    private readonly client: JsonClient,
    private readonly rng: Rng,
    private readonly creators: Creator[],
    private readonly crews: SiteCrew[],
    private readonly supervisors: Supervisor[],
    private readonly monthStart: string,
  ) {
    this.draws = new WeightedTable(MIX);
  }

  /** Signs the demo users in and reads what their requests need: sites, locations, user ids, a first page. */
  static async setUp(baseUrl: string, client: JsonClient, seed: number): Promise<MixedWorkload> {
    const logins = ['requester', 'security', 'cleaner', 'dispatcher', 'head', 'admin', 'tech', 'tech_sy'];
    const sessions = new Map<string, Session>();
    for (const login of logins) {
      const headers = await signIn(baseUrl, login);
      const me = await client.json<Me>('/api/v1/auth/me', headers);
      sessions.set(login, { login, headers, userId: me.user.id });
    }
    const as = (login: string) => sessions.get(login) as Session;
    const sites = await client.json<{ items: { id: string; code: string }[] }>('/api/v1/sites?limit=200', as('admin').headers);
    const siteId = (code: string) => {
      const s = sites.items.find((x) => x.code === code);
      if (!s) throw new Error(`demo site ${code} not found: the benchmark needs the demo organisation`);
      return s.id;
    };
    const cc = siteId('CC');
    const sy = siteId('SY');
    const locationsOf = async (site: string) => {
      const page = await client.json<Page>(`/api/v1/locations?siteId=${site}&limit=200`, as('admin').headers);
      return page.items.filter((l) => l.kind === 'room' || l.kind === 'area').map((l) => l.id);
    };
    const [ccLocations, syLocations] = await Promise.all([locationsOf(cc), locationsOf(sy)]);
    const creators: Creator[] = [
      { ...as('requester'), siteId: cc, locations: ccLocations },
      { ...as('security'), siteId: cc, locations: ccLocations },
      { ...as('cleaner'), siteId: sy, locations: syLocations },
    ];
    const crews: SiteCrew[] = [
      { siteId: cc, dispatcher: as('dispatcher'), tech: as('tech') },
      { siteId: sy, dispatcher: as('head'), tech: as('tech_sy') },
    ];
    const all = sites.items.map((s) => s.id);
    const supervisors: Supervisor[] = [
      { ...as('dispatcher'), sites: [cc], seen: [], seenAt: 0, cursors: [] },
      { ...as('head'), sites: all, seen: [], seenAt: 0, cursors: [] },
      { ...as('admin'), sites: all, seen: [], seenAt: 0, cursors: [] },
    ];
    const now = new Date();
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
    const workload = new MixedWorkload(client, new Rng(seed), creators, crews, supervisors, monthStart);
    // a first page for every supervisor, so that `detail` and `list page` have ids and cursors from the start
    for (const s of supervisors) {
      const a = await client.send('GET', '/api/v1/work-orders?limit=20', undefined, { headers: s.headers });
      if (a.status !== 200) throw new Error(`GET /api/v1/work-orders as ${s.login}: ${a.status} ${a.body.slice(0, 300)}`);
      workload.remember(s, a, 0);
    }
    return workload;
  }

  /** orders the workload created and is moving (for the report) */
  get ordersInHand(): number {
    return this.pending.length + this.working.length;
  }

  /** The next request of the stream, to start at `startedAt`. */
  request = (startedAt: number): Promise<Unit> => this.requestOf(this.draws.draw(this.rng))(startedAt);

  /** A request of one kind only (to measure what each kind costs on its own). */
  requestOf(draw: Draw): (startedAt: number) => Promise<Unit> {
    return (startedAt) => this.send(draw, startedAt);
  }

  private send(draw: Draw, startedAt: number): Promise<Unit> {
    switch (draw) {
      case 'create':
        return this.create(startedAt);
      case 'technician':
        return this.technician(startedAt);
      default:
        return this.read(draw, startedAt);
    }
  }

  private pick<T>(items: readonly T[]): T {
    return this.rng.pick(items);
  }

  private async timed(
    kind: string,
    session: Session,
    method: string,
    urlPath: string,
    body: unknown,
    startedAt: number,
  ): Promise<{ unit: Unit; answer: Answer }> {
    const answer = await this.client.send(method, urlPath, body, { headers: session.headers, startedAt });
    const ok = answer.status >= 200 && answer.status < 300;
    return { unit: { kind, latencies: ok ? [answer.ms] : [], failed: ok ? 0 : 1, statuses: [answer.status] }, answer };
  }

  private async create(startedAt: number): Promise<Unit> {
    const who = this.pick(this.creators);
    this.next += 1;
    const body = {
      siteId: who.siteId,
      ...(who.locations.length && this.rng.chance(0.7) && { locationId: this.pick(who.locations) }),
      category: this.pick(CATEGORIES),
      urgency: this.rng.chance(0.15) ? 'urgent' : 'normal',
      description: `压测报修 ${this.next}：${this.pick(FAULTS)}`,
    };
    const { unit, answer } = await this.timed('create', who, 'POST', '/api/v1/work-orders', body, startedAt);
    if (answer.status === 201) {
      const o = JSON.parse(answer.body) as { id: string; version: number; status: string };
      if (o.status === 'pending') this.pending.push({ id: o.id, version: o.version, status: o.status, siteId: who.siteId, labour: false });
    }
    return unit;
  }

  /** Moves the order that has waited longest a step on; dispatches a new one when none is free. */
  private async technician(startedAt: number): Promise<Unit> {
    const order = this.working.shift() ?? this.pending.shift();
    if (!order) {
      this.idleTechnician += 1;
      const crew = this.pick(this.crews);
      const url = `/api/v1/work-orders?assigneeId=${crew.tech.userId}&status=dispatched,accepted,arrived,in_progress&limit=20`;
      return (await this.timed('my orders', crew.tech, 'GET', url, undefined, startedAt)).unit;
    }
    const crew = this.crews.find((c) => c.siteId === order.siteId) as SiteCrew;
    const base = `/api/v1/work-orders/${order.id}`;
    let step: { kind: string; who: Session; path: string; body: Record<string, unknown> };
    if (order.status === 'pending') {
      step = { kind: 'dispatch', who: crew.dispatcher, path: `${base}/actions/dispatch`, body: { assigneeId: crew.tech.userId } };
    } else if (order.status === 'in_progress' && !order.labour) {
      step = { kind: 'labour', who: crew.tech, path: `${base}/labour`, body: { kind: 'effective', minutes: this.rng.int(15, 120) } };
    } else {
      const action = ({ dispatched: 'accept', accepted: 'arrive', arrived: 'start', in_progress: 'finish' } as Record<string, string>)[
        order.status
      ];
      if (!action) throw new Error(`order ${order.id} is ${order.status}: the workload has no step for it`);
      const body = action === 'finish' ? { cause: 'ageing', result: '已修复' } : {};
      step = { kind: action, who: crew.tech, path: `${base}/actions/${action}`, body };
    }
    const isLabour = step.kind === 'labour';
    const { unit, answer } = await this.timed(
      step.kind,
      step.who,
      'POST',
      step.path,
      isLabour ? step.body : { version: order.version, ...step.body },
      startedAt,
    );
    if (unit.failed) return unit; // dropped: a failed step is reported, not retried
    if (isLabour) order.labour = true;
    else {
      const o = JSON.parse(answer.body) as { version: number; status: string };
      order.version = o.version;
      order.status = o.status;
    }
    if (order.status === 'resolved') this.finished += 1;
    else this.working.push(order);
    return unit;
  }

  private remember(s: Supervisor, a: Answer, page: number): void {
    if (a.status !== 200) return;
    // ids now and then, not from every answer: parsing costs the load generator CPU the server needs
    if (s.seen.length < REMEMBERED || this.rng.chance(0.1)) {
      for (const m of a.body.matchAll(ORDER_ID)) {
        s.seen[s.seenAt] = m[1] as string;
        s.seenAt = (s.seenAt + 1) % REMEMBERED;
      }
    }
    if (page < MAX_PAGE - 1) s.cursors[page + 1] = a.body.slice(-1000).match(NEXT_CURSOR)?.[1];
  }

  private async read(draw: Exclude<Draw, 'create' | 'technician'>, startedAt: number): Promise<Unit> {
    const s = this.pick(this.supervisors);
    const site = () => this.pick(s.sites);
    const get = (kind: string, url: string) => this.timed(kind, s, 'GET', url, undefined, startedAt);
    switch (draw) {
      case 'list': {
        const { unit, answer } = await get(draw, '/api/v1/work-orders?limit=20');
        this.remember(s, answer, 0);
        return unit;
      }
      case 'list open':
        return (await get(draw, `/api/v1/work-orders?status=${OPEN}&limit=20`)).unit;
      case 'list site':
        return (await get(draw, `/api/v1/work-orders?siteId=${site()}&limit=20`)).unit;
      case 'list page': {
        const pages = s.cursors.map((c, i) => (c ? i : -1)).filter((i) => i > 0);
        const page = pages.length ? this.pick(pages) : 0;
        const cursor = s.cursors[page];
        const { unit, answer } = await get(draw, `/api/v1/work-orders?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        this.remember(s, answer, page);
        return unit;
      }
      case 'detail': {
        const id = s.seen.length ? this.pick(s.seen) : null;
        if (!id) return (await get('list', '/api/v1/work-orders?limit=20')).unit;
        return (await get(draw, `/api/v1/work-orders/${id}`)).unit;
      }
      case 'board':
        return (await get(draw, s.sites.length > 1 ? `/api/v1/work-orders/board?siteId=${site()}` : '/api/v1/work-orders/board')).unit;
      case 'measures': {
        const scope = s.sites.length > 1 && this.rng.chance(0.5) ? `&siteId=${site()}` : '';
        return (await get(draw, `/api/v1/work-orders/measures?from=${this.monthStart}&to=${new Date().toISOString()}${scope}`)).unit;
      }
      case 'assets':
        return (await get(draw, `/api/v1/assets?siteId=${site()}&limit=20`)).unit;
      case 'locations':
        return (await get(draw, `/api/v1/locations?siteId=${site()}&limit=50`)).unit;
    }
  }
}

/** every kind a request may report, in the order tables list them */
export const KINDS: readonly string[] = [
  'create',
  ...TECHNICIAN_STEPS,
  ...MIX.map(([k]) => k).filter((k) => k !== 'create' && k !== 'technician'),
];
