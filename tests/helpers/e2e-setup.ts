// For the e2e tier: builds the client when missing and serves the whole app (API + client) on
// 127.0.0.1 over the shared test Neo4j, providing its URL. Each e2e file loads the demo data
// itself (resetToDemo), because the tiers before it clear the database. It also creates an admin with a
// random password and provides its name and password, so the tests sign in through the page (a clear
// of the test database keeps users).
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { createApp } from '../../server/src/app.js';
import { ensureClientBuilt } from '../../server/src/client-build.js';
import { loadConfig } from '../../server/src/config.js';
import { connect } from '../../server/src/db/database.js';
import { migrate } from '../../server/src/db/migrations.js';
import { hashPassword } from '../../server/src/auth/passwords.js';
import { createUser, setPasswordHash, setUserRole } from '../../server/src/store/access.js';
import { createHttpServer } from '../../server/src/http-server.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const target = project.getProvidedContext().neo4j;
  const clientDir = ensureClientBuilt((line) => console.log(`[e2e] ${line}`));
  const db = connect(target.uri, target.username || undefined, target.password || undefined, target.database);
  // Port 0: the server listens on a free port, so the Host check accepts any port on 127.0.0.1/localhost.
  const config = { ...loadConfig(), port: 0, logLevel: 'error' as const };
  await migrate(db);
  const e2eUser = { name: 'e2e-admin', password: randomBytes(18).toString('base64url') };
  const passwordHash = await hashPassword(e2eUser.password);
  if (!(await createUser(db, e2eUser.name, 'admin', passwordHash))) {
    await setPasswordHash(db, e2eUser.name, passwordHash);
    await setUserRole(db, e2eUser.name, 'admin');
  }
  project.provide('e2eUser', e2eUser);
  const server = createHttpServer(createApp({ db, config }), clientDir);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  project.provide('appUrl', `http://127.0.0.1:${port}/`);
  return async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.driver.close();
  };
}
