// The session as rune state: who is signed in (the `me` query), signing in and out through /auth, and expiry on a 401.
import { MeDocument, type Viewer } from '../graphql/auth-types';
import { onUnauthenticated, request, RequestError } from '../graphql/client';
import { permissionsFor, type Permissions } from './permissions';
import {
  initialSession,
  sessionReducer,
  signInError,
  signInFailure,
  validateSignIn,
  type SessionEvent,
  type SessionSnapshot,
} from './session-transitions';

export interface SessionOptions {
  fetch?: typeof fetch;
}

export class Session {
  current = $state.raw<SessionSnapshot>(initialSession);
  readonly #fetch: typeof fetch;

  constructor(options: SessionOptions = {}) {
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  get viewer(): Viewer | null {
    return this.current.viewer;
  }

  get permissions(): Permissions {
    return permissionsFor(this.current.viewer?.role ?? null);
  }

  #apply(event: SessionEvent): void {
    this.current = sessionReducer(this.current, event);
  }

  /** Listens for 401/UNAUTHENTICATED answers of any request; returns the function that stops listening. */
  watch = (): (() => void) => {
    onUnauthenticated(() => this.#apply({ type: 'expired' }));
    return () => onUnauthenticated(null);
  };

  /** Asks the server who we are (null: anonymous). */
  check = async (): Promise<void> => {
    this.#apply({ type: 'check' });
    try {
      const { me } = await request(MeDocument, {}, { fetch: this.#fetch });
      this.#apply({ type: 'checked', viewer: me });
    } catch (error) {
      if (error instanceof RequestError && (error.status === 401 || error.code === 'UNAUTHENTICATED')) {
        this.#apply({ type: 'checked', viewer: null });
      } else {
        this.#apply({
          type: 'check-failed',
          message:
            error instanceof RequestError && error.kind !== 'NETWORK'
              ? `The server answered with an error: ${error.message}`
              : 'Cannot reach the server — is it running?',
        });
      }
    }
  };

  signIn = async (name: string, password: string): Promise<void> => {
    const invalid = validateSignIn(name, password);
    if (invalid !== null) {
      this.#apply({ type: 'sign-in-failed', error: invalid });
      return;
    }
    this.#apply({ type: 'submitted' });
    let response: Response;
    try {
      response = await this.#fetch('/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ name: name.trim(), password }),
        credentials: 'same-origin',
      });
    } catch {
      this.#apply({ type: 'sign-in-failed', error: signInError('unreachable') });
      return;
    }
    if (!response.ok) {
      this.#apply({ type: 'sign-in-failed', error: signInFailure(response.status) });
      return;
    }
    try {
      const { me } = await request(MeDocument, {}, { fetch: this.#fetch });
      if (me === null) this.#apply({ type: 'sign-in-failed', error: signInError('no-cookie') });
      else this.#apply({ type: 'signed-in', viewer: me });
    } catch (error) {
      const kind = error instanceof RequestError && error.kind === 'NETWORK' ? 'unreachable' : 'server';
      this.#apply({ type: 'sign-in-failed', error: signInError(kind) });
    }
  };

  signOut = async (): Promise<void> => {
    try {
      await this.#fetch('/auth/sign-out', { method: 'POST', credentials: 'same-origin' });
    } catch {
      // Unreachable: the cookie stays until it expires, but this page forgets the session either way.
    }
    this.#apply({ type: 'signed-out' });
  };
}
