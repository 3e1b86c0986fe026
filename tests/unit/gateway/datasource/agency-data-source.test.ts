import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { AgencyDataSource, createSubgraphDispatcher } from '../../../../gateway/datasource/agency-data-source';

type Behaviour = 'ok' | 'html-502' | 'garbage' | 'hang' | 'not-graphql';

const ENTITIES_QUERY = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Citizen{vehicles{plateNumber}}}}';
const representations = [{ __typename: 'Citizen', nik: '1471080101900001' }];

describe('AgencyDataSource', () => {
  let behaviour: Behaviour = 'ok';
  let server: http.Server;
  let url: string;
  const dispatcher = createSubgraphDispatcher();
  const hung: http.ServerResponse[] = [];

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        if (behaviour === 'hang') {
          hung.push(response);
          return;
        }
        if (behaviour === 'html-502') {
          response.writeHead(502, { 'content-type': 'text/html' });
          response.end('<html>Bad Gateway nginx 10.0.0.7</html>');
          return;
        }
        if (behaviour === 'garbage') {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end('{"data":{"_entities":[');
          return;
        }
        if (behaviour === 'not-graphql') {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end('{"hello":"world"}');
          return;
        }
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ data: { _entities: [{ __typename: 'Citizen', vehicles: [{ plateNumber: 'BM 1234 AJ' }] }] } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    for (const response of hung) response.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await dispatcher.close();
  });

  function source(target = url, timeoutMs = 300): AgencyDataSource {
    return new AgencyDataSource({ name: 'samsat', url: target, timeoutMs, dispatcher, logger: pino({ level: 'silent' }) });
  }

  async function run(dataSource: AgencyDataSource) {
    return dataSource.process({
      kind: GraphQLDataSourceRequestKind.HEALTH_CHECK,
      request: { query: ENTITIES_QUERY, variables: { representations } },
      context: {},
    });
  }

  it('passes a good answer through', async () => {
    behaviour = 'ok';
    const response = await run(source());
    expect(response.data).toEqual({ _entities: [{ __typename: 'Citizen', vehicles: [{ plateNumber: 'BM 1234 AJ' }] }] });
    expect(response.errors).toBeUndefined();
  });

  it.each<[Behaviour, string]>([
    ['html-502', 'AGENCY_UNAVAILABLE'],
    ['garbage', 'AGENCY_BAD_RESPONSE'],
    ['not-graphql', 'AGENCY_BAD_RESPONSE'],
    ['hang', 'AGENCY_TIMEOUT'],
  ])('turns %s into null fields with %s at their paths, leaking nothing', async (kind, code) => {
    behaviour = kind;
    const started = Date.now();
    const response = await run(source());
    expect(Date.now() - started).toBeLessThan(2000);
    expect(response.data).toEqual({ _entities: [{ __typename: 'Citizen', vehicles: null }] });
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]).toMatchObject({ path: ['_entities', 0, 'vehicles'], extensions: { code, agency: 'samsat' } });
    expect(JSON.stringify(response.errors)).not.toMatch(/10\.0\.0\.7|nginx|127\.0\.0\.1/);
  });

  it('turns a refused connection into AGENCY_UNAVAILABLE', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const response = await run(source(`http://127.0.0.1:${port}/graphql`));
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'AGENCY_UNAVAILABLE', agency: 'samsat' });
  });
});
