import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ContextSigner } from '../../gateway/context-signing/context-signer';
import { DEMO_QUERY } from '../../gateway/demo/banner';
import { startDemo, type RunningDemo } from '../../gateway/demo/start-demo';
import { GATEWAY_CONTEXT_HEADER } from '../../subgraphs/kit/gateway-context';
import { readGroundTruth, type GroundTruth } from '../../subgraphs/population/ground-truth';
import { writeDataDirectory } from '../../subgraphs/population/write-data-dir';
import { demoAuthHeaders } from '../support/demo-access';
import { demoContextKeys, makeContextKeys, signedContext, testIdentity, type TestContextKeys } from '../support/gateway-context';

/**
 * Nobody on the network bypasses the gateway (issue 6, item 5): in the demo every subgraph requires
 * the context the gateway signs for it. A query through the gateway works; a direct call to a
 * subgraph without a valid context is refused with UNAUTHENTICATED before any legacy system is asked.
 */
interface Answer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** A query per subgraph that asks its legacy system (a positive control shows it does). */
const SELECTIONS: Record<string, string> = {
  imigrasi: 'passports { number }',
  samsat: 'vehicles { plateNumber }',
  'bpjs-kesehatan': 'healthInsurance { status }',
  polri: 'drivingLicenses { class }',
  'bpjs-ketenagakerjaan': 'employmentInsurance { status }',
  djp: 'taxProfile { status }',
  bpn: 'landParcels { certificateNumber }',
  oss: 'businesses { nib }',
  kua: 'marriages { marriedOn }',
};

describe('subgraphs behind the gateway require its signed context', () => {
  let workDir: string;
  let demo: RunningDemo;
  let truth: GroundTruth;
  let keys: TestContextKeys;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(os.tmpdir(), 'satu-context-'));
    const dataDir = path.join(workDir, 'data');
    await writeDataDirectory({ out: dataDir, citizens: 300, seed: 'subgraph-context' });
    truth = readGroundTruth(dataDir);
    demo = await startDemo({ dataDir, host: '127.0.0.1', gatewayPort: 0, ports: 'random', legacyTimeoutMs: 1500, logger: pino({ level: 'silent' }) });
    // The pair the demo made under <dataDir>/context-signing/ and signs with.
    keys = await demoContextKeys(dataDir);
  }, 60_000);

  afterAll(async () => {
    await demo?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  function queryFor(subgraph: string): { query: string; variables: Record<string, unknown> } {
    if (subgraph === 'dukcapil') return { query: 'query ($nik: NIK!) { citizen(nik: $nik) { fullName } }', variables: { nik: truth.demoNiks.clean } };
    const selection = SELECTIONS[subgraph];
    if (!selection) throw new Error(`no query for subgraph ${subgraph}: add it to SELECTIONS`);
    return {
      query: `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Citizen { ${selection} } } }`,
      variables: { representations: [{ __typename: 'Citizen', nik: truth.demoNiks.clean }] },
    };
  }

  function legacyCalls(): Record<string, number> {
    return Object.fromEntries([...demo.stack.agencies.values()].map((running) => [running.agency.name, running.simulator.stats().requests]));
  }

  async function direct(subgraph: string, context?: string): Promise<{ status: number; answer: Answer }> {
    const url = demo.stack.agencies.get(subgraph)!.subgraph.url;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(context === undefined ? {} : { [GATEWAY_CONTEXT_HEADER]: context }) },
      body: JSON.stringify(queryFor(subgraph)),
    });
    return { status: response.status, answer: (await response.json()) as Answer };
  }

  const subgraphs = (): string[] => [...demo.stack.agencies.keys()];

  it('answers a citizen query through the gateway, every agency included', async () => {
    const response = await fetch(demo.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...demoAuthHeaders(demo) },
      body: JSON.stringify({ query: DEMO_QUERY, variables: { nik: truth.demoNiks.clean } }),
    });
    const answer = (await response.json()) as Answer;
    expect(answer.errors).toBeUndefined();
    const citizen = answer.data?.citizen as Record<string, unknown>;
    for (const field of ['fullName', 'passports', 'vehicles', 'healthInsurance', 'drivingLicenses', 'employmentInsurance', 'taxProfile', 'landParcels', 'businesses', 'marriages']) {
      expect(citizen[field]).not.toBeNull();
    }
  });

  it('reports every subgraph ready: the readiness probe carries a context too', async () => {
    const response = await fetch(demo.gateway.url.replace(/\/graphql$/, '/readyz'));
    const body = (await response.json()) as { status: string; unreachable: string[] };
    expect(body).toMatchObject({ status: 'ready', unreachable: [] });
  });

  it('refuses a direct call without the header at every subgraph, with zero legacy calls', async () => {
    expect(subgraphs().sort()).toEqual(['bpjs-kesehatan', 'bpjs-ketenagakerjaan', 'bpn', 'djp', 'dukcapil', 'imigrasi', 'kua', 'oss', 'polri', 'samsat']);
    const before = legacyCalls();
    for (const subgraph of subgraphs()) {
      const { status, answer } = await direct(subgraph);
      expect({ subgraph, status, answer }).toEqual({
        subgraph,
        status: 401,
        answer: { errors: [{ message: 'calls must come through the Satu gateway: the X-Satu-Context header is missing', extensions: { code: 'UNAUTHENTICATED' } }] },
      });
    }
    expect(legacyCalls()).toEqual(before);
  });

  it('the same direct call with a valid context is answered and does reach the legacy system (the control)', async () => {
    const before = legacyCalls();
    for (const subgraph of subgraphs()) {
      const { status, answer } = await direct(subgraph, await signedContext(keys, subgraph, { requestId: `control-${subgraph}` }));
      expect({ subgraph, status, errors: answer.errors }).toEqual({ subgraph, status: 200, errors: undefined });
    }
    const after = legacyCalls();
    // Simulators over HTTP count their calls (export files and the SQL view cannot see reads).
    const counted = ['dukcapil', 'imigrasi', 'bpjs-kesehatan', 'polri', 'bpjs-ketenagakerjaan', 'oss'];
    expect(counted.filter((subgraph) => after[subgraph]! - before[subgraph]! === 0)).toEqual([]);
  });

  it('refuses a context signed for another subgraph', async () => {
    const before = legacyCalls();
    const { status, answer } = await direct('dukcapil', await signedContext(keys, 'samsat'));
    expect(status).toBe(401);
    expect(answer.errors).toEqual([{ message: 'calls must come through the Satu gateway: the context is addressed to samsat, not to dukcapil', extensions: { code: 'UNAUTHENTICATED' } }]);
    expect(legacyCalls()).toEqual(before);
  });

  it('refuses an expired context (a replayed call)', async () => {
    const before = legacyCalls();
    const { status, answer } = await direct('imigrasi', await signedContext(keys, 'imigrasi', { signedAt: Date.now() - 5 * 60_000 }));
    expect(status).toBe(401);
    expect(answer.errors?.[0]?.message).toMatch(/^calls must come through the Satu gateway: the context expired at /);
    expect(legacyCalls()).toEqual(before);
  });

  it('refuses forged contexts: another key, with its own kid or claiming the gateway’s', async () => {
    const before = legacyCalls();
    const other = await makeContextKeys();
    const unknownKey = await direct('polri', await signedContext(other, 'polri'));
    expect(unknownKey.status).toBe(401);
    expect(unknownKey.answer.errors?.[0]?.message).toMatch(/signed with a key this subgraph does not trust/);
    const posing = new ContextSigner({ privateKey: other.privateKey, publicKey: keys.publicKey });
    const forged = await direct('polri', await posing.contextFor(testIdentity({ role: 'operator' }), 'polri'));
    expect(forged.status).toBe(401);
    expect(forged.answer.errors?.[0]?.message).toBe('calls must come through the Satu gateway: the context signature does not verify');
    expect(legacyCalls()).toEqual(before);
  });

  it('leaves each subgraph’s health check open', async () => {
    for (const subgraph of subgraphs()) {
      const response = await fetch(demo.stack.agencies.get(subgraph)!.subgraph.url.replace(/\/graphql$/, '/healthz'));
      expect({ subgraph, status: response.status }).toEqual({ subgraph, status: 200 });
    }
  });
});
