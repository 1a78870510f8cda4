// GraphiQL (the API explorer a browser gets at GET /graphql) is for signed-in users only; others get a short page
// that points to the sign-in. GraphQL requests themselves are left to the access rules.
import type { Plugin } from 'graphql-yoga';
import { asServerResponse } from './routes.js';
import type { AuthService } from './service.js';

const SIGN_IN_FIRST = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in first</title></head>
<body><h1>Sign in to use the API explorer</h1><p>GraphiQL is open to signed-in users. <a href="/">Sign in</a>, then
come back to <code>/graphql</code>; scripts send a personal API token as <code>Authorization: Bearer</code>.</p></body></html>`;

/** True for the browser's request of the GraphiQL page (a GET that prefers HTML), not for a GraphQL GET. */
function wantsGraphiQL(request: Request, pathname: string): boolean {
  return request.method === 'GET' && pathname === '/graphql' && (request.headers.get('accept') ?? '').includes('text/html');
}

export function useGraphiQLGate(auth: AuthService): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (!wantsGraphiQL(request, url.pathname)) return;
      return auth
        .authenticate(request.headers)
        .catch(() => null)
        .then(async (viewer) => {
          if (viewer !== null) return;
          const page = new Response(SIGN_IN_FIRST, { status: 401, headers: { 'content-type': 'text/html; charset=utf-8' } });
          endResponse(await asServerResponse(page, fetchAPI.Response));
        });
    },
  };
}
