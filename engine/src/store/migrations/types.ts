/** One schema change, applied once, in version order, inside its own transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** A script of statements without parameters. */
  readonly sql: string;
}
