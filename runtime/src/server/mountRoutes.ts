import { LeadforgeError } from '@leadforge/engine';
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import { isAdmin } from '../access/permissions.js';
import type { RuntimeContext } from '../context.js';
import { actorOf } from './authenticate.js';
import { clientIp } from './clientIp.js';
import type { RouteDef } from './route.js';

const API = '/api/v1';

/** The express handler of one route: who may call it, then its answer as JSON. */
function handlerOf(ctx: RuntimeContext, route: RouteDef) {
  return async (req: Request, res: Response) => {
    const ip = clientIp(req, ctx.config.trustedProxyHops);
    const actor = route.access === 'public' ? await actorOf(ctx, req).catch(() => null) : await actorOf(ctx, req);
    if (route.access !== 'public') {
      if (!actor) throw new LeadforgeError('UNAUTHENTICATED', 'sign in or send an API token');
      if (route.access === 'admin') {
        const published = await ctx.apps.current(actor.tenantId);
        if (!isAdmin(published?.app ?? null, actor)) throw new LeadforgeError('FORBIDDEN', 'only admins may do this');
      }
    }
    const answer =
      route.access === 'public'
        ? await route.handle({ ctx, req, res, actor, ip })
        : await route.handle({ ctx, req, res, actor: actor!, ip });
    if (!answer) return;
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
    if (answer.status === 204) res.status(204).end();
    else res.status(answer.status ?? 200).json(answer.body);
  };
}

/** `records` for `/api/v1/records/:object`; undefined for a path outside `/api/v1/<literal>`. */
function areaOf(path: string): string | undefined {
  if (!path.startsWith(`${API}/`)) return undefined;
  const area = path.slice(API.length + 1).split('/')[0]!;
  return area === '' || area.startsWith(':') ? undefined : area;
}

/**
 * Mounts every route in order. Routes under `/api/v1/<area>` sit in one router per area, reached
 * by a map lookup: a request is matched against its area's few routes, not against every route
 * declared before it (a public form submission used to walk some fifty).
 */
export function mountRoutes(app: Express, ctx: RuntimeContext, routes: readonly RouteDef[]): void {
  const areas = new Map<string, Router>();
  for (const route of routes) {
    const area = areaOf(route.path);
    if (area === undefined) {
      app[route.method](route.path, handlerOf(ctx, route));
      continue;
    }
    let router = areas.get(area);
    if (!router) {
      router = express.Router();
      areas.set(area, router);
    }
    router[route.method](route.path.slice(API.length), handlerOf(ctx, route));
  }
  app.use(API, (req: Request, res: Response, next: NextFunction) => {
    const router = areas.get((req.path.split('/')[1] ?? '').toLowerCase());
    if (router) router(req, res, next);
    else next();
  });
}
