// What every resolver receives: the database, the config, per-request loaders, and who is calling.
import DataLoader from 'dataloader';
import type { AppConfig } from './config.js';
import type { Database } from './db/database.js';
import type { Principal } from './domain/access.js';
import type { Community, Stakeholder } from './domain/models.js';
import type { AccessContext } from './auth/rules.js';
import type { AuthService } from './auth/service.js';
import type { AnswerCache } from './schema/common/answer-cache.js';
import type { ImportJobs } from './import/import-jobs.js';
import { findStakeholdersByIds } from './store/stakeholders.js';
import { findCommunitiesByIds } from './store/communities.js';

export interface Loaders {
  stakeholder: DataLoader<string, Stakeholder | null>;
  community: DataLoader<string, Community | null>;
}

export interface GraphQLContext extends AccessContext {
  db: Database;
  config: AppConfig;
  loaders: Loaders;
  /** Aborted when the client goes away: long work started for the request stops with it. */
  signal?: AbortSignal;
  /** The caller; null when anonymous. */
  viewer: Principal | null;
  auth: AuthService;
  /** Answers cached per data version (this app's; shared by its requests). */
  answers: AnswerCache;
  /** The import jobs of this app (process memory: the page polls them). */
  importJobs: ImportJobs;
}

export function createLoaders(db: Database): Loaders {
  return {
    stakeholder: new DataLoader(async (ids) => {
      const found = await findStakeholdersByIds(db, [...ids]);
      return ids.map((id) => found.get(id) ?? null);
    }),
    community: new DataLoader(async (ids) => {
      const found = await findCommunitiesByIds(db, [...ids]);
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}
