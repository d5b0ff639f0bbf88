/** How a statement is run. */
export interface QueryOptions {
  /**
   * Parse and plan the statement once per connection and reuse it (a named prepared statement on
   * PostgreSQL; ignored where there is no such thing). Only for a hot statement whose text does not
   * vary (every distinct text stays prepared on every pooled connection) and whose result columns
   * are named (PostgreSQL refuses to run a prepared `SELECT *` once its table gained a column).
   */
  readonly prepared?: boolean;
}

/** Runs one parameterised statement. Values only ever travel as parameters ($1, $2, ...). */
export interface SqlExecutor {
  query<R = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<{ rows: R[]; rowCount: number }>;
}

/** The executor handed to a transaction body; `exec` runs a parameterless script (migrations) inside it. */
export interface SqlTransaction extends SqlExecutor {
  exec(sql: string): Promise<void>;
}

/** The store's port to a PostgreSQL dialect database; adapters live in runtime/src/store/drivers. */
export interface SqlDriver extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn inside BEGIN/COMMIT; rolls back if fn throws. */
  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}
