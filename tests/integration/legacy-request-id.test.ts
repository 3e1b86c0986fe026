import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from 'pg';
import { agency as bpjsKesehatan } from '../../subgraphs/bpjs-kesehatan';
import { agency as bpjsKetenagakerjaan } from '../../subgraphs/bpjs-ketenagakerjaan';
import { agency as bpn } from '../../subgraphs/bpn';
import { startBpnSimulator } from '../../subgraphs/bpn/legacy/bpn.simulator';
import { agency as dukcapil } from '../../subgraphs/dukcapil';
import { agency as imigrasi } from '../../subgraphs/imigrasi';
import type { AgencyModule, RunningSimulator } from '../../subgraphs/kit/agency-module';
import type { RunningService } from '../../subgraphs/kit/subgraph-server';
import { agency as oss } from '../../subgraphs/oss';
import { agency as polri } from '../../subgraphs/polri';
import { readGroundTruth } from '../../subgraphs/population/ground-truth';
import { writeDataDirectory } from '../../subgraphs/population/write-data-dir';
import { contextHeaders, makeContextKeys, requirementOf, type TestContextKeys } from '../support/gateway-context';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy';
import { POSTGRES_URL, requirePostgres } from '../unit/subgraphs/bpn/kkp-test-databases';

/**
 * The gateway's request id reaches each legacy system where its protocol has a place for it
 * (issue 6, item 5): an `X-Request-Id` header on REST, signed REST and SOAP calls (seen by a
 * recording proxy in front of the real simulator), a leading SQL comment on the land office's
 * view (seen in PostgreSQL's pg_stat_activity while the query runs). Export files have no place.
 */
const ENTITY_FIELDS: Record<string, { protocol: string; selection: string }> = {
  imigrasi: { protocol: 'SOAP 1.1', selection: 'passports { number } passportApplications { applicationNumber }' },
  'bpjs-kesehatan': { protocol: 'signed REST (VClaim)', selection: 'healthInsurance { status }' },
  polri: { protocol: 'REST with an API key', selection: 'drivingLicenses { class } policeClearance { status }' },
  'bpjs-ketenagakerjaan': { protocol: 'REST with Basic auth', selection: 'employmentInsurance { status }' },
  oss: { protocol: 'REST (user_key)', selection: 'businesses { nib }' },
};

interface Answer {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

describe('the request id on legacy calls', () => {
  let workDir: string;
  let dataDir: string;
  let nik: string;
  let keys: TestContextKeys;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'satu-request-id-'));
    dataDir = path.join(workDir, 'data');
    await writeDataDirectory({ out: dataDir, citizens: 300, seed: 'legacy-request-id' });
    nik = readGroundTruth(dataDir).demoNiks.clean;
    keys = await makeContextKeys();
  }, 60_000);

  afterAll(() => {
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  async function ask(subgraph: RunningService, name: string, requestId: string, query: string, variables: Record<string, unknown>): Promise<Answer> {
    const response = await fetch(subgraph.url, { method: 'POST', headers: await contextHeaders(keys, name, { requestId }), body: JSON.stringify({ query, variables }) });
    expect(response.status).toBe(200);
    return (await response.json()) as Answer;
  }

  function entitiesQuery(selection: string): string {
    return `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Citizen { nik ${selection} } } }`;
  }

  async function throughProxy(agency: AgencyModule, run: (subgraph: RunningService, proxy: RecordingProxy) => Promise<void>): Promise<void> {
    const simulator: RunningSimulator = await agency.startSimulator({ dataDir, host: '127.0.0.1', port: 0 });
    const proxy = await startRecordingProxy(simulator.url);
    let subgraph: RunningService | undefined;
    try {
      subgraph = await agency.startSubgraph({ host: '127.0.0.1', port: 0, legacyLocation: proxy.url, legacyTimeoutMs: 3000, gatewayContext: requirementOf(keys) });
      await run(subgraph, proxy);
    } finally {
      await subgraph?.stop();
      await proxy.close();
      await simulator.stop();
    }
  }

  it('REST (dukcapil, SIAK): every call carries the signed request id as X-Request-Id', async () => {
    await throughProxy(dukcapil, async (subgraph, proxy) => {
      const answer = await ask(subgraph, 'dukcapil', 'rid-dukcapil-1', 'query ($nik: NIK!) { citizen(nik: $nik) { fullName } }', { nik });
      expect(answer.errors).toBeUndefined();
      expect(proxy.requests.length).toBeGreaterThan(0);
      expect(proxy.requests.map((request) => request.headers['x-request-id'])).toEqual(proxy.requests.map(() => 'rid-dukcapil-1'));
    });
  });

  it.each(Object.entries(ENTITY_FIELDS).map(([name, { protocol }]) => [name, protocol]))('%s (%s): every call carries the signed request id as X-Request-Id', async (name) => {
    const agency = { imigrasi, 'bpjs-kesehatan': bpjsKesehatan, polri, 'bpjs-ketenagakerjaan': bpjsKetenagakerjaan, oss }[name]!;
    await throughProxy(agency, async (subgraph, proxy) => {
      const requestId = `rid-${name}-1`;
      const answer = await ask(subgraph, name, requestId, entitiesQuery(ENTITY_FIELDS[name]!.selection), { representations: [{ __typename: 'Citizen', nik }] });
      expect(answer.errors).toBeUndefined();
      expect(proxy.requests.length).toBeGreaterThan(0);
      expect(proxy.requests.map((request) => request.headers['x-request-id'])).toEqual(proxy.requests.map(() => requestId));
      // A second request is told apart: its calls carry its own id.
      const before = proxy.requests.length;
      await ask(subgraph, name, `rid-${name}-2`, entitiesQuery(ENTITY_FIELDS[name]!.selection), { representations: [{ __typename: 'Citizen', nik }] });
      expect(proxy.requests.slice(before).map((request) => request.headers['x-request-id'])).toEqual(proxy.requests.slice(before).map(() => `rid-${name}-2`));
    });
  });

  it('SQL on SQLite (bpn): the query with its leading comment runs and answers', async () => {
    const simulator = await bpn.startSimulator({ dataDir, host: '127.0.0.1', port: 0 });
    const subgraph = await bpn.startSubgraph({ host: '127.0.0.1', port: 0, legacyLocation: simulator.url, legacyTimeoutMs: 3000, gatewayContext: requirementOf(keys) });
    try {
      const answer = await ask(subgraph, 'bpn', 'rid-bpn-sqlite', entitiesQuery('landParcels { certificateNumber }'), { representations: [{ __typename: 'Citizen', nik }] });
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ _entities: [{ nik, landParcels: expect.any(Array) }] });
    } finally {
      await subgraph.stop();
      await simulator.stop();
    }
  });

  it('SQL on PostgreSQL (bpn): the database sees /* satu request <id> */ at the head of the query', async () => {
    const schema = `bpn_rid_${process.pid}_${randomBytes(3).toString('hex')}`;
    // The simulator's delay makes the view sleep, so the query is still running when we look.
    const simulator = await startBpnSimulator({ dataDir, databaseUrl: POSTGRES_URL, schema, faults: { delayMinMs: 1200, delayMaxMs: 1200 } });
    const subgraph = await bpn.startSubgraph({ host: '127.0.0.1', port: 0, legacyLocation: simulator.url, legacyTimeoutMs: 5000, gatewayContext: requirementOf(keys) });
    let observer: Client | undefined;
    try {
      observer = await requirePostgres();
      const requestId = `rid-bpn-pg-${randomBytes(3).toString('hex')}`;
      const answered = ask(subgraph, 'bpn', requestId, entitiesQuery('landParcels { certificateNumber }'), { representations: [{ __typename: 'Citizen', nik }] });
      let seen: string | undefined;
      const deadline = Date.now() + 4000;
      for (let attempt = 0; attempt < 200 && seen === undefined && Date.now() < deadline; attempt++) {
        const { rows } = await observer.query<{ query: string }>("SELECT query FROM pg_stat_activity WHERE query LIKE '%satu request ' || $1 || '%' AND pid <> pg_backend_pid()", [requestId]);
        seen = rows[0]?.query;
        if (seen === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(seen ?? 'nothing seen in pg_stat_activity').toMatch(new RegExp(`^/\\* satu request ${requestId} \\*/ select `));
      expect((await answered).errors).toBeUndefined();
    } finally {
      await observer?.end();
      await subgraph.stop();
      await simulator.stop();
    }
  });
});
