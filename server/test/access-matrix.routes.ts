import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import { modules } from '../src/modules/index.js';
import type { AppDeps, RouteAccess } from '../src/platform/http/types.js';

export interface RouteInfo {
  method: string;
  url: string;
  access: RouteAccess | undefined;
  /** the query string schema requires a value (a call without one is answered 400 by an allowed caller) */
  requiredQuery: boolean;
}

/**
 * The /api/v1 route table with each route's declared access. The app itself refuses to
 * start with an undeclared route, so the table is read from a second, bare instance where
 * an onRoute hook sees every module's routes before anything can refuse them.
 */
export async function routeTable(deps: AppDeps): Promise<RouteInfo[]> {
  const bare = Fastify();
  bare.decorate('deps', deps);
  const routes: RouteInfo[] = [];
  bare.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    const query = (route.schema as { querystring?: { required?: string[] } } | undefined)?.querystring;
    const requiredQuery = (query?.required?.length ?? 0) > 0;
    for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: route.url, access, requiredQuery });
  });
  // the plugins modules lean on while registering (rate limiters, multipart, cookies)
  await bare.register(cookie);
  await bare.register(multipart);
  await bare.register(rateLimit, { global: false });
  for (const mod of modules) await bare.register(mod, { prefix: '/api/v1' });
  await bare.ready();
  await bare.close();
  return routes;
}
