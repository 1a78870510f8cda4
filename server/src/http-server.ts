// One HTTP server for production: the API (/graphql, /health, /ready) and the built client.
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import sirv from 'sirv';
import type { AtlasApp } from './app.js';

const API_PATHS = ['/graphql', '/health', '/ready', '/auth'];

export function createHttpServer(app: AtlasApp, clientDir: string | undefined): Server {
  const assets =
    clientDir && existsSync(clientDir) // dev: look files up per request, so a client rebuilt while the server runs is served.
      ? sirv(clientDir, { single: true, etag: true, dev: true })
      : undefined;
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!assets || API_PATHS.some((api) => path === api || path.startsWith(`${api}/`))) {
      void app(req, res);
      return;
    }
    assets(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    });
  });
}
