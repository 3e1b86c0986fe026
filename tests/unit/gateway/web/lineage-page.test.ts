import { ApolloServer } from '@apollo/server';
import http, { type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import vm from 'node:vm';
import { pageClassification } from '../../../../gateway/web/lineage/classification';
import { assetDirectoryCandidates, LINEAGE_ASSET_PREFIX, LINEAGE_PAGE_ROUTE, lineageRoutes, resolveAssetDirectory } from '../../../../gateway/web/lineage/lineage-routes';
import { createGraphQLRequestListener, listen, type RunningHttpServer } from '../../../../subgraphs/kit/http/graphql-http-server';
import { PERSONAL_DATA_CATEGORIES } from '../../../../subgraphs/kit/directives';
import { TempDirs } from '../../../support/temp-dir';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw request: node's fetch would normalize `..` out of the path, which is exactly what we want to send. */
function request(port: number, method: string, requestPath: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: '127.0.0.1', port, method, path: requestPath, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.setTimeout(5000, () => outgoing.destroy(new Error(`${method} ${requestPath} timed out`)));
    outgoing.end();
  });
}

/** WCAG 2.x relative luminance and contrast ratio of two #rrggbb colours. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The declarations of the one rule `.cls-<id> { ... }` in the stylesheet. */
function classRule(css: string, id: string): Record<string, string> {
  const match = new RegExp(`^\\.cls-${id} \\{([^}]*)\\}`, 'm').exec(css);
  if (!match) throw new Error(`lineage.css has no rule .cls-${id}`);
  return Object.fromEntries(
    match[1]!
      .split(';')
      .map((declaration) => declaration.split(':').map((part) => part.trim()))
      .filter((pair): pair is [string, string] => pair.length === 2 && pair[0] !== ''),
  );
}

describe('lineage page routes', () => {
  let apollo: ApolloServer;
  let server: RunningHttpServer;
  const temp = new TempDirs();

  beforeAll(async () => {
    // The gateway's own request listener, so routing (exact paths, 404s) is the real one.
    apollo = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } });
    await apollo.start();
    server = await listen(createGraphQLRequestListener({ apollo, context: async () => ({}), routes: lineageRoutes() }), '127.0.0.1', 0);
  });

  afterAll(async () => {
    await server?.close();
    await apollo?.stop();
    temp.removeAll();
  });

  const get = (requestPath: string, headers?: Record<string, string>) => request(server.port, 'GET', requestPath, headers);

  it('serves the page as HTML under a policy that keeps it on this server', async () => {
    const page = await get(LINEAGE_PAGE_ROUTE);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const policy = page.headers['content-security-policy'] ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(page.body).toMatch(/^<!doctype html>/);
    expect(page.body).toContain('<script src="/lineage/assets/lineage.js" defer></script>');
  });

  it('serves every file the page references with its content type, and nothing the page does not use', async () => {
    const page = await get(LINEAGE_PAGE_ROUTE);
    const referenced = [...page.body.matchAll(/(?:src|href)="(\/[^"]*)"/g)].map((match) => match[1]!);
    expect(referenced.sort()).toEqual(['/lineage/assets/classification.js', '/lineage/assets/lineage.css', '/lineage/assets/lineage.js']);
    expect(Object.keys(lineageRoutes()).sort()).toEqual([LINEAGE_PAGE_ROUTE, ...referenced].sort());
    const expectedType: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
    for (const assetPath of referenced) {
      const answer = await get(assetPath);
      expect({ assetPath, status: answer.status, type: answer.headers['content-type'] }).toEqual({ assetPath, status: 200, type: expectedType[path.extname(assetPath)] });
      expect(answer.body.length).toBeGreaterThan(0);
    }
  });

  it('answers 404 for an asset it does not have and never walks out of its folder', async () => {
    for (const missing of [`${LINEAGE_ASSET_PREFIX}nope.js`, `${LINEAGE_ASSET_PREFIX}lineage.html`, `${LINEAGE_ASSET_PREFIX}../../package.json`, `${LINEAGE_ASSET_PREFIX}..%2f..%2fpackage.json`, '/lineage/']) {
      const answer = await get(missing);
      expect({ missing, status: answer.status }).toEqual({ missing, status: 404 });
      expect(answer.body).not.toContain('"dependencies"');
    }
  });

  it('reads with GET and HEAD only, and revalidates with an ETag', async () => {
    const posted = await request(server.port, 'POST', LINEAGE_PAGE_ROUTE);
    expect(posted.status).toBe(405);
    expect(posted.headers.allow).toBe('GET, HEAD');
    expect(posted.body).toMatch(/POST is not allowed here/);

    const full = await get(`${LINEAGE_ASSET_PREFIX}lineage.js`);
    const head = await request(server.port, 'HEAD', `${LINEAGE_ASSET_PREFIX}lineage.js`);
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(full.body));

    expect(full.headers['cache-control']).toBe('no-cache');
    const etag = full.headers.etag ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get(`${LINEAGE_ASSET_PREFIX}lineage.js`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    const changed = await get(`${LINEAGE_ASSET_PREFIX}lineage.js`, { 'if-none-match': '"something-else"' });
    expect(changed.status).toBe(200);
  });

  it('names no address outside this server in the page, its script or its stylesheet', async () => {
    for (const route of Object.keys(lineageRoutes())) {
      const { body } = await get(route);
      expect({ route, absoluteUrls: body.match(/\b(?:https?|wss?|ftp):\/\/\S*/gi) ?? [] }).toEqual({ route, absoluteUrls: [] });
      expect({ route, protocolRelative: body.match(/(?:src|href|action)\s*=\s*["']?\/\/\S*/gi) ?? [] }).toEqual({ route, protocolRelative: [] });
      expect({ route, cssImports: body.match(/@import|url\(/gi) ?? [] }).toEqual({ route, cssImports: [] });
    }
    const script = (await get(`${LINEAGE_ASSET_PREFIX}lineage.js`)).body;
    const fetchTargets = [...script.matchAll(/fetch\(([^,)]*)/g)].map((match) => match[1]);
    expect(fetchTargets).toEqual(["'/graphql'"]);
  });

  it('gives every personal-data category exactly one legend group, each with colours in the stylesheet', async () => {
    const served = (await get(`${LINEAGE_ASSET_PREFIX}classification.js`)).body;
    const sandbox: { window: { SATU_LINEAGE_CLASSIFICATION?: unknown } } = { window: {} };
    vm.runInNewContext(served, sandbox);
    const classification = pageClassification();
    expect(sandbox.window.SATU_LINEAGE_CLASSIFICATION).toEqual(classification);

    const grouped = classification.groups.flatMap((group) => group.categories);
    expect([...grouped].sort()).toEqual([...PERSONAL_DATA_CATEGORIES].sort());
    expect(new Set(grouped).size).toBe(grouped.length);
    for (const category of PERSONAL_DATA_CATEGORIES) {
      expect(classification.groups.find((group) => group.id === classification.categoryGroup[category])?.categories).toContain(category);
    }
    const none = classification.groups.find((group) => group.id === classification.noneGroup);
    expect(none?.categories).toEqual([]);
  });

  it('colours fields with readable text (WCAG AA 4.5:1 on the tint and on white badges) and visible edges (3:1)', async () => {
    const css = (await get(`${LINEAGE_ASSET_PREFIX}lineage.css`)).body;
    for (const group of pageClassification().groups) {
      const rule = classRule(css, group.id);
      const [background, edge, text] = [rule.background, rule['border-color'], rule.color];
      expect({ group: group.id, colours: [background, edge, text].every((colour) => /^#[0-9a-f]{6}$/i.test(colour ?? '')) }).toEqual({ group: group.id, colours: true });
      expect({ group: group.id, textOnTint: contrast(text!, background!) >= 4.5 }).toEqual({ group: group.id, textOnTint: true });
      expect({ group: group.id, textOnWhite: contrast(text!, '#ffffff') >= 4.5 }).toEqual({ group: group.id, textOnWhite: true });
      expect({ group: group.id, edgeOnWhite: contrast(edge!, '#ffffff') >= 3 }).toEqual({ group: group.id, edgeOnWhite: true });
    }
  });

  it('finds its files next to the module or back in the source tree, and says where it looked when they are missing', () => {
    const empty = temp.make('satu-lineage-assets-');
    const real = resolveAssetDirectory();
    expect(path.basename(real)).toBe('assets');
    expect(resolveAssetDirectory([empty, real])).toBe(real);
    // Compiled, the module runs from dist/gateway/web/lineage, where tsc copied no asset.
    const projectRoot = path.resolve(real, '..', '..', '..', '..');
    expect(resolveAssetDirectory(assetDirectoryCandidates(path.join(projectRoot, 'dist', 'gateway', 'web', 'lineage')))).toBe(real);
    expect(() => resolveAssetDirectory([empty])).toThrow(new RegExp(`lineage\\.html\\) is in none of ${empty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(() => lineageRoutes(empty)).toThrow(/cannot read the lineage page's lineage\.html in .*ENOENT/);
  });
});
