// Who is calling, and the ways to become someone: sessions (cookie), personal API tokens and OIDC
// bearer JWTs; password sign-in with rate limiting; one-time sign-in links. One instance per app.
import type { AccessRoleName, Principal, SignInMethod } from '../domain/access.js';
import type { Database } from '../db/database.js';
import {
  consumeSignInLink,
  createApiToken,
  createSession,
  createSignInLink,
  deleteSession,
  findSessionHolder,
  findTokenHolder,
  findUser,
  revokeApiToken,
  touchApiToken,
  type ApiTokenRecord,
} from '../store/access.js';
import { writeAuditEvent } from '../store/audit.js';
import { OidcVerifier, type OidcConfig } from './oidc.js';
import { verifyPassword } from './passwords.js';
import { DEFAULT_RATE_LIMIT, SignInLimiter, type RateLimitOptions } from './rate-limit.js';
import { API_TOKEN_PREFIX, hashSecret, newApiToken, newId, newSecret } from './secrets.js';

export const SESSION_COOKIE = 'atlas_session';

export interface AuthConfig {
  oidc: OidcConfig | undefined;
  /** Mark the session cookie Secure (the public URL is https). */
  secureCookies: boolean;
  sessionHours: number;
  rateLimit?: RateLimitOptions;
}

/** How long a session or token lookup is trusted without asking Neo4j again. */
const CACHE_MS = 30_000;
/** lastUsedAt is written at most this often per token (a write per request would double the cost of a read). */
const TOUCH_MS = 60_000;
const LINK_HOURS = 24;

interface Cached {
  principal: Principal | null;
  until: number;
  tokenId?: string;
}

export type SignInResult = { ok: true; cookie: string } | { ok: false; status: 401 | 429; error: string };

export class AuthService {
  private readonly cache = new Map<string, Cached>();
  private readonly touched = new Map<string, number>();
  private readonly limiter: SignInLimiter;
  private readonly oidc: OidcVerifier | undefined;

  constructor(
    private readonly db: Database,
    private readonly config: AuthConfig,
  ) {
    this.limiter = new SignInLimiter(config.rateLimit ?? DEFAULT_RATE_LIMIT);
    this.oidc = config.oidc ? new OidcVerifier(config.oidc) : undefined;
  }

  /** The caller of a request, or null when anonymous (or presenting nothing valid). */
  async authenticate(headers: Headers): Promise<Principal | null> {
    const authorization = headers.get('authorization');
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
      if (!match) return null;
      const bearer = match[1]!;
      if (bearer.startsWith(API_TOKEN_PREFIX)) return this.fromApiToken(bearer);
      return this.oidc ? this.oidc.verify(bearer) : null;
    }
    const session = readCookie(headers.get('cookie'), SESSION_COOKIE);
    return session ? this.fromSession(session) : null;
  }

  private async fromApiToken(token: string): Promise<Principal | null> {
    const hash = hashSecret(token);
    const key = `t:${hash}`;
    let entry = this.fresh(key);
    if (!entry) {
      const holder = await findTokenHolder(this.db, hash);
      entry = {
        principal: holder ? { name: holder.name, role: holder.role, via: 'token', local: true } : null,
        tokenId: holder?.id,
        until: Date.now() + CACHE_MS,
      };
      this.remember(key, entry);
    }
    if (entry.tokenId) this.touch(entry.tokenId);
    return entry.principal;
  }

  private touch(id: string): void {
    const now = Date.now();
    if (now - (this.touched.get(id) ?? 0) < TOUCH_MS) return;
    this.touched.set(id, now);
    // Not awaited: the request does not wait for bookkeeping; a failure only delays lastUsedAt.
    touchApiToken(this.db, id).catch(() => this.touched.delete(id));
  }

  private async fromSession(session: string): Promise<Principal | null> {
    const hash = hashSecret(session);
    const key = `s:${hash}`;
    const cached = this.fresh(key);
    if (cached) return cached.principal;
    const holder = await findSessionHolder(this.db, hash);
    const principal: Principal | null = holder
      ? { name: holder.name, role: holder.role, via: holder.via as SignInMethod, local: true }
      : null;
    this.remember(key, { principal, until: Date.now() + CACHE_MS });
    return principal;
  }

  private fresh(key: string): Cached | undefined {
    const entry = this.cache.get(key);
    if (entry && entry.until > Date.now()) return entry;
    if (entry) this.cache.delete(key);
    return undefined;
  }

  private remember(key: string, entry: Cached): void {
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, entry);
  }

  /** Forget every cached lookup (after a role change, a revocation). */
  forget(): void {
    this.cache.clear();
  }

  async signIn(name: string, password: string, address: string): Promise<SignInResult> {
    if (this.limiter.blocked(name, address)) {
      await writeAuditEvent(this.db, { actor: '(unknown)', action: 'signIn', targets: [], outcome: 'RATE_LIMITED' });
      return { ok: false, status: 429, error: 'Too many failed sign-ins; try again later.' };
    }
    const user = await findUser(this.db, name);
    const valid = await verifyPassword(password, user?.passwordHash);
    if (!user || !valid) {
      this.limiter.fail(name, address);
      // The attempted name is kept only when it is a user's: a mistyped password in the name field is not logged.
      await writeAuditEvent(this.db, {
        actor: user ? user.name : '(unknown)',
        action: 'signIn',
        targets: [],
        outcome: 'UNAUTHENTICATED',
      });
      return { ok: false, status: 401, error: 'Wrong name or password.' };
    }
    this.limiter.succeed(name);
    const cookie = await this.startSession(user.name, 'password');
    await writeAuditEvent(this.db, {
      actor: user.name,
      action: 'signIn',
      targets: [],
      counts: { via: 'password' },
      outcome: 'ok',
    });
    return { ok: true, cookie };
  }

  /** Creates a session and returns the Set-Cookie value. */
  private async startSession(user: string, via: SignInMethod): Promise<string> {
    const secret = newSecret();
    const expires = new Date(Date.now() + this.config.sessionHours * 3_600_000);
    await createSession(this.db, user, hashSecret(secret), via, expires.toISOString());
    return this.cookie(secret, Math.floor((expires.getTime() - Date.now()) / 1000));
  }

  cookie(value: string, maxAge: number): string {
    return [
      `${SESSION_COOKIE}=${value}`,
      'HttpOnly',
      'SameSite=Strict',
      'Path=/',
      `Max-Age=${maxAge}`,
      ...(this.config.secureCookies ? ['Secure'] : []),
    ].join('; ');
  }

  async signOut(headers: Headers): Promise<string> {
    const session = readCookie(headers.get('cookie'), SESSION_COOKIE);
    if (session) {
      const hash = hashSecret(session);
      const principal = await this.fromSession(session);
      await deleteSession(this.db, hash);
      this.cache.delete(`s:${hash}`);
      if (principal) await writeAuditEvent(this.db, { actor: principal.name, action: 'signOut', targets: [], outcome: 'ok' });
    }
    return this.cookie('', 0);
  }

  /** A one-time sign-in link's secret for this user (valid 24 h). */
  async createSignInLink(user: string): Promise<string> {
    const secret = newSecret();
    const expires = new Date(Date.now() + LINK_HOURS * 3_600_000).toISOString();
    if (!(await createSignInLink(this.db, user, hashSecret(secret), expires))) throw new Error('No such user');
    return secret;
  }

  /** Consumes a link; the Set-Cookie value when it was valid. */
  async signInWithLink(secret: string): Promise<string | null> {
    const holder = await consumeSignInLink(this.db, hashSecret(secret));
    if (!holder) {
      await writeAuditEvent(this.db, {
        actor: '(unknown)',
        action: 'signIn',
        targets: [],
        counts: { via: 'link' },
        outcome: 'UNAUTHENTICATED',
      });
      return null;
    }
    const cookie = await this.startSession(holder.name, 'link');
    await writeAuditEvent(this.db, { actor: holder.name, action: 'signIn', targets: [], counts: { via: 'link' }, outcome: 'ok' });
    return cookie;
  }

  async createToken(
    user: string,
    name: string,
    expiresInDays: number | null,
  ): Promise<{ token: string; apiToken: ApiTokenRecord } | null> {
    const token = newApiToken();
    const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000).toISOString() : null;
    const apiToken = await createApiToken(this.db, user, { id: newId(), name, hash: hashSecret(token), expiresAt });
    return apiToken ? { token, apiToken } : null;
  }

  async revokeToken(id: string): Promise<boolean> {
    const hash = await revokeApiToken(this.db, id);
    this.cache.delete(`t:${hash}`);
    return hash !== null;
  }
}

/** The value of one cookie from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || undefined;
  }
  return undefined;
}

export function toAccessRole(role: string): AccessRoleName | null {
  const lower = role.toLowerCase();
  return lower === 'viewer' || lower === 'analyst' || lower === 'editor' || lower === 'admin' ? lower : null;
}
