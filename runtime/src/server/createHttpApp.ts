import { LeadforgeError } from '@leadforge/engine';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { RuntimeContext } from '../context.js';
import { errorHandler, sendError } from './errorHandler.js';
import { mountRoutes } from './mountRoutes.js';
import { assertSanePayload } from './payloadGuard.js';
import type { RouteDef } from './route.js';
import { appRoutes } from './routes/app.js';
import { approvalRoutes } from './routes/approvals.js';
import { authRoutes } from './routes/auth.js';
import { automationRoutes } from './routes/automations.js';
import { captureRoutes } from './routes/capture.js';
import { conversionRoutes } from './routes/conversion.js';
import { dashboardRoutes } from './routes/dashboards.js';
import { deliveryRoutes } from './routes/delivery.js';
import { healthRoutes } from './routes/health.js';
import { IMPORT_PATH_PREFIX, importRoutes } from './routes/imports.js';
import { notificationRoutes } from './routes/notifications.js';
import { nurtureRoutes } from './routes/nurture.js';
import { pipelineRoutes } from './routes/pipelines.js';
import { poolRoutes } from './routes/pools.js';
import { publicFormRoutes } from './routes/publicForms.js';
import { recordRoutes } from './routes/records.js';
import { reportScheduleRoutes } from './routes/reportSchedules.js';
import { reportRoutes } from './routes/reports.js';
import { routingRoutes } from './routes/routing.js';
import { scoringRoutes } from './routes/scoring.js';
import { slaRoutes } from './routes/sla.js';
import { taskRoutes } from './routes/tasks.js';
import { tokenRoutes } from './routes/tokens.js';
import { trackingRoutes } from './routes/tracking.js';
import { userRoutes } from './routes/users.js';

/** Every HTTP route of the runtime, each with its access policy. */
export const allRoutes: readonly RouteDef[] = [
  ...healthRoutes,
  ...authRoutes,
  ...appRoutes,
  ...userRoutes,
  ...tokenRoutes,
  ...recordRoutes,
  ...pipelineRoutes,
  ...automationRoutes,
  ...taskRoutes,
  ...approvalRoutes,
  ...publicFormRoutes,
  ...captureRoutes,
  ...importRoutes,
  ...conversionRoutes,
  ...trackingRoutes,
  ...scoringRoutes,
  ...routingRoutes,
  ...poolRoutes,
  ...notificationRoutes,
  ...slaRoutes,
  ...nurtureRoutes,
  ...deliveryRoutes,
  ...reportRoutes,
  ...dashboardRoutes,
  ...reportScheduleRoutes,
];

export interface HttpAppOptions {
  readonly log?: (message: string) => void;
  /** The capture form pages and embed script (`/f/:form`, `/embed.js`), mounted after the API, before the web app. */
  readonly forms?: express.RequestHandler;
  /** Extra middleware mounted after the API (the web app's static files). */
  readonly web?: express.RequestHandler;
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

export function createHttpApp(ctx: RuntimeContext, options: HttpAppOptions = {}): Express {
  const log = options.log ?? ((m: string) => console.error(m));
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('etag', false);
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });
  app.use('/api', (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    // a CSV import reads its own text/csv body (routes/imports.ts); every other body is JSON
    const csvImport = req.method === 'POST' && req.path.startsWith(IMPORT_PATH_PREFIX) && req.is('text/csv');
    if (
      ['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method) &&
      hasBody(req) &&
      !req.is('application/json') &&
      !csvImport
    ) {
      next(new LeadforgeError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json'));
      return;
    }
    next();
  });
  app.use('/api', express.json({ limit: ctx.config.bodyLimitBytes, strict: true, type: 'application/json' }));
  app.use('/api', (req: Request, _res: Response, next: NextFunction) => {
    try {
      if (req.body !== undefined) assertSanePayload(req.body);
      assertSanePayload({ ...(req.query as Record<string, unknown>) });
      next();
    } catch (err) {
      next(err);
    }
  });
  mountRoutes(app, ctx, allRoutes);
  app.use('/api', (req: Request, res: Response) => {
    sendError(res, 404, 'NOT_FOUND', `no route ${req.method} ${req.originalUrl.split('?')[0]}`);
  });
  if (options.forms) app.use(options.forms);
  if (options.web) app.use(options.web);
  app.use(errorHandler(log));
  return app;
}
