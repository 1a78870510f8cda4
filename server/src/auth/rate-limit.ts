// Sign-in rate limiting: failed attempts counted per user name and per client address in a sliding
// window; over the limit, sign-in answers 429 until the window has passed. In-process (see README).

export interface RateLimitOptions {
  maxPerName: number;
  maxPerAddress: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { maxPerName: 5, maxPerAddress: 20, windowMs: 15 * 60_000 };

export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly options: RateLimitOptions = DEFAULT_RATE_LIMIT) {}

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((at) => now - at < this.options.windowMs);
    if (kept.length > 0) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** True when another attempt for this name or from this address must be refused. */
  blocked(name: string, address: string, now = Date.now()): boolean {
    return (
      this.recent(`n:${name.toLowerCase()}`, now).length >= this.options.maxPerName ||
      this.recent(`a:${address}`, now).length >= this.options.maxPerAddress
    );
  }

  fail(name: string, address: string, now = Date.now()): void {
    for (const key of [`n:${name.toLowerCase()}`, `a:${address}`]) this.failures.set(key, [...this.recent(key, now), now]);
    // Bound memory under a flood of distinct names.
    if (this.failures.size > 100_000) this.failures.clear();
  }

  succeed(name: string): void {
    this.failures.delete(`n:${name.toLowerCase()}`);
  }
}
