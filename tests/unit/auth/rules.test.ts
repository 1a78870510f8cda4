// The access rules: every Query and Mutation field has an @auth rule (the check fails on a fixture
// schema that forgets one), roles are ordered, audit targets keep ids only, passwords hash and verify.
import { describe, expect, it } from 'vitest';
import { buildSchema as buildSdl } from 'graphql';
import { buildSchema } from '../../../server/src/schema/index.js';
import { applyAccessRules, auditTargets, fieldsWithoutRule } from '../../../server/src/auth/rules.js';
import { roleAtLeast } from '../../../server/src/domain/access.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../../server/src/auth/passwords.js';
import { SignInLimiter } from '../../../server/src/auth/rate-limit.js';
import { readCookie } from '../../../server/src/auth/service.js';

const DIRECTIVES = `
  enum AccessRole { VIEWER ANALYST EDITOR ADMIN }
  directive @auth(requires: AccessRole!, anonymous: Boolean = false) on FIELD_DEFINITION
  directive @personal on FIELD_DEFINITION`;

describe('@auth on every root field', () => {
  it('holds for the application schema: no Query or Mutation field lacks a rule', () => {
    const schema = buildSchema();
    expect(fieldsWithoutRule(schema)).toEqual([]);
    // And it is the whole schema: the known fields are there.
    expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(expect.arrayContaining(['stakeholder', 'me', 'auditEvents']));
  });

  it('fails on a fixture schema that forgets one, naming the field', () => {
    const fixture = buildSdl(`${DIRECTIVES}
      type Query { ok: String @auth(requires: VIEWER) forgotten: String }
      type Mutation { change: Boolean @auth(requires: EDITOR) alsoForgotten: Boolean }`);
    expect(fieldsWithoutRule(fixture)).toEqual(['Query.forgotten', 'Mutation.alsoForgotten']);
    expect(() => applyAccessRules(fixture)).toThrow(/Query\.forgotten, Mutation\.alsoForgotten/);
  });
});

describe('roles', () => {
  it('are ordered viewer < analyst < editor < admin', () => {
    expect(roleAtLeast('viewer', 'viewer')).toBe(true);
    expect(roleAtLeast('viewer', 'analyst')).toBe(false);
    expect(roleAtLeast('editor', 'analyst')).toBe(true);
    expect(roleAtLeast('editor', 'admin')).toBe(false);
    expect(roleAtLeast('admin', 'editor')).toBe(true);
  });
});

describe('audit targets', () => {
  it('keep id-like arguments and never names, e-mails or values', () => {
    expect(
      auditTargets({ id: 's1', input: { name: 'Erin Cole', email: 'erin@example.org', id: 's1', community: 'c1' } }, null),
    ).toEqual(['s1', 'c1']);
    expect(auditTargets({ input: { source: 'a', target: 'b', type: 'WORKS_WITH', weight: 2 } }, true)).toEqual(['a', 'b']);
    expect(auditTargets({ input: { name: 'New person', kind: 'PERSON' } }, { id: 'generated-1', name: 'New person' })).toEqual([
      'generated-1',
    ]);
    expect(auditTargets({ name: 'my laptop' }, { token: 'atlas_secret', apiToken: { id: 't1' } })).toEqual(['t1']);
  });
});

describe('passwords', () => {
  it('hash with a per-user salt and verify only the right password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterz', a)).toBe(false);
    expect(await verifyPassword('anything', null)).toBe(false);
    expect(passwordProblem('short')).toMatch(/at least/);
    expect(passwordProblem('long enough now')).toBeNull();
  });
});

describe('sign-in rate limit', () => {
  it('blocks a name after 5 failures and an address after 20, for the window', () => {
    const limiter = new SignInLimiter({ maxPerName: 5, maxPerAddress: 20, windowMs: 1000 });
    for (let i = 0; i < 5; i++) limiter.fail('alice', '10.0.0.1', i);
    expect(limiter.blocked('alice', '10.0.0.2', 10)).toBe(true);
    expect(limiter.blocked('bob', '10.0.0.2', 10)).toBe(false);
    expect(limiter.blocked('alice', '10.0.0.2', 2000)).toBe(false);
    for (let i = 0; i < 20; i++) limiter.fail(`user${i}`, '10.0.0.9', 3000);
    expect(limiter.blocked('carol', '10.0.0.9', 3001)).toBe(true);
  });
});

describe('cookies', () => {
  it('reads one cookie from a header', () => {
    expect(readCookie('a=1; atlas_session=abc-_; b=2', 'atlas_session')).toBe('abc-_');
    expect(readCookie('a=1', 'atlas_session')).toBeUndefined();
    expect(readCookie(null, 'atlas_session')).toBeUndefined();
  });
});
