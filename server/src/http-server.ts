// One HTTP server for production: the API (/graphql, /health, /ready) and the built client.
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import sirv from 'sirv';
import type { AtlasApp } from './app.js';
import { SECURITY_HEADERS } from './http/security-headers.js';

const API_PATHS = ['/graphql', '/health', '/ready', '/auth'];

export function createHttpServer(app: AtlasApp, clientDir: string | undefined): Server {
  const assets =
    clientDir && existsSync(clientDir) // dev: look files up per request, so a client rebuilt while the server runs is served.
      ? sirv(clientDir, { single: true, etag: true, dev: true })
      : undefined;
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!assets || API_PATHS.some((api) => path === api || path.startsWith(`${api}/`))) {
      // A body without a length could only be bounded while streaming; browsers and clients always send one.
      if (req.headers['transfer-encoding'] !== undefined && req.headers['content-length'] === undefined) {
        res.writeHead(411, { 'content-type': 'text/plain' }).end('Length required: send Content-Length.');
        return;
      }
      void app(req, res);
      return;
    }
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    assets(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    });
  });
}
