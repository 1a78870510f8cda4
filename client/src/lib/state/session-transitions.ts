// Pure transitions of the session: checking who is signed in, the sign-in form's outcomes, sign-out and expiry.
import type { Viewer } from '../graphql/auth-types';

export type SessionStatus = 'checking' | 'anonymous' | 'signing-in' | 'signed-in' | 'unreachable';

export type SignInErrorKind = 'missing' | 'credentials' | 'rate-limited' | 'unreachable' | 'no-cookie' | 'server';

export interface SignInError {
  kind: SignInErrorKind;
  message: string;
}

export interface SessionSnapshot {
  status: SessionStatus;
  viewer: Viewer | null;
  /** Why the last sign-in attempt failed (shown inline under the form). */
  error: SignInError | null;
  /** A note above the form (e.g. the session ended, or signed out). */
  notice: string | null;
}

export type SessionEvent =
  | { type: 'check' }
  | { type: 'checked'; viewer: Viewer | null }
  | { type: 'check-failed'; message: string }
  | { type: 'submitted' }
  | { type: 'sign-in-failed'; error: SignInError }
  | { type: 'signed-in'; viewer: Viewer }
  | { type: 'signed-out' }
  | { type: 'expired' };

export const initialSession: SessionSnapshot = { status: 'checking', viewer: null, error: null, notice: null };

export const SIGN_IN_MESSAGES: Record<SignInErrorKind, string> = {
  missing: 'Enter your name and password.',
  credentials: 'Wrong name or password.',
  'rate-limited': 'Too many attempts, try again in a few minutes.',
  unreachable: 'Cannot reach the server — is it running? Try again in a moment.',
  'no-cookie': 'Signed in, but the browser did not keep the session cookie (cookies blocked?).',
  server: 'The server could not sign you in right now. Try again.',
};

export function signInError(kind: SignInErrorKind): SignInError {
  return { kind, message: SIGN_IN_MESSAGES[kind] };
}

export function sessionReducer(state: SessionSnapshot, event: SessionEvent): SessionSnapshot {
  switch (event.type) {
    case 'check':
      return { ...state, status: 'checking', error: null };
    case 'checked':
      return event.viewer === null
        ? { status: 'anonymous', viewer: null, error: null, notice: state.notice }
        : { status: 'signed-in', viewer: event.viewer, error: null, notice: null };
    case 'check-failed':
      return { status: 'unreachable', viewer: null, error: null, notice: event.message };
    case 'submitted':
      return { ...state, status: 'signing-in', error: null };
    case 'sign-in-failed':
      return { status: 'anonymous', viewer: null, error: event.error, notice: null };
    case 'signed-in':
      return { status: 'signed-in', viewer: event.viewer, error: null, notice: null };
    case 'signed-out':
      return { status: 'anonymous', viewer: null, error: null, notice: 'You are signed out.' };
    case 'expired':
      // Only a signed-in session can end; a 401 while on the sign-in page changes nothing.
      if (state.status !== 'signed-in') return state;
      return { status: 'anonymous', viewer: null, error: null, notice: 'Your session has ended — sign in again.' };
  }
}

/** Checks the form before sending it: both fields are needed (the password is not trimmed). */
export function validateSignIn(name: string, password: string): SignInError | null {
  return name.trim() === '' || password === '' ? signInError('missing') : null;
}

/** What a non-204 answer of `POST /auth/sign-in` means for the person at the form. */
export function signInFailure(status: number): SignInError {
  if (status === 401) return signInError('credentials');
  if (status === 400) return signInError('missing');
  if (status === 429) return signInError('rate-limited');
  if (status === 502 || status === 503 || status === 504) return signInError('unreachable');
  return signInError('server');
}
