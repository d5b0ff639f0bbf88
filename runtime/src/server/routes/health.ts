import type { RouteDef } from '../route.js';

export const healthRoutes: readonly RouteDef[] = [
  {
    method: 'get',
    path: '/api/health',
    access: 'public',
    summary: 'answers 200 when the server can reach its database',
    async handle({ ctx }) {
      await ctx.db.query('SELECT 1');
      return { body: { status: 'ok', database: ctx.db.kind } };
    },
  },
];
