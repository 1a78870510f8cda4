// The access roles, ordered from least to most trusted, shared by auth/, store/ and the schema.

export const ACCESS_ROLES = ['viewer', 'analyst', 'editor', 'admin'] as const;
export type AccessRoleName = (typeof ACCESS_ROLES)[number];

export function isAccessRole(value: unknown): value is AccessRoleName {
  return typeof value === 'string' && (ACCESS_ROLES as readonly string[]).includes(value);
}

/** True when `held` is at least `required` in the order viewer < analyst < editor < admin. */
export function roleAtLeast(held: AccessRoleName, required: AccessRoleName): boolean {
  return ACCESS_ROLES.indexOf(held) >= ACCESS_ROLES.indexOf(required);
}

/** How a caller proved who they are. */
export type SignInMethod = 'password' | 'link' | 'token' | 'oidc';

/** Who is calling: a local user (session or token) or an OIDC subject. `role` is null when an OIDC token names no known role. */
export interface Principal {
  name: string;
  role: AccessRoleName | null;
  via: SignInMethod;
  /** True for local users (they have a User node: tokens, passwords). */
  local: boolean;
}
