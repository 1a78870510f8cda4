// Which engine runs an analysis: Node (graphology in a worker thread) or Neo4j Graph Data Science, chosen per run
// by the request, else by the setting (auto: GDS when the database has it and the ecosystem is large).
import type { AnalysisEngineSettings } from '../config.js';
import type { Database } from '../db/database.js';
import type { AnalysisEngine } from '../domain/models.js';
import type { RunWeight } from '../domain/relationship-strength.js';
import { gdsProcedures, gdsVersion } from '../store/gds.js';
import { countTies } from '../store/projection.js';

/** Thrown when a run asks for Graph Data Science and the database has none. */
export class EngineUnavailableError extends Error {
  override name = 'EngineUnavailableError';
}

export interface GdsCapabilities {
  version: string;
  /** Leiden (seeded, with a resolution) when installed, else Louvain. */
  communityProcedure: 'gds.leiden.mutate' | 'gds.louvain.mutate';
  /** The procedures a run needs that this GDS lacks (HITS and k-core came in GDS 2.x releases); empty when usable. */
  missing: string[];
}

/** Procedures a GDS run calls besides community detection. */
const REQUIRED = [
  'gds.graph.relationships.toUndirected',
  'gds.pageRank.mutate',
  'gds.hits.mutate',
  'gds.degree.mutate',
  'gds.kcore.mutate',
  'gds.betweenness.mutate',
  'gds.wcc.mutate',
  'gds.graph.nodeProperties.stream',
];

export const NODE_ONLY_SETTINGS: AnalysisEngineSettings = { engine: 'node', gdsMinTies: 0, gdsTimeoutMs: 900_000 };

const detected = new WeakMap<Database, Promise<GdsCapabilities | null>>();

/** Graph Data Science on this database, detected once per connection (a user's own Neo4j with GDS works too). */
export function gdsCapabilities(db: Database): Promise<GdsCapabilities | null> {
  let found = detected.get(db);
  if (!found) {
    found = (async () => {
      const version = await gdsVersion(db);
      if (version === null) return null;
      const procedures = await gdsProcedures(db);
      return {
        version,
        communityProcedure: procedures.has('gds.leiden.mutate') ? 'gds.leiden.mutate' : 'gds.louvain.mutate',
        missing: REQUIRED.filter((p) => !procedures.has(p)),
      } satisfies GdsCapabilities;
    })();
    found.catch(() => detected.delete(db)); // a failed detection is retried by the next run
    detected.set(db, found);
  }
  return found;
}

/**
 * The engine of a run: the request's, else the setting's; `auto` picks GDS above `gdsMinTies` ties when present.
 * GDS weighs ties by their imported weight only: a run weighted otherwise is refused there, and `auto` runs it on Node.
 */
export async function resolveEngine(
  db: Database,
  requested: AnalysisEngine | null,
  settings: AnalysisEngineSettings,
  weight: RunWeight = 'TIES',
): Promise<AnalysisEngine> {
  const wanted = requested ?? (settings.engine === 'auto' ? null : settings.engine === 'gds' ? 'GDS' : 'NODE');
  if (wanted === 'NODE') return 'NODE';
  if (weight !== 'TIES') {
    if (wanted === 'GDS')
      throw new EngineUnavailableError(
        `Graph Data Science runs weigh ties by their imported weight only; weight ${weight} needs engine NODE`,
      );
    return 'NODE';
  }
  const gds = await gdsCapabilities(db);
  if (wanted === 'GDS') {
    if (gds === null)
      throw new EngineUnavailableError(
        'Graph Data Science is not installed on this Neo4j (embedded: set ATLAS_NEO4J_GDS=true); use engine NODE',
      );
    if (gds.missing.length > 0)
      throw new EngineUnavailableError(
        `Graph Data Science ${gds.version} lacks ${gds.missing.join(', ')} (2.13 has them); use engine NODE`,
      );
    return 'GDS';
  }
  if (gds === null || gds.missing.length > 0) return 'NODE';
  return (await countTies(db)) > settings.gdsMinTies ? 'GDS' : 'NODE';
}
