// The yoga plugin for browser-facing safety: Host check (DNS rebinding) and security headers (GraphiQL included).
import type { Plugin } from 'graphql-yoga';
import { allowedHost } from './host-check.js';
import { SECURITY_HEADERS } from './security-headers.js';
import type { AppConfig } from '../config.js';

export interface HttpSafetyOptions {
  config: Pick<AppConfig, 'host' | 'port' | 'publicUrl'>;
}

export function useHttpSafety({ config }: HttpSafetyOptions): Plugin {
  const isAllowed = allowedHost(config);
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      const host = request.headers.get('host') ?? url.host;
      if (isAllowed(host)) return;
      // 421: this server does not answer for that name (a rebinding attack, or a proxy needing ATLAS_PUBLIC_URL).
      const response = fetchAPI.Response.json(
        {
          errors: [
            {
              message: `Host '${host.slice(0, 100)}' is not served here; set ATLAS_PUBLIC_URL to the address users reach.`,
              extensions: { code: 'MISDIRECTED_REQUEST' },
            },
          ],
        },
        { status: 421 },
      );
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
      endResponse(response);
    },
    onResponse({ response }) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
    },
  };
}
