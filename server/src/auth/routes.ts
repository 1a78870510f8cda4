// The /auth HTTP routes as a yoga plugin: POST /auth/sign-in, POST /auth/sign-out and the one-time
// link GET /auth/link/<token>. Answers are JSON (or a small HTML page for a dead link), same origin.
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import type { AuthService } from './service.js';

const MAX_BODY = 10_000;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

const DEAD_LINK = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in link not valid</title></head>
<body><h1>This sign-in link is not valid</h1><p>It was already used, has expired or never existed. Ask an administrator for a new
one (<code>npm run user -- token NAME</code> or a new link), or <a href="/">go to the sign-in page</a>.</p></body></html>`;

/** The client's address for rate limiting: the socket's, never a header the client controls. */
function addressOf(serverContext: unknown): string {
  const req = (serverContext as { req?: IncomingMessage } | undefined)?.req;
  return req?.socket?.remoteAddress ?? 'in-process';
}

async function signIn(auth: AuthService, request: Request, serverContext: unknown): Promise<Response> {
  // JSON only: a cross-site form cannot send it without a CORS preflight.
  if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    return json(415, { error: 'Send {"name","password"} as application/json.' });
  }
  const text = await request.text();
  if (text.length > MAX_BODY) return json(413, { error: 'Body too large.' });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return json(400, { error: 'The body is not JSON.' });
  }
  const { name, password } = (body ?? {}) as { name?: unknown; password?: unknown };
  if (
    typeof name !== 'string' ||
    typeof password !== 'string' ||
    name.length === 0 ||
    name.length > 200 ||
    password.length > 1024
  ) {
    return json(400, { error: 'Send a name and a password.' });
  }
  const result = await auth.signIn(name, password, addressOf(serverContext));
  if (!result.ok) return json(result.status, { error: result.error }, result.status === 429 ? { 'retry-after': '900' } : {});
  return new Response(null, { status: 204, headers: { 'set-cookie': result.cookie, 'cache-control': 'no-store' } });
}

/**
 * The same answer built with the server's own Response class: its plugins (gzip among them) expect that
 * class's streams, and a platform Response failed in them with a 500.
 */
export async function asServerResponse(response: Response, ServerResponse: typeof Response): Promise<Response> {
  const body = [101, 204, 205, 304].includes(response.status) ? null : await response.text();
  return new ServerResponse(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

export function useAuthRoutes(auth: AuthService): Plugin {
  return {
    onRequest({ request, url, endResponse: endServerResponse, serverContext, fetchAPI }) {
      if (!url.pathname.startsWith('/auth/')) return;
      const endResponse = (response: Response): Promise<void> =>
        asServerResponse(response, fetchAPI.Response).then(endServerResponse);
      // A database failure answers 503 rather than leaving the request hanging or crashing.
      const respond = (response: Promise<Response>): Promise<void> =>
        response.catch(() => json(503, { error: 'Sign-in is unavailable right now; try again shortly.' })).then(endResponse);
      if (url.pathname === '/auth/sign-in') {
        return request.method === 'POST'
          ? respond(signIn(auth, request, serverContext))
          : endResponse(json(405, { error: 'Use POST.' }));
      }
      if (url.pathname === '/auth/sign-out') {
        if (request.method !== 'POST') return endResponse(json(405, { error: 'Use POST.' }));
        return respond(
          auth.signOut(request.headers).then((cookie) => new Response(null, { status: 204, headers: { 'set-cookie': cookie } })),
        );
      }
      const link = /^\/auth\/link\/([A-Za-z0-9_-]{20,100})$/.exec(url.pathname);
      if (link && request.method === 'GET') {
        return respond(
          auth.signInWithLink(link[1]!).then((cookie) =>
            cookie
              ? new Response(null, {
                  status: 303,
                  statusText: 'See Other',
                  headers: { location: '/', 'set-cookie': cookie, 'cache-control': 'no-store' },
                })
              : new Response(DEAD_LINK, { status: 401, headers: { 'content-type': 'text/html; charset=utf-8' } }),
          ),
        );
      }
      if (url.pathname.startsWith('/auth/link/')) {
        return endResponse(new Response(DEAD_LINK, { status: 401, headers: { 'content-type': 'text/html; charset=utf-8' } }));
      }
      return endResponse(json(404, { error: 'Not found.' }));
    },
  };
}
