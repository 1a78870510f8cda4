// Trust on the client: session transitions, sign-in failures, role permissions, masked values, the 401 hook,
// the Audit view's filters and pages, and the token/password forms.
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  AuditEventsDocument,
  CreateApiTokenDocument,
  MeDocument,
  type ApiTokenRow,
  type AuditEventNode,
  type Viewer,
} from '../../../client/src/lib/graphql/auth-types';
import {
  describeError,
  isUnauthenticated,
  onUnauthenticated,
  request,
  RequestError,
} from '../../../client/src/lib/graphql/client';
import {
  appendEvents,
  auditVariables,
  dayStart,
  emptyAuditFilters,
  formatCounts,
  rangeProblem,
  targetSummary,
} from '../../../client/src/lib/state/audit-transitions';
import { atLeast, isMasked, MASKED, permissionsFor, personalText } from '../../../client/src/lib/state/permissions';
import {
  initialSession,
  sessionReducer,
  signInFailure,
  SIGN_IN_MESSAGES,
  validateSignIn,
  type SessionEvent,
  type SessionSnapshot,
} from '../../../client/src/lib/state/session-transitions';
import { passwordProblem, tokenFormProblem, tokenState, expiryDays } from '../../../client/src/lib/state/users-transitions';

const ada: Viewer = { name: 'ada', role: 'ADMIN', via: 'session' };

function run(...events: SessionEvent[]): SessionSnapshot {
  return events.reduce(sessionReducer, initialSession);
}

describe('session transitions', () => {
  it('starts by checking, then shows the sign-in page when anonymous or the app when signed in', () => {
    expect(initialSession.status).toBe('checking');
    expect(run({ type: 'checked', viewer: null })).toMatchObject({ status: 'anonymous', viewer: null });
    expect(run({ type: 'checked', viewer: ada })).toMatchObject({ status: 'signed-in', viewer: ada });
  });

  it('says when the server cannot be reached during the check', () => {
    const s = run({ type: 'check-failed', message: 'Cannot reach the server' });
    expect(s.status).toBe('unreachable');
    expect(s.notice).toBe('Cannot reach the server');
  });

  it('a failed attempt keeps the page with its error; a new attempt clears it; success signs in', () => {
    const failed = run(
      { type: 'checked', viewer: null },
      { type: 'submitted' },
      { type: 'sign-in-failed', error: signInFailure(401) },
    );
    expect(failed.status).toBe('anonymous');
    expect(failed.error?.message).toBe('Wrong name or password.');
    const retry = sessionReducer(failed, { type: 'submitted' });
    expect(retry).toMatchObject({ status: 'signing-in', error: null });
    expect(sessionReducer(retry, { type: 'signed-in', viewer: ada })).toEqual({
      status: 'signed-in',
      viewer: ada,
      error: null,
      notice: null,
    });
  });

  it('a 401 ends a signed-in session with a notice, and changes nothing before sign-in', () => {
    const signedIn = run({ type: 'checked', viewer: ada });
    const expired = sessionReducer(signedIn, { type: 'expired' });
    expect(expired).toMatchObject({ status: 'anonymous', viewer: null });
    expect(expired.notice).toMatch(/session has ended/);
    const anonymous = run({ type: 'checked', viewer: null });
    expect(sessionReducer(anonymous, { type: 'expired' })).toBe(anonymous);
  });

  it('signing out forgets the viewer and says so; the notice survives the next check', () => {
    const out = run({ type: 'checked', viewer: ada }, { type: 'signed-out' });
    expect(out).toMatchObject({ status: 'anonymous', viewer: null, notice: 'You are signed out.' });
    expect(sessionReducer(sessionReducer(out, { type: 'check' }), { type: 'checked', viewer: null }).notice).toBe(
      'You are signed out.',
    );
  });
});

describe('sign-in failures', () => {
  it('maps the answer of POST /auth/sign-in to what the person reads', () => {
    expect(signInFailure(401)).toEqual({ kind: 'credentials', message: 'Wrong name or password.' });
    expect(signInFailure(429).message).toBe('Too many attempts, try again in a few minutes.');
    expect(signInFailure(502).kind).toBe('unreachable');
    expect(signInFailure(504).kind).toBe('unreachable');
    expect(signInFailure(400).kind).toBe('missing');
    expect(signInFailure(500).kind).toBe('server');
    expect(SIGN_IN_MESSAGES.unreachable).toMatch(/Cannot reach the server/);
  });

  it('asks for both fields before sending (the password is not trimmed)', () => {
    expect(validateSignIn('  ', 'x')?.kind).toBe('missing');
    expect(validateSignIn('ada', '')?.kind).toBe('missing');
    expect(validateSignIn('ada', ' ')).toBeNull();
  });
});

describe('permissions', () => {
  it('orders the roles viewer < analyst < editor < admin', () => {
    expect(atLeast('ADMIN', 'EDITOR')).toBe(true);
    expect(atLeast('EDITOR', 'EDITOR')).toBe(true);
    expect(atLeast('ANALYST', 'EDITOR')).toBe(false);
    expect(atLeast('VIEWER', 'ANALYST')).toBe(false);
  });

  it('offers each role what it may do, and nothing to nobody', () => {
    expect(permissionsFor('VIEWER')).toEqual({
      personalData: false,
      analyse: false,
      exportData: false,
      edit: false,
      admin: false,
    });
    expect(permissionsFor('ANALYST')).toEqual({ personalData: true, analyse: true, exportData: true, edit: false, admin: false });
    expect(permissionsFor('EDITOR')).toEqual({ personalData: true, analyse: true, exportData: true, edit: true, admin: false });
    expect(permissionsFor('ADMIN')).toEqual({ personalData: true, analyse: true, exportData: true, edit: true, admin: true });
    expect(Object.values(permissionsFor(null)).some(Boolean)).toBe(false);
  });

  it('shows masked personal values as "hidden", never the raw mask', () => {
    expect(personalText(MASKED, false)).toBe('hidden');
    expect(personalText(MASKED, true)).toBe('hidden');
    expect(personalText(null, false)).toBe('hidden');
    expect(personalText(null, true)).toBeNull();
    expect(personalText('ada@example.org', true)).toBe('ada@example.org');
    expect(isMasked(MASKED, true)).toBe(true);
    expect(isMasked('crm:42', false)).toBe(false);
    expect(isMasked(undefined, false)).toBe(true);
  });
});

describe('requests and the session', () => {
  const answer = (status: number, body: unknown, seen: RequestInit[] = []): typeof fetch =>
    (async (_url: string | URL | Request, init?: RequestInit) => {
      if (init) seen.push(init);
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;

  it('sends the session cookie with every request', async () => {
    const seen: RequestInit[] = [];
    await request(MeDocument, {}, { fetch: answer(200, { data: { me: null } }, seen) });
    expect(seen[0]?.credentials).toBe('same-origin');
  });

  it('tells the session about a 401 or UNAUTHENTICATED answer, and only about those', async () => {
    let heard = 0;
    onUnauthenticated(() => heard++);
    try {
      const unauthenticated = { errors: [{ message: 'Sign in first', extensions: { code: 'UNAUTHENTICATED' } }] };
      const e401 = await request(MeDocument, {}, { fetch: answer(401, unauthenticated) }).catch((e: unknown) => e);
      expect(isUnauthenticated(e401)).toBe(true);
      expect(describeError(e401)).toMatch(/sign in again/);
      const e200 = await request(MeDocument, {}, { fetch: answer(200, { data: null, ...unauthenticated }) }).catch(
        (e: unknown) => e,
      );
      expect(isUnauthenticated(e200)).toBe(true);
      expect(heard).toBe(2);
      const forbidden = { errors: [{ message: 'Admins only', extensions: { code: 'FORBIDDEN' } }] };
      const e403 = await request(MeDocument, {}, { fetch: answer(403, forbidden) }).catch((e: unknown) => e);
      expect(e403).toBeInstanceOf(RequestError);
      expect(isUnauthenticated(e403)).toBe(false);
      expect(describeError(e403)).toBe('Admins only');
      expect(heard).toBe(2);
    } finally {
      onUnauthenticated(null);
    }
  });

  it('sends each trust operation as its own document, as codegen would', () => {
    expect(print(MeDocument)).toMatch(/^query Me \{/);
    expect(print(MeDocument)).not.toContain('mutation');
    expect(print(CreateApiTokenDocument)).toMatch(/^mutation CreateApiToken\(/);
    expect(print(AuditEventsDocument)).toContain('pageInfo');
  });
});

describe('audit view', () => {
  const event = (id: string): AuditEventNode => ({
    id,
    at: '2026-11-29T10:00:00Z',
    actor: 'ada',
    action: 'sign-in',
    targets: [],
    counts: null,
    outcome: 'ok',
  });

  it('leaves empty filters out and takes the whole last day', () => {
    expect(auditVariables(emptyAuditFilters)).toEqual({
      first: 50,
      after: null,
      action: null,
      actor: null,
      since: null,
      until: null,
    });
    const v = auditVariables({ action: ' export ', actor: 'ada', from: '2026-11-01', to: '2026-11-29' }, 'c50');
    expect(v).toMatchObject({ after: 'c50', action: 'export', actor: 'ada' });
    expect(v.since).toBe(new Date(2026, 10, 1).toISOString());
    expect(v.until).toBe(new Date(2026, 10, 30).toISOString());
    expect(dayStart('29/11/2026')).toBeNull();
  });

  it('refuses a backwards date range', () => {
    expect(rangeProblem({ ...emptyAuditFilters, from: '2026-11-29', to: '2026-11-01' })).toMatch(/after/);
    expect(rangeProblem({ ...emptyAuditFilters, from: '2026-11-01', to: '2026-11-01' })).toBeNull();
  });

  it('appends a page without repeating an event', () => {
    expect(appendEvents([event('1'), event('2')], [event('2'), event('3')]).map((e) => e.id)).toEqual(['1', '2', '3']);
  });

  it('reads counts and targets briefly', () => {
    expect(formatCounts({ nodes: 1200, ties: 3 })).toBe('nodes 1,200 · ties 3');
    expect(formatCounts(null)).toBe('');
    expect(formatCounts([1, 2])).toBe('[1,2]');
    expect(targetSummary(['a', 'b', 'c', 'd', 'e'])).toEqual({ shown: ['a', 'b', 'c'], more: 2 });
  });
});

describe('tokens and passwords', () => {
  const token = (over: Partial<ApiTokenRow>): ApiTokenRow => ({
    id: 't1',
    name: 'ci',
    createdAt: '2026-11-01T00:00:00Z',
    expiresAt: null,
    lastUsedAt: null,
    revoked: false,
    ...over,
  });

  it('tells active, expired and revoked tokens apart', () => {
    const now = Date.parse('2026-11-29T00:00:00Z');
    expect(tokenState(token({}), now)).toBe('active');
    expect(tokenState(token({ expiresAt: '2026-11-28T00:00:00Z' }), now)).toBe('expired');
    expect(tokenState(token({ expiresAt: '2026-12-28T00:00:00Z', revoked: true }), now)).toBe('revoked');
  });

  it('checks the new-token form', () => {
    expect(tokenFormProblem('', '30')).toMatch(/name/);
    expect(tokenFormProblem('ci', '0')).toMatch(/1 to 3650/);
    expect(tokenFormProblem('ci', '2.5')).toMatch(/whole number/);
    expect(tokenFormProblem('ci', '')).toBeNull();
    expect(tokenFormProblem('ci', '90')).toBeNull();
    expect(expiryDays('')).toBeNull();
    expect(expiryDays('90')).toBe(90);
  });

  it('checks a new password before sending it', () => {
    expect(passwordProblem('', '')).toMatch(/Enter/);
    expect(passwordProblem('correct horse', 'correct hors')).toMatch(/differ/);
    expect(passwordProblem('correct horse', 'correct horse')).toBeNull();
  });
});
