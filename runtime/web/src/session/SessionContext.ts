import { createContext, useContext } from 'react';
import { ApiError } from '../api/ApiError.js';
import type { User } from '../api/types.js';

export interface Session {
  readonly user: User;
  /** Call with any error from the API: a 401 means the session ended, and the app returns to sign-in. */
  readonly reportError: (error: unknown) => void;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in user; only valid below the app shell. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside the signed-in shell');
  return session;
}

export function isSessionEnd(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
