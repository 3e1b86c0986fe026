import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { composeSupergraph } from '../../schema/compose';
import { createGraphQLRequestListener, listen, type RunningHttpServer } from '../../subgraphs/kit/http/graphql-http-server';
import { createLogger } from '../../subgraphs/kit/logger';
import { accessOffForTests } from '../support/demo-access';
import { TempDirs } from '../support/temp-dir';

/**
 * Attacks on error hygiene (issue 6, items 8 and 9) through a real gateway on loopback: a civil
 * registry subgraph that behaves, and three agencies that misbehave on command (raw HTTP servers
 * answering what a broken or compromised agency might). Every answer the client gets is searched
 * for what must never reach it.
 */

const NIK = '1471100405960001';
const INTERNAL_IP = '10.20.30.40';
const HEADER = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
scalar NIK
scalar Date`;

const SDL: Record<string, string> = {
  dukcapil: `${HEADER}
type Query { citizen(nik: NIK!): Citizen  citizens(niks: [NIK!]!): [Citizen]! }
type Citizen @key(fields: "nik") { nik: NIK!  fullName: String!  birthDate: Date! }`,
  imigrasi: `${HEADER}
type Citizen @key(fields: "nik") { nik: NIK!  passports: [Passport!] }
type Passport { number: String!  expiryDate: Date }`,
  samsat: `${HEADER}
type Citizen @key(fields: "nik") { nik: NIK!  vehicles: [Vehicle!] }
enum TaxStatus { PAID OVERDUE }
type Vehicle { plateNumber: String!  taxStatus: TaxStatus }`,
  polri: `${HEADER}
type Citizen @key(fields: "nik") { nik: NIK!  drivingLicenses: [DrivingLicense!]  points: Int }
type DrivingLicense { class: String!  expiryDate: Date }`,
};

const CITIZEN_QUERY = `query Citizen($nik: NIK!) {
  citizen(nik: $nik) { fullName birthDate passports { number expiryDate } vehicles { plateNumber taxStatus } drivingLicenses { class expiryDate } points }
}`;

type Answer = { status: number; contentType: string; body: string };
type Behaviour = (representations: Array<{ __typename: string; nik: string }>) => Answer;

const json = (body: unknown, status = 200): Answer => ({ status, contentType: 'application/json', body: JSON.stringify(body) });
const entities = (representations: Array<{ nik: string }>, fields: Record<string, unknown>) => ({ _entities: representations.map(() => ({ __typename: 'Citizen', ...fields })) });

const WELL_BEHAVED: Record<string, Behaviour> = {
  imigrasi: (reps) => json({ data: entities(reps, { passports: [{ number: 'C9342308', expiryDate: '2031-04-29' }] }) }),
  samsat: (reps) => json({ data: entities(reps, { vehicles: [{ plateNumber: 'BM 7553 QU', taxStatus: 'PAID' }] }) }),
  polri: (reps) => json({ data: entities(reps, { drivingLicenses: [{ class: 'C', expiryDate: '2027-05-04' }], points: 3 }) }),
};

/** An agency that can be told how to misbehave; counts the calls it gets. */
interface MisbehavingAgency {
  url: string;
  hits: number;
  behaviour: Behaviour;
  close(): Promise<void>;
}

async function startMisbehavingAgency(behaviour: Behaviour): Promise<MisbehavingAgency> {
  const agency: Partial<MisbehavingAgency> = { hits: 0, behaviour };
  const server = http.createServer((request, response) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => {
      agency.hits! += 1;
      const { variables } = JSON.parse(text) as { variables?: { representations?: Array<{ __typename: string; nik: string }> } };
      const answer = agency.behaviour!(variables?.representations ?? []);
      response.writeHead(answer.status, { 'content-type': answer.contentType });
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  agency.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  agency.close = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return agency as MisbehavingAgency;
}

/** The civil registry: a real subgraph, counting the operations it receives. */
async function startRegistry(): Promise<{ url: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  const schema = buildSubgraphSchema([
    {
      typeDefs: parse(SDL.dukcapil!),
      resolvers: {
        Query: { citizen: (_: unknown, { nik }: { nik: string }) => ({ nik }), citizens: (_: unknown, { niks }: { niks: string[] }) => niks.map((nik) => ({ nik })) },
        Citizen: { __resolveReference: (reference: { nik: string }) => reference, fullName: () => 'NUR IHSAN', birthDate: () => '1996-05-04' },
      } as never,
    },
  ]);
  const apollo = new ApolloServer<BaseContext>({
    schema,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), { requestDidStart: async () => void (hits += 1) }],
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const running: RunningHttpServer = await listen(createGraphQLRequestListener({ apollo, context: async () => ({}) }), '127.0.0.1', 0);
  return { url: running.url, hits: () => hits, close: async () => {
    await running.close();
    await apollo.stop();
  } };
}

describe('error hygiene through the gateway', () => {
  const temp = new TempDirs();
  const logLines: string[] = [];
  const logger = createLogger('gateway', { level: 'info', destination: { write: (line: string) => void logLines.push(line) } });
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  const agencies: Record<string, MisbehavingAgency> = {};
  let gateway: RunningGateway;
  let forbidden: string[];

  beforeAll(async () => {
    registry = await startRegistry();
    for (const [name, behaviour] of Object.entries(WELL_BEHAVED)) agencies[name] = await startMisbehavingAgency(behaviour);
    const { supergraphSdl } = composeSupergraph(Object.keys(SDL).map((name) => ({ name, sdl: SDL[name]!, url: name === 'dukcapil' ? registry.url : agencies[name]!.url })));
    // Errors as production serves them: no stack traces, no "Did you mean" (development shows suggestions).
    const access = { ...(await accessOffForTests(temp.make('error-hygiene-'))), errors: { debugErrors: false, fieldSuggestions: false } };
    gateway = await startGateway({ supergraphSdl, access, host: '127.0.0.1', port: 0, agencyTimeoutMs: 2000, logger });
    // What no client answer may contain: agency addresses included.
    forbidden = [NIK, INTERNAL_IP, 'serviceName', 'simkim', '<html', 'nginx', registry.url.replace('/graphql', ''), ...Object.values(agencies).map((agency) => agency.url.replace('/graphql', ''))];
  });

  afterAll(async () => {
    await gateway?.stop();
    for (const agency of Object.values(agencies)) await agency.close();
    await registry?.close();
    temp.removeAll();
  });

  beforeEach(() => {
    for (const [name, behaviour] of Object.entries(WELL_BEHAVED)) agencies[name]!.behaviour = behaviour;
    logLines.length = 0;
  });

  const agencyHits = () => registry.hits() + Object.values(agencies).reduce((sum, agency) => sum + agency.hits, 0);

  async function send(body: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: string; json: { data?: unknown; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> } }> {
    const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: JSON.parse(text) };
  }

  function expectClean(text: string): void {
    for (const secret of forbidden) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/stack/i);
  }

  const ask = (headers?: Record<string, string>) => send(JSON.stringify({ query: CITIZEN_QUERY, variables: { nik: NIK } }), headers);

  it('answers the citizen from every agency when all behave (the baseline)', async () => {
    const { status, json: body } = await ask();
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        citizen: {
          fullName: 'NUR IHSAN',
          birthDate: '1996-05-04',
          passports: [{ number: 'C9342308', expiryDate: '2031-04-29' }],
          vehicles: [{ plateNumber: 'BM 7553 QU', taxStatus: 'PAID' }],
          drivingLicenses: [{ class: 'C', expiryDate: '2027-05-04' }],
          points: 3,
        },
      },
    });
  });

  it('an agency error carrying a NIK, an internal IP, a stack and its own status: the client sees the generic sentence only', async () => {
    agencies.imigrasi!.behaviour = (reps) =>
      json({
        data: entities(reps, { passports: null }),
        errors: reps.map((_, index) => ({
          message: `SIMKIM lookup for ${NIK} failed: connect ECONNREFUSED ${INTERNAL_IP}:8443 (http://simkim.imigrasi.internal/api)`,
          path: ['_entities', index, 'passports'],
          extensions: {
            code: 'SIMKIM_DOWN',
            agency: 'dukcapil',
            serviceName: 'simkim-core',
            stacktrace: ['Error: connect ECONNREFUSED', `    at TCPConnectWrap (${INTERNAL_IP})`],
            exception: { host: 'simkim.imigrasi.internal' },
            http: { status: 418 },
          },
        })),
      });
    const { status, text, json: body } = await ask({ 'x-request-id': 'attack-1' });
    expect(status).toBe(200);
    expectClean(text);
    expect(body.errors).toEqual([
      { message: "imigrasi: The agency's system answered something Satu could not read; only its fields are null.", path: ['citizen', 'passports'], extensions: { code: 'AGENCY_BAD_RESPONSE', agency: 'imigrasi' } },
    ]);
    expect(body.data).toEqual({ citizen: expect.objectContaining({ fullName: 'NUR IHSAN', passports: null, vehicles: [{ plateNumber: 'BM 7553 QU', taxStatus: 'PAID' }], points: 3 }) });
    // The original is in the log, NIK masked, under the request id.
    const hidden = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.msg === 'agency error hidden from the client');
    expect(hidden).toMatchObject({ requestId: 'attack-1', agency: 'imigrasi' });
    expect(JSON.stringify(hidden)).toContain('SIMKIM lookup for 1471********0001');
    expect(logLines.join('')).not.toContain(NIK);
  });

  it('an agency answering an HTML 502 page: its fields are null with AGENCY_UNAVAILABLE, and none of the page shows', async () => {
    agencies.samsat!.behaviour = () => ({
      status: 502,
      contentType: 'text/html',
      body: `<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>upstream ${INTERNAL_IP}:9000 for ${NIK}</p><hr>nginx/1.18.0</body></html>`,
    });
    const { status, text, json: body } = await ask();
    expect(status).toBe(200);
    expectClean(text);
    expect(body.errors).toEqual([
      { message: "samsat: The agency's system could not be reached or failed; only its fields are null. Retry later.", path: ['citizen', 'vehicles'], extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'samsat' } },
    ]);
    expect(body.data).toEqual({ citizen: expect.objectContaining({ fullName: 'NUR IHSAN', vehicles: null, passports: [{ number: 'C9342308', expiryDate: '2031-04-29' }] }) });
  });

  it.each([
    ['a string for an Int', { drivingLicenses: [{ class: 'C', expiryDate: '2027-05-04' }], points: 'three' }, ['citizen', 'points'], { drivingLicenses: [{ class: 'C', expiryDate: '2027-05-04' }], points: null }],
    ['an object for a String (nulls up to the nullable list)', { drivingLicenses: [{ class: { code: 'C' }, expiryDate: '2027-05-04' }], points: 3 }, ['citizen', 'drivingLicenses', 0, 'class'], { drivingLicenses: null, points: 3 }],
    ['an object for a Date', { drivingLicenses: [{ class: 'C', expiryDate: { y: 2027 } }], points: 3 }, ['citizen', 'drivingLicenses', 0, 'expiryDate'], { drivingLicenses: [{ class: 'C', expiryDate: null }], points: 3 }],
    ['a string (with a NIK) where a list belongs', { drivingLicenses: `C ${NIK}`, points: 3 }, ['citizen', 'drivingLicenses'], { drivingLicenses: null, points: 3 }],
  ])('a wrong-typed value (%s) is an AGENCY_BAD_RESPONSE error at its path, never a silent null', async (_case, fields, path, expected) => {
    agencies.polri!.behaviour = (reps) => json({ data: entities(reps, fields) });
    const { status, text, json: body } = await ask();
    expect(status).toBe(200);
    expectClean(text);
    expect(body.errors).toEqual([{ message: "polri: The agency's system answered something Satu could not read; only its fields are null.", path, extensions: { code: 'AGENCY_BAD_RESPONSE', agency: 'polri' } }]);
    expect(body.data).toEqual({ citizen: expect.objectContaining({ fullName: 'NUR IHSAN', ...expected }) });
    expect(body).not.toHaveProperty('extensions');
  });

  it('a wrong-typed value next to another agency failure is still reported (ApolloGateway drops it then)', async () => {
    agencies.polri!.behaviour = (reps) => json({ data: entities(reps, { drivingLicenses: [], points: 2.5 }) });
    agencies.samsat!.behaviour = () => ({ status: 503, contentType: 'text/plain', body: 'down' });
    const { json: body } = await ask();
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['citizen', 'points'], extensions: { code: 'AGENCY_BAD_RESPONSE', agency: 'polri' } }),
        expect.objectContaining({ path: ['citizen', 'vehicles'], extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'samsat' } }),
      ]),
    );
    expect(body.errors).toHaveLength(2);
  });

  describe('personal data in the request itself', () => {
    it('refuses a GET carrying a NIK, without echoing it and without calling any agency', async () => {
      const before = agencyHits();
      const url = `${gateway.url}?query=${encodeURIComponent(CITIZEN_QUERY)}&variables=${encodeURIComponent(JSON.stringify({ nik: NIK }))}`;
      for (const accept of ['application/json', 'text/html']) {
        const response = await fetch(url, { headers: { accept, 'apollo-require-preflight': 'true' } });
        const text = await response.text();
        expect(response.status).toBe(400);
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
        expect(text).not.toContain('1471');
      }
      expect(agencyHits()).toBe(before);
      expect(logLines.join('')).not.toContain(NIK);
    });

    it('refuses GraphQL over GET altogether (405, Allow: POST)', async () => {
      const response = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    });

    it('refuses a NIK sent as a JSON number beyond 2^53 without echoing it or its rounded value', async () => {
      const before = agencyHits();
      // Written by hand: JSON.stringify would round the number before it is sent.
      const { status, text, json: body } = await send(`{"query":${JSON.stringify(CITIZEN_QUERY)},"variables":{"nik":14711004059600011}}`);
      expect(status).toBe(400);
      expect(body.errors).toEqual([{ message: expect.stringMatching(/^variable \$nik: NIK must be a string of 16 digits, got a number/), extensions: { code: 'BAD_USER_INPUT' } }]);
      expect(text).not.toMatch(/1471100405960001|14711004059600012|4711004059600/);
      expect(agencyHits()).toBe(before);
    });

    it.each([
      ['full-width digits', '１４７１１００４０５９６０００１', 'only the digits'],
      ['SQL text', "1471' OR '1'='1", 'only the digits'],
      ['15 digits', '147110040596000', 'exactly 16 digits'],
      ['17 digits', '14711004059600011', 'exactly 16 digits'],
    ])('refuses a malformed NIK (%s) with BAD_USER_INPUT and zero agency calls', async (_case, nik, fault) => {
      const before = agencyHits();
      for (const body of [JSON.stringify({ query: CITIZEN_QUERY, variables: { nik } }), JSON.stringify({ query: `{ citizens(niks: [${JSON.stringify(nik)}]) { fullName } }` })]) {
        const { status, text, json: answer } = await send(body);
        expect(status).toBe(400);
        expect(answer.errors).toEqual([{ message: expect.stringContaining(fault), extensions: { code: 'BAD_USER_INPUT' } }]);
        expect(text).not.toContain(nik);
      }
      expect(agencyHits()).toBe(before);
    });
  });

  describe('abusive requests', () => {
    it('refuses a 10 MB body with 413 and a clear message, calling no agency', async () => {
      const before = agencyHits();
      const padding = ' '.repeat(10 * 1024 * 1024);
      const { status, json: body } = await send(`{"query":${JSON.stringify(CITIZEN_QUERY)},"variables":{"nik":"${NIK}"}}${padding}`);
      expect(status).toBe(413);
      expect(body).toEqual({ errors: [{ message: 'request body is larger than 1048576 bytes', extensions: { code: 'QUERY_TOO_COMPLEX' } }] });
      expect(agencyHits()).toBe(before);
    });

    it('refuses a batched array of operations (Apollo Server does unless allowBatchedHttpRequests)', async () => {
      const before = agencyHits();
      const operation = { query: CITIZEN_QUERY, variables: { nik: NIK } };
      const { status, text, json: body } = await send(JSON.stringify([operation, operation]));
      expect(status).toBe(400);
      expect(body.errors).toEqual([{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }]);
      expectClean(text);
      expect(agencyHits()).toBe(before);
    });
  });

  it('shows no "Did you mean" suggestion with suggestions off (the production setting)', async () => {
    const { json: body } = await send(JSON.stringify({ query: `{ citizen(nik: "${NIK}") { fulName } }` }));
    expect(body.errors).toEqual([{ message: 'Cannot query field "fulName" on type "Citizen".', locations: expect.any(Array), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
  });

  it('returns the request id to the client and puts it on every log line of the request', async () => {
    agencies.samsat!.behaviour = () => ({ status: 500, contentType: 'text/plain', body: 'oops' });
    const response = await ask({ 'x-request-id': 'trace-77' });
    expect(response.headers.get('x-request-id')).toBe('trace-77');
    const lines = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((entry) => entry.requestId === 'trace-77')).toBe(true);
  });
});
