// databaseId: one stable identity per database (the page keys its local target list by it), readable by viewers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestClient } from '../helpers/app.js';
import { openTestDatabase, snapshot, type TestDatabase } from '../helpers/database.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => t.close());

describe('databaseId', () => {
  it('is the same on every call, names the database, and writes nothing', async () => {
    const viewer = createTestClient(t, { role: 'viewer' });
    const before = await snapshot(t.db);
    const first = (await viewer.data<{ databaseId: string }>('{ databaseId }')).databaseId;
    const second = (await viewer.data<{ databaseId: string }>('{ databaseId }')).databaseId;
    expect(first).toBe(second);
    expect(first.startsWith(`${t.db.name}:`)).toBe(true);
    expect(first.length).toBeGreaterThan(t.db.name.length + 8);
    expect(await snapshot(t.db)).toBe(before);
  });

  it('is not given to anonymous callers', async () => {
    const anonymous = createTestClient(t, { role: null });
    const answer = await anonymous.gql('{ databaseId }');
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
