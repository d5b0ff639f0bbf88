import type { SqlExecutor } from '../store/types.js';

/** A channel endpoint as stored: `config` has its secret fields sealed. */
export interface StoredEndpoint {
  readonly tenantId: string;
  readonly id: string;
  readonly channel: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly disabledAt: Date | null;
  readonly disabledReason: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

interface EndpointRow {
  tenant_id: string;
  id: string;
  channel: string;
  config: Record<string, unknown>;
  disabled_at: Date | null;
  disabled_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'tenant_id, id, channel, config, disabled_at, disabled_reason, created_at, updated_at';

function fromRow(row: EndpointRow): StoredEndpoint {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    channel: row.channel,
    config: row.config,
    disabledAt: row.disabled_at,
    disabledReason: row.disabled_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface EndpointInput {
  readonly tenantId: string;
  readonly id: string;
  readonly channel: string;
  /** Already validated and sealed (see sealChannelConfig). */
  readonly config: Readonly<Record<string, unknown>>;
}

/** Creates or replaces an endpoint; saving re-enables one a 410 had disabled (the operator fixed it). */
export async function saveEndpoint(tx: SqlExecutor, input: EndpointInput, now: Date): Promise<StoredEndpoint> {
  const { rows } = await tx.query<EndpointRow>(
    `INSERT INTO delivery_endpoints (tenant_id, id, channel, config, created_at, updated_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, $5)
     ON CONFLICT (tenant_id, id) DO UPDATE
       SET channel = EXCLUDED.channel, config = EXCLUDED.config, updated_at = EXCLUDED.updated_at,
           disabled_at = NULL, disabled_reason = NULL
     RETURNING ${COLUMNS}`,
    [input.tenantId, input.id, input.channel, JSON.stringify(input.config), now],
  );
  return fromRow(rows[0]!);
}

export async function getEndpoint(db: SqlExecutor, tenantId: string, id: string): Promise<StoredEndpoint | null> {
  const { rows } = await db.query<EndpointRow>(
    `SELECT ${COLUMNS} FROM delivery_endpoints WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function listEndpoints(db: SqlExecutor, tenantId: string): Promise<StoredEndpoint[]> {
  const { rows } = await db.query<EndpointRow>(
    `SELECT ${COLUMNS} FROM delivery_endpoints WHERE tenant_id = $1 ORDER BY id`,
    [tenantId],
  );
  return rows.map(fromRow);
}

/** Stops deliveries to an endpoint (a 410 from the target, or an operator). */
export async function disableEndpoint(
  db: SqlExecutor,
  tenantId: string,
  id: string,
  reason: string,
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE delivery_endpoints SET disabled_at = $3, disabled_reason = $4, updated_at = $3
     WHERE tenant_id = $1 AND id = $2 AND disabled_at IS NULL`,
    [tenantId, id, now, reason],
  );
}

export async function deleteEndpoint(db: SqlExecutor, tenantId: string, id: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM delivery_endpoints WHERE tenant_id = $1 AND id = $2', [
    tenantId,
    id,
  ]);
  return rowCount === 1;
}

/** The authenticated context an endpoint's secrets are sealed under (a sealed value moved elsewhere won't open). */
export function endpointSecretContext(tenantId: string, endpointId: string): string {
  return `endpoint:${tenantId}/${endpointId}`;
}

/** Re-enables an endpoint a 410 (or an operator) disabled; false when it does not exist. */
export async function enableEndpoint(db: SqlExecutor, tenantId: string, id: string, now: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE delivery_endpoints SET disabled_at = NULL, disabled_reason = NULL, updated_at = $3
     WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, now],
  );
  return rowCount === 1;
}
