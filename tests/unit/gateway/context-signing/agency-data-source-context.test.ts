import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { RequestIdentity } from '../../../../gateway/access/caller';
import { ContextSigner } from '../../../../gateway/context-signing/context-signer';
import { AgencyDataSource, createSubgraphDispatcher, type AgencyContextSigning } from '../../../../gateway/datasource/agency-data-source';
import { createGatewayContextVerifier } from '../../../../subgraphs/kit/gateway-context';
import { makeContextKeys, requirementOf, testIdentity, type TestContextKeys } from '../../../support/gateway-context';

const ENTITIES_QUERY = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Citizen{vehicles{plateNumber}}}}';
const representations = [{ __typename: 'Citizen', nik: '1471080101900001' }];

/** The gateway's per-request context as the HTTP layer builds it (gateway/access/satu-context.ts). */
interface TestGatewayContext {
  identity?: RequestIdentity;
}

describe('AgencyDataSource and the gateway context', () => {
  let server: http.Server;
  let url: string;
  let received: IncomingHttpHeaders[] = [];
  let keys: TestContextKeys;
  const dispatcher = createSubgraphDispatcher();

  beforeAll(async () => {
    keys = await makeContextKeys();
    server = http.createServer((request, response) => {
      received.push(request.headers);
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ data: { _entities: [{ __typename: 'Citizen', vehicles: [] }] } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  beforeEach(() => {
    received = [];
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await dispatcher.close();
  });

  function source(contextSigning?: AgencyContextSigning, logger = pino({ level: 'silent' })): AgencyDataSource {
    return new AgencyDataSource({ name: 'samsat', url, timeoutMs: 1000, dispatcher, logger, contextSigning });
  }

  function fetchFor(dataSource: AgencyDataSource, context: TestGatewayContext) {
    return dataSource.process({
      kind: GraphQLDataSourceRequestKind.HEALTH_CHECK,
      request: { query: ENTITIES_QUERY, variables: { representations } },
      context: context as Record<string, unknown>,
    });
  }

  const contextOf = (context: unknown): RequestIdentity | undefined => (context as TestGatewayContext).identity;

  it('sends a context signed for its subgraph, and the request id', async () => {
    const signer = new ContextSigner(keys);
    const identity = testIdentity({ requestId: 'req-ds-1', clientId: 'kiosk-01' });
    const response = await fetchFor(source({ signer, contextOf }), { identity });
    expect(response.errors).toBeUndefined();
    expect(received).toHaveLength(1);
    expect(received[0]!['x-request-id']).toBe('req-ds-1');
    const verified = await createGatewayContextVerifier(requirementOf(keys), 'samsat').verify(received[0]!['x-satu-context'] as string);
    expect(verified).toMatchObject({ requestId: 'req-ds-1', clientId: 'kiosk-01', subgraph: 'samsat' });
  });

  it('signs once for all fetches of one request to its subgraph', async () => {
    const signer = new ContextSigner(keys);
    const dataSource = source({ signer, contextOf });
    const context = { identity: testIdentity({ requestId: 'req-many' }) };
    await Promise.all(Array.from({ length: 6 }, () => fetchFor(dataSource, context)));
    expect(received).toHaveLength(6);
    expect(new Set(received.map((headers) => headers['x-satu-context'])).size).toBe(1);
    expect(signer.signatureCount).toBe(1);
  });

  it('sends no context when the request has no identity, and says so once in the log', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
    const dataSource = source({ signer: new ContextSigner(keys), contextOf }, logger);
    await fetchFor(dataSource, {});
    await fetchFor(dataSource, {});
    expect(received.map((headers) => headers['x-satu-context'])).toEqual([undefined, undefined]);
    expect(lines.filter((line) => line.includes('no request identity to sign a gateway context with'))).toHaveLength(1);
  });

  it('without signing configured, sends no context header (as before)', async () => {
    await fetchFor(source(), { identity: testIdentity() });
    expect(received[0]).not.toHaveProperty('x-satu-context');
  });

  it('never falls back to an unsigned call when signing fails: the agency’s fields are null, nothing is sent', async () => {
    const failing: AgencyContextSigning = { signer: { contextFor: () => Promise.reject(new Error('key gone')) }, contextOf };
    const response = await fetchFor(source(failing), { identity: testIdentity() });
    expect(received).toHaveLength(0);
    expect(response.data).toEqual({ _entities: [{ __typename: 'Citizen', vehicles: null }] });
    expect(response.errors?.[0]).toMatchObject({ path: ['_entities', 0, 'vehicles'], extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'samsat' } });
  });
});
