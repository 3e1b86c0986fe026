import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { RouteHandler } from '../../../subgraphs/kit/http/graphql-http-server';
import { classificationScript } from './classification';

export const LINEAGE_PAGE_ROUTE = '/lineage';
export const LINEAGE_ASSET_PREFIX = '/lineage/assets/';

/**
 * The page may load nothing but its own files and talk to nothing but this gateway: the mall's
 * server is offline, and an auditors' page must not leak what it shows. The browser enforces it.
 */
export const LINEAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Files under assets/, by the name they are served as, with their content type. */
const STATIC_ASSETS: Readonly<Record<string, string>> = {
  'lineage.js': 'text/javascript',
  'lineage.css': 'text/css',
};

const PAGE_FILE = 'lineage.html';

interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
}

/**
 * The first directory that holds the page. The assets are plain files, not TypeScript, so tsc
 * does not copy them into dist/: run from source they sit next to this module, run from
 * dist/gateway/web/lineage they are found back in the source tree.
 */
export function resolveAssetDirectory(candidates: readonly string[] = assetDirectoryCandidates()): string {
  const found = candidates.find((directory) => existsSync(path.join(directory, PAGE_FILE)));
  if (!found) {
    throw new Error(`the lineage page (${PAGE_FILE}) is in none of ${candidates.join(', ')}: run the gateway from a full checkout (gateway/web/lineage/assets)`);
  }
  return found;
}

/** Where the assets may be for a module in `moduleDirectory`: beside it (source), or back in the source tree (dist/). */
export function assetDirectoryCandidates(moduleDirectory: string = __dirname): string[] {
  return [path.join(moduleDirectory, 'assets'), path.resolve(moduleDirectory, '..', '..', '..', '..', 'gateway', 'web', 'lineage', 'assets')];
}

function asset(body: string | Buffer, contentType: string): Asset {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return { body: bytes, contentType: `${contentType}; charset=utf-8`, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"` };
}

/** GET and HEAD only; revalidated on every load (`no-cache` + ETag) so a redeployed page is never stale. */
function serve(item: Asset): RouteHandler {
  return (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const body = `${request.method ?? 'this method'} is not allowed here: the lineage page is read with GET\n`;
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      response.end(body);
      return;
    }
    const common = {
      etag: item.etag,
      'cache-control': 'no-cache',
      'content-security-policy': LINEAGE_CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    if (request.headers['if-none-match'] === item.etag) {
      response.writeHead(304, common);
      response.end();
      return;
    }
    response.writeHead(200, { ...common, 'content-type': item.contentType, 'content-length': item.body.length });
    response.end(request.method === 'HEAD' ? undefined : item.body);
  };
}

/**
 * The auditors' lineage page (issue 5, item 5): `/lineage` and its assets under
 * `/lineage/assets/`. Files are read once, here, so a missing file fails at start, not on the
 * first visit. The page asks `/graphql` (the lineage subgraph) for everything it shows.
 */
export function lineageRoutes(assetDirectory: string = resolveAssetDirectory()): Record<string, RouteHandler> {
  const read = (file: string): Buffer => {
    try {
      return readFileSync(path.join(assetDirectory, file));
    } catch (error) {
      throw new Error(`cannot read the lineage page's ${file} in ${assetDirectory}: ${(error as Error).message}`);
    }
  };
  const routes: Record<string, RouteHandler> = {
    [LINEAGE_PAGE_ROUTE]: serve(asset(read(PAGE_FILE), 'text/html')),
    [`${LINEAGE_ASSET_PREFIX}classification.js`]: serve(asset(classificationScript(), 'text/javascript')),
  };
  for (const [file, contentType] of Object.entries(STATIC_ASSETS)) {
    routes[`${LINEAGE_ASSET_PREFIX}${file}`] = serve(asset(read(file), contentType));
  }
  return routes;
}
