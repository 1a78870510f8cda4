import { inject, test, expect } from 'vitest';
import { connect, execute } from '../../server/src/db/database.js';
test('neo4j answers', async () => {
  const { uri } = inject('neo4j');
  const db = connect(uri, undefined, undefined, 'neo4j');
  const rows = await execute<{ x: number }>(db, 'RETURN 1 AS x');
  expect(rows).toEqual([{ x: 1 }]);
  await db.driver.close();
});
