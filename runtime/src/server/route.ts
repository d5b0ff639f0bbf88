import type { Request, Response } from 'express';
import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';
import { onlyParamsOrThrow } from '../records/recordInput.js';

/** Who may call a route. Every route declares one; a test checks that none is missing. */
export type AccessPolicy = 'public' | 'user' | 'admin';

export interface Answer {
  readonly status?: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RouteCall<A> {
  readonly ctx: RuntimeContext;
  readonly req: Request;
  readonly res: Response;
  readonly actor: A;
  readonly ip: string;
}

/** A handler returns an answer to send as JSON, or undefined when it wrote the response itself (a stream). */
type Handler<A> = (call: RouteCall<A>) => Promise<Answer | undefined>;

interface RouteBase {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete' | 'options';
  readonly path: string;
  readonly summary: string;
}

export type RouteDef =
  | (RouteBase & { readonly access: 'public'; readonly handle: Handler<Actor | null> })
  | (RouteBase & { readonly access: 'user' | 'admin'; readonly handle: Handler<Actor> });

/** Query-string parameters as plain data (Express gives a prototype-less object). */
export function queryOf(req: Request): Record<string, unknown> {
  return { ...(req.query as Record<string, unknown>) };
}

export function paramOf(req: Request, name: string): string {
  const v = req.params[name];
  return typeof v === 'string' ? v : '';
}

/** Refuses any query-string parameter (a route that takes none), naming each one. */
export function noQueryOrThrow(req: Request): void {
  onlyParamsOrThrow(queryOf(req), []);
}
