import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { RouteHandler } from '../../subgraphs/kit/http/graphql-http-server';
import { CITIZEN_EXAMPLE_QUERY } from './example-query';

/**
 * GraphiQL served from our own node_modules: no CDN, so it works on the mall's
 * offline server. Assets are read once and kept in memory.
 */
const ASSETS: Record<string, { module: string; file: string; type: string }> = {
  '/assets/react.production.min.js': { module: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  '/assets/react-dom.production.min.js': { module: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  '/assets/graphiql.min.js': { module: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  '/assets/graphiql.min.css': { module: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

const DEFAULT_QUERY = `# Satu: one citizen, every agency. Put a NIK printed by \`npm start\` in Variables: {"nik": "..."}\n${CITIZEN_EXAMPLE_QUERY}`;

// Access control is on: \`/graphiql?token=...&purpose=...\` (the link \`npm start\` prints) sends
// them with every request; the token is then taken out of the address bar and history.
const BOOT_SCRIPT = `(function () {
  var params = new URLSearchParams(window.location.search);
  var headers = {};
  if (params.get('token')) headers['Authorization'] = 'Bearer ' + params.get('token');
  if (params.get('purpose')) headers['X-Satu-Purpose'] = params.get('purpose');
  if (params.has('token')) window.history.replaceState(null, '', window.location.pathname);
  var fetcher = GraphiQL.createFetcher({ url: '/graphql', headers: headers });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)} }));
})();`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Satu: GraphiQL</title>
  <link rel="stylesheet" href="/assets/graphiql.min.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL...</div>
  <script src="/assets/react.production.min.js"></script>
  <script src="/assets/react-dom.production.min.js"></script>
  <script src="/assets/graphiql.min.js"></script>
  <script src="/assets/satu-graphiql.js"></script>
</body>
</html>`;

const cache = new Map<string, Buffer>();

function assetBody(route: string): Buffer {
  const cached = cache.get(route);
  if (cached) return cached;
  const asset = ASSETS[route];
  if (!asset) throw new Error(`no asset ${route}`);
  const packageRoot = path.dirname(require.resolve(`${asset.module}/package.json`));
  const body = readFileSync(path.join(packageRoot, asset.file));
  cache.set(route, body);
  return body;
}

function send(response: ServerResponse, type: string, body: string | Buffer): void {
  response.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'content-length': Buffer.byteLength(body), 'cache-control': 'public, max-age=3600' });
  response.end(body);
}

export function wantsHtml(request: IncomingMessage): boolean {
  return request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
}

export function sendGraphiqlPage(response: ServerResponse): void {
  send(response, 'text/html', PAGE);
}

/** Routes: the page at /graphiql and its assets under /assets/. */
export function graphiqlRoutes(): Record<string, RouteHandler> {
  const routes: Record<string, RouteHandler> = {
    '/graphiql': (_request, response) => sendGraphiqlPage(response),
    '/assets/satu-graphiql.js': (_request, response) => send(response, 'text/javascript', BOOT_SCRIPT),
  };
  for (const [route, asset] of Object.entries(ASSETS)) {
    routes[route] = (_request, response) => send(response, asset.type, assetBody(route));
  }
  return routes;
}
