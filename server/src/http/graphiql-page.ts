// GraphiQL (GET /graphql in a browser) served entirely by this app: yoga's bundled GraphiQL
// (@graphql-yoga/render-graphiql) split into files under /graphql/explorer/, so the page has no inline script,
// loads nothing from another origin and runs under the app's own CSP (see docs/decisions/081-graphiql-served-locally.md).
import { createHash } from 'node:crypto';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

export const GRAPHIQL_ASSET_PREFIX = '/graphql/explorer/';

interface Asset {
  body: string;
  contentType: string;
}

/** The files of the page, keyed by their name under GRAPHIQL_ASSET_PREFIX; loaded on the first GraphiQL request. */
let assets: Promise<Map<string, Asset>> | undefined;

const JS = 'text/javascript; charset=utf-8';

async function loadAssets(): Promise<Map<string, Asset>> {
  // 9 MB of bundled code: imported only when someone opens GraphiQL, never at start.
  const bundle = await import('@graphql-yoga/render-graphiql/graphiql');
  // Monaco's workers are same-origin files (worker-src 'self'), not blobs made from inline strings.
  const workers = `self.MonacoEnvironment = {
  globalAPI: false,
  getWorkerUrl: function (moduleId, label) {
    var files = { editorWorkerService: 'editor.worker.js', json: 'json.worker.js', graphql: 'graphql.worker.js' };
    return ${JSON.stringify(GRAPHIQL_ASSET_PREFIX)} + (files[label] || files.editorWorkerService);
  },
};`;
  // The options travel as JSON in the page (a data block, not a script), so no inline script is needed.
  const start = `YogaGraphiQL.renderYogaGraphiQL(
  document.getElementById('root'),
  JSON.parse(document.getElementById('graphiql-options').textContent || '{}'),
);`;
  return new Map<string, Asset>([
    ['graphiql.css', { body: bundle.css, contentType: 'text/css; charset=utf-8' }],
    ['graphiql.js', { body: bundle.js, contentType: JS }],
    ['workers.js', { body: workers, contentType: JS }],
    ['start.js', { body: start, contentType: JS }],
    ['editor.worker.js', { body: bundle.editorWorkerService, contentType: JS }],
    ['json.worker.js', { body: bundle.jsonWorker, contentType: JS }],
    ['graphql.worker.js', { body: bundle.graphqlWorker, contentType: JS }],
  ]);
}

function graphiqlAssets(): Promise<Map<string, Asset>> {
  assets ??= loadAssets();
  return assets;
}

/** `<` escaped so that no option value can close the JSON data block. */
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The GraphiQL HTML: every script and stylesheet a file of this app; the app's favicon. */
export function renderLocalGraphiQL(options: GraphiQLOptions): string {
  const src = (file: string) => `${GRAPHIQL_ASSET_PREFIX}${file}`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options.title ?? 'GraphiQL')}</title>
    <link rel="stylesheet" href="${src('graphiql.css')}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript.</noscript>
    <div id="root"></div>
    <script type="application/json" id="graphiql-options">${jsonForHtml(options)}</script>
    <script src="${src('workers.js')}"></script>
    <script src="${src('graphiql.js')}"></script>
    <script src="${src('start.js')}"></script>
  </body>
</html>
`;
}

/** Serves the files the GraphiQL page loads (GET /graphql/explorer/<file>); any other path goes on to yoga. */
export function useGraphiQLAssets(): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || !url.pathname.startsWith(GRAPHIQL_ASSET_PREFIX)) return;
      const name = url.pathname.slice(GRAPHIQL_ASSET_PREFIX.length);
      return graphiqlAssets().then((files) => {
        const asset = files.get(name);
        if (asset === undefined) {
          endResponse(new fetchAPI.Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } }));
          return;
        }
        const etag = `"${etagOf(name, asset.body)}"`;
        const headers = { 'content-type': asset.contentType, etag, 'cache-control': 'no-cache' };
        if (request.headers.get('if-none-match') === etag) {
          endResponse(new fetchAPI.Response(null, { status: 304, headers }));
          return;
        }
        endResponse(new fetchAPI.Response(asset.body, { status: 200, headers }));
      });
    },
  };
}

const etags = new Map<string, string>();
function etagOf(name: string, body: string): string {
  let tag = etags.get(name);
  if (tag === undefined) {
    tag = createHash('sha256').update(body).digest('base64url').slice(0, 22);
    etags.set(name, tag);
  }
  return tag;
}
