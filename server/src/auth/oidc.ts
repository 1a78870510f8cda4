// Single sign-on: bearer JWTs checked against an OIDC issuer's keys (discovered once from
// /.well-known/openid-configuration), its audience, and a claim that names the Atlas role.
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { isAccessRole, type Principal } from '../domain/access.js';

export interface OidcConfig {
  issuer: string;
  audience: string;
  roleClaim: string;
}

export class OidcVerifier {
  private keys: Promise<JWTVerifyGetKey> | undefined;
  constructor(private readonly config: OidcConfig) {}

  private async discover(): Promise<JWTVerifyGetKey> {
    const base = this.config.issuer.replace(/\/+$/, '');
    const response = await fetch(`${base}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`OIDC discovery answered ${response.status}`);
    const document = (await response.json()) as { jwks_uri?: unknown };
    if (typeof document.jwks_uri !== 'string') throw new Error('OIDC discovery has no jwks_uri');
    return createRemoteJWKSet(new URL(document.jwks_uri));
  }

  /** The principal of a valid token (role null when the claim is missing or unknown), or null when the token is not valid. */
  async verify(token: string): Promise<Principal | null> {
    this.keys ??= this.discover().catch((error: unknown) => {
      this.keys = undefined; // try discovery again on the next token
      throw error;
    });
    try {
      const { payload } = await jwtVerify(token, await this.keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        clockTolerance: 5,
      });
      if (typeof payload.sub !== 'string' || payload.sub === '') return null;
      const claimed = payload[this.config.roleClaim];
      const lower = typeof claimed === 'string' ? claimed.toLowerCase() : '';
      return { name: payload.sub, role: isAccessRole(lower) ? lower : null, via: 'oidc', local: false };
    } catch {
      return null;
    }
  }
}
