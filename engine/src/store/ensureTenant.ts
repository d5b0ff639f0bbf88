import type { SqlExecutor } from './types.js';

/** Creates the tenant if it does not exist yet; an existing tenant keeps its name. */
export async function ensureTenant(db: SqlExecutor, tenantId: string, name: string): Promise<void> {
  await db.query('INSERT INTO tenants (tenant_id, name) VALUES ($1, $2) ON CONFLICT (tenant_id) DO NOTHING', [
    tenantId,
    name,
  ]);
}
