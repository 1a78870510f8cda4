// The Host header check against DNS rebinding: only the public URL's host, or the loopback names of the bound port.
import type { AppConfig } from '../config.js';

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARD = ['0.0.0.0', '::', '[::]'];

/**
 * Returns a test for a request's host (hostname[:port], as in the Host header). With ATLAS_PUBLIC_URL
 * set, its host is accepted besides the loopback names, so health checks on the machine itself still
 * work. A port of 0 (pick a free one) accepts any port on the accepted names.
 */
export function allowedHost(config: Pick<AppConfig, 'host' | 'port' | 'publicUrl'>): (host: string) => boolean {
  const names = new Set(LOOPBACK);
  const bound = config.host.toLowerCase();
  if (!WILDCARD.includes(bound)) names.add(bound.includes(':') && !bound.startsWith('[') ? `[${bound}]` : bound);
  const publicHost = config.publicUrl?.host.toLowerCase();
  return (host) => {
    const value = host.toLowerCase();
    if (publicHost !== undefined && value === publicHost) return true;
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(value);
    if (!match || !names.has(match[1]!)) return false;
    if (config.port === 0) return true;
    return Number(match[2] ?? '80') === config.port;
  };
}
