import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import http from 'node:http';
import { createGraphQLRequestListener, listen, type RequestFacts, type RunningHttpServer } from '../../../../subgraphs/kit/http/graphql-http-server';
import { createLogger } from '../../../../subgraphs/kit/logger';

const NIK = '1471100405960001';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Context extends BaseContext {
  facts: RequestFacts;
}

describe('the GraphQL HTTP layer', () => {
  const lines: string[] = [];
  const logger = createLogger('http-test', { level: 'info', destination: { write: (line: string) => void lines.push(line) } });
  let apollo: ApolloServer<Context>;
  const servers: RunningHttpServer[] = [];
  let strict: RunningHttpServer;
  let lenient: RunningHttpServer;
  let resolverCalls = 0;

  beforeAll(async () => {
    apollo = new ApolloServer<Context>({
      typeDefs: 'type Query { hello(nik: String): String  requestId: String }',
      resolvers: {
        Query: {
          hello: () => {
            resolverCalls += 1;
            logger.info('resolving hello');
            return 'hi';
          },
          requestId: (_source, _args, context: Context) => context.facts.requestId,
        },
      },
      plugins: [ApolloServerPluginLandingPageDisabled()],
      stopOnTerminationSignals: false,
    });
    await apollo.start();
    const common = {
      apollo,
      context: async (_request: http.IncomingMessage, facts: RequestFacts) => ({ facts }),
      logger,
      maxBodyBytes: 64 * 1024,
      routes: {
        '/healthz': (_request: http.IncomingMessage, response: http.ServerResponse) => {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end('{"status":"ok"}');
        },
        '/broken': () => {
          throw new Error(`route exploded for ${NIK}`);
        },
      },
    };
    strict = await listen(createGraphQLRequestListener<Context>({ ...common, refuseGetOperations: true }), '127.0.0.1', 0);
    lenient = await listen(createGraphQLRequestListener<Context>(common), '127.0.0.1', 0);
    servers.push(strict, lenient);
  });

  afterAll(async () => {
    for (const server of servers) await server.close();
    await apollo.stop();
  });

  beforeEach(() => {
    lines.length = 0;
    resolverCalls = 0;
  });

  const base = (server: RunningHttpServer) => server.url.replace(/\/graphql$/, '');
  const post = (server: RunningHttpServer, body: string, headers: Record<string, string> = {}) =>
    fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  describe('request ids', () => {
    it('keeps a sane X-Request-Id, hands it to the context and the log, and returns it', async () => {
      const response = await post(strict, JSON.stringify({ query: '{ hello requestId }' }), { 'x-request-id': 'kiosk-7:abc' });
      expect(response.headers.get('x-request-id')).toBe('kiosk-7:abc');
      expect(await response.json()).toEqual({ data: { hello: 'hi', requestId: 'kiosk-7:abc' } });
      expect(lines.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ msg: 'resolving hello', requestId: 'kiosk-7:abc' })]);
    });

    it('generates one for an insane or NIK-bearing header, and on routes and refusals too', async () => {
      const answered = await post(strict, JSON.stringify({ query: '{ requestId }' }), { 'x-request-id': `id-${NIK}` });
      const id = answered.headers.get('x-request-id')!;
      expect(id).toMatch(UUID);
      expect(await answered.json()).toEqual({ data: { requestId: id } });
      const health = await fetch(`${base(strict)}/healthz`, { headers: { 'x-request-id': 'probe-1' } });
      expect(health.headers.get('x-request-id')).toBe('probe-1');
      const missing = await fetch(`${base(strict)}/nowhere`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('x-request-id')).toMatch(UUID);
    });

    it('answers an unexpected failure with 500 "internal error (request id X)" and logs it, NIK masked', async () => {
      const response = await fetch(`${base(strict)}/broken`, { headers: { 'x-request-id': 'boom-1' } });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ errors: [{ message: 'internal error (request id boom-1)', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      const [entry] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(entry).toMatchObject({ level: 50, requestId: 'boom-1', msg: 'request failed' });
      expect(lines.join('')).toContain('route exploded for 1471********0001');
      expect(lines.join('')).not.toContain(NIK);
    });
  });

  describe('no personal data in URLs', () => {
    const query = encodeURIComponent('query($nik: String) { hello(nik: $nik) }');
    it.each([
      ['in the variables of a GET', (server: RunningHttpServer) => `${server.url}?query=${query}&variables=${encodeURIComponent(JSON.stringify({ nik: NIK }))}`, 'GET'],
      ['inline in a GET query', (server: RunningHttpServer) => `${server.url}?query=${encodeURIComponent(`{ hello(nik: "${NIK}") }`)}`, 'GET'],
      ['percent-encoded digit by digit', (server: RunningHttpServer) => `${server.url}?q=${[...NIK].map((digit) => `%3${digit}`).join('')}`, 'GET'],
      ['in full-width digits', (server: RunningHttpServer) => `${server.url}?nik=${encodeURIComponent('１４７１１００４０５９６０００１')}`, 'GET'],
      ['in the path', (server: RunningHttpServer) => `${base(server)}/citizen/${NIK}`, 'GET'],
      ['in the query string of a POST', (server: RunningHttpServer) => `${server.url}?nik=${NIK}`, 'POST'],
    ])('refuses a NIK %s, on either server, without echoing it', async (_case, urlOf, method) => {
      for (const server of [strict, lenient]) {
        const response = await fetch(urlOf(server), {
          method,
          headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
          ...(method === 'POST' ? { body: JSON.stringify({ query: '{ hello }' }) } : {}),
        });
        const text = await response.text();
        expect(response.status).toBe(400);
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(JSON.parse(text)).toEqual({ errors: [{ message: expect.stringMatching(/^The URL carries what looks like a NIK/), extensions: { code: 'BAD_USER_INPUT' } }] });
        expect(text).not.toMatch(/1471|１４７１/);
      }
      expect(resolverCalls).toBe(0);
      expect(lines.join('')).not.toContain(NIK);
    });

    it('refuses GraphQL over GET where asked (405, Allow: POST), and serves it elsewhere', async () => {
      const url = (server: RunningHttpServer) => `${server.url}?query=${encodeURIComponent('{ hello }')}`;
      const refused = await fetch(url(strict), { headers: { 'apollo-require-preflight': 'true' } });
      expect(refused.status).toBe(405);
      expect(refused.headers.get('allow')).toBe('POST');
      expect(await refused.json()).toEqual({ errors: [{ message: expect.stringMatching(/^GraphQL over GET is not accepted here/), extensions: { code: 'BAD_REQUEST' } }] });
      expect(resolverCalls).toBe(0);
      const served = await fetch(url(lenient), { headers: { 'apollo-require-preflight': 'true' } });
      expect(await served.json()).toEqual({ data: { hello: 'hi' } });
      expect((await fetch(`${base(strict)}/healthz`)).status).toBe(200);
    });

    it('marks GraphQL answers not to be stored by any cache', async () => {
      const response = await post(strict, JSON.stringify({ query: '{ hello }' }));
      expect(response.headers.get('cache-control')).toBe('no-store');
    });
  });

  describe('request bodies', () => {
    function rawPost(server: RunningHttpServer, chunks: Buffer[], declareLength: boolean): Promise<{ status: number; body: string }> {
      return new Promise((resolve, reject) => {
        const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
        const request = http.request(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(declareLength ? { 'content-length': total } : {}) },
        });
        request.on('response', (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        });
        // The server may hang up once it has answered; what matters is the answer it sent.
        request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
        for (const chunk of chunks) request.write(chunk);
        request.end();
      });
    }

    const tenMegabytes = () => Array.from({ length: 10 }, () => Buffer.alloc(1024 * 1024, 0x20));

    it.each([
      ['with a declared length', true],
      ['sent chunked, length unknown', false],
    ])('refuses a 10 MB body %s with 413 and a clear message', async (_case, declareLength) => {
      const { status, body } = await rawPost(strict, tenMegabytes(), declareLength);
      expect(status).toBe(413);
      expect(JSON.parse(body)).toEqual({ errors: [{ message: 'request body is larger than 65536 bytes', extensions: { code: 'QUERY_TOO_COMPLEX' } }] });
      expect(resolverCalls).toBe(0);
    });

    it('refuses a body that is not JSON with 400 BAD_REQUEST', async () => {
      const response = await post(strict, '{"query": ');
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    });
  });
});
