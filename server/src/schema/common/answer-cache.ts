// Answers of the read-heavy queries (network slices, ego networks, stakeholder pages, a run's rankings
// and detected communities), kept per app and keyed by the data version that every write bumps in
// Neo4j, so that an answer is reused only while nothing it was read from has changed, whichever app
// wrote (docs/decisions/071-data-version-answer-cache.md).
import { LRUCache } from 'lru-cache';
import type { Database } from '../../db/database.js';
import { detached } from '../../db/cancellation.js';
import { roleAtLeast, type Principal } from '../../domain/access.js';
import { readDataVersion } from '../../store/data-version.js';

/** What a caller may see of personal fields (and search on): answers are never shared across levels. */
export type MaskingLevel = 'personal' | 'masked';

export function maskingLevel(viewer: Principal | null): MaskingLevel {
  return viewer?.role && roleAtLeast(viewer.role, 'analyst') ? 'personal' : 'masked';
}

export interface CachedQuery<T> {
  /** The query's name and everything its answer depends on besides the data (arguments, selection). */
  kind: string;
  key: unknown;
  level: MaskingLevel;
  /** Approximate bytes the answer holds in memory (the bound is on their sum). */
  size: (value: T) => number;
  load: () => Promise<T>;
}

export class AnswerCache {
  private readonly entries: LRUCache<string, object> | null;
  private inFlight: Promise<string | null> | null = null;
  private queued: Promise<string | null> | null = null;
  private lastVersion: string | null = null;

  constructor(
    private readonly db: Database,
    maxBytes: number,
  ) {
    this.entries = maxBytes > 0 ? new LRUCache<string, object>({ maxSize: maxBytes }) : null;
  }

  get enabled(): boolean {
    return this.entries !== null;
  }

  /**
   * The answer for this version of the data. A hit costs the version read alone. A likely miss (nothing
   * cached for this key under the last version read) loads at once, beside the version read, and is kept
   * only when that read found the version that was known before the load began: the load then read data
   * at least as new as that version, which did not move meanwhile.
   */
  async get<T extends object>(query: CachedQuery<T>): Promise<T> {
    if (!this.entries) return query.load();
    const entries = this.entries;
    const keyAt = (version: string): string =>
      `${version}\u0000${query.level}\u0000${query.kind}\u0000${JSON.stringify(query.key)}`;
    const known = this.lastVersion;
    const current = this.version().catch(() => null);
    if (known !== null && entries.has(keyAt(known))) {
      const version = await current;
      const hit = version === known ? entries.get(keyAt(known)) : undefined;
      if (hit) return hit as T;
      // The data changed since: load, and keep the answer under the version read before the load began.
      const value = await query.load();
      if (version !== null) this.keep(keyAt(version), value, query);
      return value;
    }
    if (known === null) {
      // No version read yet (a new app, or the version node is missing): read it first, as nothing is to gain.
      const version = await current;
      const value = await query.load();
      if (version !== null) this.keep(keyAt(version), value, query);
      return value;
    }
    const value = await query.load();
    if ((await current) === known) this.keep(keyAt(known), value, query);
    return value;
  }

  private keep<T extends object>(key: string, value: T, query: CachedQuery<T>): void {
    const size = Math.max(1, Math.ceil(query.size(value)));
    if (this.entries && size <= this.entries.maxSize) this.entries.set(key, value, { size });
  }

  /**
   * The data version as read by a query that started after the call: a request never reuses a read
   * begun before it arrived (it could predate a write the caller has seen), yet concurrent requests
   * share reads, at most one running and one waiting.
   */
  private version(): Promise<string | null> {
    if (this.queued) return this.queued;
    if (!this.inFlight) return this.startRead();
    const running = this.inFlight;
    this.queued = running
      .catch(() => null)
      .then(() => {
        this.queued = null;
        return this.startRead();
      });
    return this.queued;
  }

  private startRead(): Promise<string | null> {
    // Shared by several requests: it must not be cancelled with the one that happened to start it.
    const read = detached(() => readDataVersion(this.db));
    this.inFlight = read;
    const done = (): void => {
      if (this.inFlight === read) this.inFlight = null;
    };
    read.then((version) => {
      done();
      // Reads complete in the order they started (one at a time): the last one is the newest.
      if (version !== this.lastVersion) {
        // Everything cached belongs to another version: drop it now rather than wait for eviction.
        this.entries?.clear();
        this.lastVersion = version;
      }
    }, done);
    return read;
  }
}

/** Rough in-memory bytes of a network answer: per node and per tie, objects and short strings included. */
export function networkAnswerBytes(graph: { nodes: readonly unknown[]; edges: readonly unknown[] }): number {
  return 256 + graph.nodes.length * 400 + graph.edges.length * 200;
}

/** Rough in-memory bytes of a list of stakeholders or result rows. */
export function listAnswerBytes(items: readonly unknown[]): number {
  return 256 + items.length * 800;
}
