import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { DEMO_QUERY } from '../../gateway/demo/banner';
import { everyFieldCitizenQuery } from '../../gateway/demo/every-field-query';
import { buildSchemaArtifacts } from '../../schema/pipeline';
import { AGENCIES } from '../../subgraphs/catalog';
import { startDemo, type RunningDemo } from '../../gateway/demo/start-demo';
import { readGroundTruth, type GroundTruth } from '../../subgraphs/population/ground-truth';
import { writeDataDirectory } from '../../subgraphs/population/write-data-dir';
import { demoAuthHeaders } from '../support/demo-access';

interface GraphQLAnswer {
  data?: { citizen?: Record<string, unknown> | null; citizens?: Array<Record<string, unknown> | null> } | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; agency?: string } }>;
}

/**
 * The demo as a user runs it, on free loopback ports: real simulators over their real
 * protocols, real subgraphs, the real gateway. One query across every agency, then
 * agencies failing one at a time.
 */
describe('the demo, end to end on loopback', () => {
  let workDir: string;
  let demo: RunningDemo;
  let truth: GroundTruth;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(os.tmpdir(), 'satu-it-'));
    const dataDir = path.join(workDir, 'data');
    await writeDataDirectory({ out: dataDir, citizens: 400, seed: 'integration' });
    truth = readGroundTruth(dataDir);
    demo = await startDemo({
      dataDir,
      host: '127.0.0.1',
      gatewayPort: 0,
      ports: 'random',
      legacyTimeoutMs: 800,
      agencyTimeoutMs: 1500,
      logger: pino({ level: 'silent' }),
    });
  }, 60_000);

  afterAll(async () => {
    await demo?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  async function ask(query: string, variables: Record<string, unknown>): Promise<GraphQLAnswer> {
    const response = await fetch(demo.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...demoAuthHeaders(demo) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLAnswer;
  }

  function legacyCalls(): number {
    return [...demo.stack.agencies.values()].reduce((sum, running) => sum + running.simulator.stats().requests, 0);
  }

  it('answers one citizen query with data from all four agencies', async () => {
    const answer = await ask(DEMO_QUERY, { nik: truth.demoNiks.clean });
    expect(answer.errors).toBeUndefined();
    const citizen = answer.data?.citizen as Record<string, unknown>;
    expect(citizen.nik).toBe(truth.demoNiks.clean);
    expect(typeof citizen.fullName).toBe('string');
    expect((citizen.familyCard as { members: unknown[] }).members.length).toBeGreaterThan(0);
    expect((citizen.passports as unknown[]).length).toBeGreaterThan(0);
    expect((citizen.vehicles as unknown[]).length).toBeGreaterThan(0);
    expect((citizen.healthInsurance as { status: string }).status).not.toBe('NOT_REGISTERED');
  });

  it("shows an agency's planted copy as the agency holds it", async () => {
    const plant = truth.plants.find((candidate) => candidate.nik === truth.demoNiks.mismatch && candidate.class === 'MISMATCH');
    expect(plant).toBeDefined();
    const artifacts = await buildSchemaArtifacts(AGENCIES, demo.stack.subgraphUrls());
    const answer = await ask(everyFieldCitizenQuery(artifacts.apiSdl), { nik: truth.demoNiks.mismatch });
    expect(answer.errors).toBeUndefined();
    expect(JSON.stringify(answer.data)).toContain(JSON.stringify(plant?.agencyValue));
  });

  it('answers citizens() in input order with null for an unknown NIK', async () => {
    const unknown = '1471010101010999';
    const answer = await ask('query($niks: [NIK!]!) { citizens(niks: $niks) { nik fullName } }', { niks: [truth.demoNiks.variant, unknown, truth.demoNiks.clean] });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.citizens?.map((citizen) => citizen?.nik ?? null)).toEqual([truth.demoNiks.variant, null, truth.demoNiks.clean]);
  });

  it.each([
    ['147108010190001', 'exactly 16 digits'],
    ['1471080101900000', 'serial'],
    ['1499080101900001', 'regency'],
    ['1471083202900001', 'birth date'],
  ])('refuses the malformed NIK %s with BAD_USER_INPUT and asks no agency', async (nik, part) => {
    const before = legacyCalls();
    const answer = await ask(DEMO_QUERY, { nik });
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0]?.message).toContain(part);
    expect(legacyCalls()).toBe(before);
  });

  it('refuses a NIK sent as a JSON number and a literal NIK that is malformed', async () => {
    const asNumber = await ask(DEMO_QUERY, { nik: 1471080101900001 });
    expect(asNumber.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const literal = await ask('{ citizen(nik: "12345") { nik } }', {});
    expect(literal.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses more than 100 NIKs in citizens()', async () => {
    const niks = Array.from({ length: 101 }, () => truth.demoNiks.clean);
    const answer = await ask('query($niks: [NIK!]!) { citizens(niks: $niks) { nik } }', { niks });
    // The gateway's list-argument limit answers before any agency is asked.
    expect(answer.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(answer.errors?.[0]?.message).toMatch(/101/);
    expect(answer.data ?? null).toBeNull();
  });

  it('serves health, readiness and GraphiQL from local assets', async () => {
    const base = demo.gateway.url.replace(/\/graphql$/, '');
    // @apollo/gateway's own telemetry to Apollo's cloud is switched off by the gateway itself.
    expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('true');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = (await (await fetch(`${base}/readyz`)).json()) as { status: string; unreachable: string[] };
    expect(ready).toMatchObject({ status: 'ready', unreachable: [] });
    const page = await (await fetch(`${base}/graphiql`)).text();
    expect(page).toContain('/assets/graphiql.min.js');
    expect(page).not.toMatch(/https?:\/\//);
    expect((await fetch(`${base}/assets/graphiql.min.js`)).status).toBe(200);
  });

  it('answers slow agencies past their timeout with AGENCY_TIMEOUT for their fields only', async () => {
    const bpjs = demo.stack.agencies.get('bpjs-kesehatan');
    bpjs?.simulator.setFaults({ hangRate: 1 });
    try {
      const answer = await ask(DEMO_QUERY, { nik: truth.demoNiks.clean });
      const citizen = answer.data?.citizen as Record<string, unknown>;
      expect(citizen.healthInsurance).toBeNull();
      expect((citizen.passports as unknown[]).length).toBeGreaterThan(0);
      expect(citizen.hasActiveHealthInsurance).toBeNull();
      expect(answer.errors).toEqual([
        expect.objectContaining({ path: ['citizen', 'healthInsurance'], extensions: { code: 'AGENCY_TIMEOUT', agency: 'bpjs-kesehatan' } }),
        expect.objectContaining({ path: ['citizen', 'hasActiveHealthInsurance'], extensions: { code: 'AGENCY_TIMEOUT', agency: 'bpjs-kesehatan' } }),
      ]);
    } finally {
      bpjs?.simulator.setFaults({ hangRate: 0 });
    }
  });

  it('answers an agency that returns garbage with AGENCY_BAD_RESPONSE for its fields only', async () => {
    const imigrasi = demo.stack.agencies.get('imigrasi');
    imigrasi?.simulator.setFaults({ malformedRate: 1 });
    try {
      const answer = await ask(DEMO_QUERY, { nik: truth.demoNiks.clean });
      expect((answer.data?.citizen as Record<string, unknown>).passports).toBeNull();
      expect(answer.errors).toEqual([expect.objectContaining({ path: ['citizen', 'passports'], extensions: { code: 'AGENCY_BAD_RESPONSE', agency: 'imigrasi' } })]);
    } finally {
      imigrasi?.simulator.setFaults({ malformedRate: 0 });
    }
  });

  it('gives a partial answer when a legacy simulator is stopped, and another when a subgraph is stopped', async () => {
    const imigrasi = demo.stack.agencies.get('imigrasi');
    await imigrasi?.simulator.stop();
    const withoutLegacy = await ask(DEMO_QUERY, { nik: truth.demoNiks.clean });
    const citizen = withoutLegacy.data?.citizen as Record<string, unknown>;
    expect(citizen.passports).toBeNull();
    expect(citizen.fullName).toEqual(expect.any(String));
    expect((citizen.vehicles as unknown[]).length).toBeGreaterThan(0);
    expect(citizen.healthInsurance).not.toBeNull();
    expect(withoutLegacy.errors).toEqual([expect.objectContaining({ path: ['citizen', 'passports'], extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'imigrasi' } })]);
    expect(JSON.stringify(withoutLegacy.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|stack/);

    const samsat = demo.stack.agencies.get('samsat');
    await samsat?.subgraph.stop();
    const withoutSubgraph = await ask(DEMO_QUERY, { nik: truth.demoNiks.clean });
    expect((withoutSubgraph.data?.citizen as Record<string, unknown>).vehicles).toBeNull();
    expect(withoutSubgraph.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: ['citizen', 'vehicles'], extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'samsat' } })]),
    );
  });
});
