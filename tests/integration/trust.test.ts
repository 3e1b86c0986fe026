import 'reflect-metadata';
import Database from 'better-sqlite3';
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import pino from 'pino';
import { ACCESS_DEFAULTS } from '../../gateway/access/access-config';
import { DEMO_FILES } from '../../gateway/access/demo-credentials';
import { runAuditExport, runAuditVerify } from '../../gateway/cli/commands/audit.command';
import type { CliIo } from '../../gateway/cli/satu';
import { startDemo, type RunningDemo } from '../../gateway/demo/start-demo';
import { readGroundTruth, type GroundTruth } from '../../subgraphs/population/ground-truth';
import { writeDataDirectory } from '../../subgraphs/population/write-data-dir';
import { demoAuthHeaders } from '../support/demo-access';

interface GraphQLError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; coordinate?: string; missingScopes?: string[]; purposeRefused?: boolean; limit?: string; value?: number; maximum?: number };
}
interface Answer {
  status: number;
  text: string;
  data?: Record<string, any> | null;
  errors?: GraphQLError[];
}

interface AccessLogEntry {
  sequence: number;
  requestId: string;
  clientId: string;
  role: string;
  purpose: string | null;
  operationName: string | null;
  fields: string[];
  agencies: string[];
  outcome: string;
  errorCodes: string[];
  inArguments: boolean;
  hashMatches: boolean;
}

const ACCESS_LOG = `query AuditAccessLog($nik: NIK!) {
  accessLog(nik: $nik) { sequence requestId clientId role purpose operationName fields agencies outcome errorCodes inArguments hashMatches }
}`;

const CITIZEN_FIELDS = 'nik fullName vehicles { plateNumber } healthInsurance { status }';

function bufferIo(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
  return io;
}

/**
 * Issue 6 end to end: the demo as `npm start` runs it (access control on, demo keys), on free
 * loopback ports, with real simulators behind real subgraphs. Each test asserts what the caller
 * gets and, where it matters, how many calls reached the agencies' legacy systems and what the
 * access ledger recorded.
 */
describe('trust: access control, purposes, limits and the access ledger through the demo gateway', () => {
  let workDir: string;
  let dataDir: string;
  let demo: RunningDemo;
  let truth: GroundTruth;
  let demoSigningKey: KeyObject;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(os.tmpdir(), 'satu-trust-'));
    dataDir = path.join(workDir, 'data');
    await writeDataDirectory({ out: dataDir, citizens: 300, seed: 'trust' });
    truth = readGroundTruth(dataDir);
    demo = await startDemo({
      dataDir,
      host: '127.0.0.1',
      gatewayPort: 0,
      ports: 'random',
      legacyTimeoutMs: 1500,
      agencyTimeoutMs: 2500,
      logger: pino({ level: 'silent' }),
    });
    demoSigningKey = createPrivateKey(readFileSync(path.join(dataDir, 'access', DEMO_FILES.signingKey), 'utf8'));
  }, 90_000);

  afterAll(async () => {
    await demo?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  const gatewayDatabase = (): string => path.join(dataDir, 'gateway.sqlite');

  async function post(body: unknown, headers: Record<string, string>, url = demo.gateway.url): Promise<Answer> {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const text = await response.text();
    const parsed = JSON.parse(text) as Pick<Answer, 'data' | 'errors'>;
    return { status: response.status, text, data: parsed.data, errors: parsed.errors };
  }

  function ask(query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<Answer> {
    return post({ query, variables }, headers);
  }

  /** Requests that reached any agency's legacy system (export-file and SQL agencies are not counted by their simulators). */
  function legacyCalls(): number {
    return [...demo.stack.agencies.values()].reduce((sum, running) => sum + running.simulator.stats().requests, 0);
  }

  function legacyCallsOf(agency: string): number {
    const running = demo.stack.agencies.get(agency);
    if (!running) throw new Error(`${agency} is not running in the demo`);
    return running.simulator.stats().requests;
  }

  interface TokenOptions {
    scopes: readonly string[];
    role?: string;
    clientId?: string;
    key?: KeyObject;
    issuedAt?: number;
    expiresAt?: number;
  }

  /** A token as the mall's identity provider would issue it, signed here with the demo key (or another). */
  function mintToken(options: TokenOptions): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ role: options.role ?? 'frontend', scope: options.scopes.join(' '), client_id: options.clientId ?? 'samsat-counter-07' })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .setIssuer(ACCESS_DEFAULTS.issuer)
      .setAudience(ACCESS_DEFAULTS.audience)
      .setSubject(options.clientId ?? 'samsat-counter-07')
      .setIssuedAt(options.issuedAt ?? now)
      .setExpirationTime(options.expiresAt ?? now + 600)
      .sign(options.key ?? demoSigningKey);
  }

  const bearer = (token: string, purpose: string | null = 'counter-service'): Record<string, string> => ({
    authorization: `Bearer ${token}`,
    ...(purpose ? { 'x-satu-purpose': purpose } : {}),
  });

  function errorAt(answer: Answer, at: ReadonlyArray<string | number>): GraphQLError | undefined {
    return answer.errors?.find((error) => JSON.stringify(error.path) === JSON.stringify(at));
  }

  async function accessLog(nik: string): Promise<AccessLogEntry[]> {
    const answer = await ask(ACCESS_LOG, { nik }, demoAuthHeaders(demo, 'auditor', 'audit'));
    expect(answer.errors).toBeUndefined();
    return answer.data?.accessLog as AccessLogEntry[];
  }

  /** The auditor's view of the entries of one named operation about a NIK, oldest first. */
  async function entriesOf(nik: string, operationName: string): Promise<AccessLogEntry[]> {
    return (await accessLog(nik)).filter((entry) => entry.operationName === operationName);
  }

  describe('who is calling', () => {
    it('refuses a request without credentials with UNAUTHENTICATED (401) before any agency is asked', async () => {
      const before = legacyCalls();
      const answer = await ask(`query($nik: NIK!) { citizen(nik: $nik) { ${CITIZEN_FIELDS} } }`, { nik: truth.demoNiks.clean }, { 'x-satu-purpose': 'counter-service' });
      expect(answer.status).toBe(401);
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(answer.data ?? null).toBeNull();
      expect(answer.text).not.toContain(truth.demoNiks.clean);
      expect(legacyCalls()).toBe(before);
    });

    it('keeps /healthz and /readyz open without credentials', async () => {
      const base = demo.gateway.url.replace(/\/graphql$/, '');
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      const probes = ((await ready.json()) as { subgraphs: Array<{ name: string }> }).subgraphs.map((probe) => probe.name);
      expect(probes).toEqual(expect.arrayContaining([...demo.stack.agencies.keys()]));
    });

    it('refuses an expired token and a token signed by another key, saying which', async () => {
      const before = legacyCalls();
      const now = Math.floor(Date.now() / 1000);
      const query = `query($nik: NIK!) { citizen(nik: $nik) { nik fullName } }`;
      const expired = await ask(query, { nik: truth.demoNiks.clean }, bearer(await mintToken({ scopes: ['identity:read'], issuedAt: now - 3600, expiresAt: now - 600 })));
      expect(expired.status).toBe(401);
      expect(expired.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(expired.errors?.[0]?.message).toMatch(/expired/);

      const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
      const foreign = await ask(query, { nik: truth.demoNiks.clean }, bearer(await mintToken({ scopes: ['identity:read'], key: otherKey })));
      expect(foreign.status).toBe(401);
      expect(foreign.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(foreign.errors?.[0]?.message).toMatch(/signature does not verify/);
      expect(legacyCalls()).toBe(before);
    });

    it('grants nothing for scopes or a role forged in unsigned headers', async () => {
      const query = `query($nik: NIK!) { citizen(nik: $nik) { nik healthInsurance { status } } }`;
      const forged = { 'x-satu-scopes': 'health:read identity:read', 'x-satu-role': 'operator' };
      const before = legacyCalls();
      const anonymous = await ask(query, { nik: truth.demoNiks.clean }, { ...forged, 'x-satu-purpose': 'counter-service' });
      expect(anonymous.status).toBe(401);
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(legacyCalls()).toBe(before);

      const bpjsBefore = legacyCallsOf('bpjs-kesehatan');
      const samsatCounter = await mintToken({ scopes: ['identity:read', 'vehicle:read'] });
      const withForgedScope = await ask(query, { nik: truth.demoNiks.clean }, { ...bearer(samsatCounter), ...forged });
      expect(withForgedScope.data?.citizen?.healthInsurance).toBeNull();
      expect(errorAt(withForgedScope, ['citizen', 'healthInsurance'])?.extensions).toMatchObject({ code: 'FORBIDDEN', missingScopes: ['health:read'] });
      expect(legacyCallsOf('bpjs-kesehatan')).toBe(bpjsBefore);
    });
  });

  describe('cross-site requests', () => {
    it('refuses a browser-simple POST (text/plain, no preflight) as a possible CSRF, asking no agency', async () => {
      const before = legacyCalls();
      const response = await fetch(demo.gateway.url, {
        method: 'POST',
        // What a form on another site can send without a CORS preflight: even with a good token, refused.
        headers: { 'content-type': 'text/plain', ...demoAuthHeaders(demo) },
        body: JSON.stringify({ query: `{ citizen(nik: "${truth.demoNiks.clean}") { nik fullName } }` }),
      });
      const text = await response.text();
      expect(response.status).toBe(400);
      expect(text).toMatch(/Cross-Site Request Forgery/i);
      expect(text).not.toContain(truth.demoNiks.clean);
      expect(legacyCalls()).toBe(before);
    });
  });

  describe('field access: a SAMSAT counter holding identity:read and vehicle:read', () => {
    let samsatCounter: string;

    beforeAll(async () => {
      samsatCounter = await mintToken({ scopes: ['identity:read', 'vehicle:read'] });
    });

    it('answers the vehicles and nulls healthInsurance with FORBIDDEN naming health:read; BPJS Kesehatan is never asked', async () => {
      const bpjsBefore = legacyCallsOf('bpjs-kesehatan');
      const dukcapilBefore = legacyCallsOf('dukcapil');
      const answer = await ask(
        `query SamsatCounter($nik: NIK!) { citizen(nik: $nik) { fullName vehicles { plateNumber taxStatus ownerName } healthInsurance { status class holderName } } }`,
        { nik: truth.demoNiks.clean },
        bearer(samsatCounter),
      );
      expect(answer.status).toBe(200);
      const citizen = answer.data?.citizen as { fullName: string; vehicles: unknown[]; healthInsurance: unknown };
      expect(typeof citizen.fullName).toBe('string');
      expect(citizen.vehicles.length).toBeGreaterThan(0);
      expect(citizen.healthInsurance).toBeNull();
      expect(answer.errors).toHaveLength(1);
      const refusal = errorAt(answer, ['citizen', 'healthInsurance']);
      expect(refusal?.extensions).toMatchObject({ code: 'FORBIDDEN', coordinate: 'Citizen.healthInsurance', missingScopes: ['health:read'], purposeRefused: false });
      expect(refusal?.message).toContain('health:read');
      expect(legacyCallsOf('bpjs-kesehatan')).toBe(bpjsBefore);
      // The rest was really fetched: the civil registry was asked.
      expect(legacyCallsOf('dukcapil')).toBeGreaterThan(dukcapilBefore);

      // The ledger says the same: the field was not resolved and BPJS Kesehatan was not in the plan.
      const [entry] = await entriesOf(truth.demoNiks.clean, 'SamsatCounter');
      expect(entry).toMatchObject({ clientId: 'samsat-counter-07', role: 'frontend', outcome: 'PARTIAL', errorCodes: ['FORBIDDEN'] });
      expect(entry?.fields).toContain('Citizen.vehicles');
      expect(entry?.fields).not.toContain('Citizen.healthInsurance');
      expect(entry?.agencies).toContain('samsat');
      expect(entry?.agencies).not.toContain('bpjs-kesehatan');
    });

    it.each([
      ['an alias', `query($nik: NIK!) { citizen(nik: $nik) { vehicles { plateNumber } insurance: healthInsurance { status } } }`, ['citizen', 'insurance']],
      ['a named fragment', `query($nik: NIK!) { citizen(nik: $nik) { vehicles { plateNumber } ...Health } } fragment Health on Citizen { healthInsurance { status } }`, ['citizen', 'healthInsurance']],
      ['an inline fragment', `query($nik: NIK!) { citizen(nik: $nik) { vehicles { plateNumber } ... on Citizen { healthInsurance { status } } } }`, ['citizen', 'healthInsurance']],
      [
        'an aliased field inside a fragment',
        `query($nik: NIK!) { who: citizen(nik: $nik) { ...Counter } } fragment Counter on Citizen { vehicles { plateNumber } bpjs: healthInsurance { class } }`,
        ['who', 'bpjs'],
      ],
    ])('refuses healthInsurance asked through %s, and still never asks BPJS Kesehatan', async (_how, query, at) => {
      const bpjsBefore = legacyCallsOf('bpjs-kesehatan');
      const answer = await ask(query, { nik: truth.demoNiks.clean }, bearer(samsatCounter));
      const citizen = answer.data?.[at[0] as string] as Record<string, unknown>;
      expect((citizen.vehicles as unknown[]).length).toBeGreaterThan(0);
      expect(citizen[at[1] as string]).toBeNull();
      expect(errorAt(answer, at)?.extensions).toMatchObject({ code: 'FORBIDDEN', coordinate: 'Citizen.healthInsurance', missingScopes: ['health:read'] });
      expect(legacyCallsOf('bpjs-kesehatan')).toBe(bpjsBefore);
    });
  });

  describe('purpose', () => {
    const query = `query PurposeProbe($nik: NIK!) { citizen(nik: $nik) { ${CITIZEN_FIELDS} } }`;

    it('refuses a citizen query without X-Satu-Purpose with FORBIDDEN listing the valid codes, asking no agency', async () => {
      const before = legacyCalls();
      const answer = await ask(query, { nik: truth.demoNiks.clean }, demoAuthHeaders(demo, 'frontend', null));
      expect(answer.status).toBe(403);
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(answer.data ?? null).toBeNull();
      for (const code of ['passport-application', 'vehicle-tax', 'social-assistance', 'counter-service']) expect(answer.errors?.[0]?.message).toContain(code);
      expect(legacyCalls()).toBe(before);
    });

    it('refuses an unknown purpose code with FORBIDDEN, asking no agency', async () => {
      const before = legacyCalls();
      const answer = await ask(query, { nik: truth.demoNiks.clean }, demoAuthHeaders(demo, 'frontend', 'curiosity'));
      expect(answer.status).toBe(403);
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(answer.errors?.[0]?.message).toContain('curiosity');
      expect(answer.errors?.[0]?.message).toContain('vehicle-tax');
      expect(answer.data ?? null).toBeNull();
      expect(legacyCalls()).toBe(before);
    });

    it('vehicle-tax lets the full frontend token read vehicles but not healthInsurance (the purpose matrix); BPJS Kesehatan is never asked', async () => {
      const bpjsBefore = legacyCallsOf('bpjs-kesehatan');
      const answer = await ask(query, { nik: truth.demoNiks.clean }, demoAuthHeaders(demo, 'frontend', 'vehicle-tax'));
      expect((answer.data?.citizen?.vehicles as unknown[]).length).toBeGreaterThan(0);
      expect(answer.data?.citizen?.healthInsurance).toBeNull();
      expect(answer.errors).toHaveLength(1);
      const refusal = errorAt(answer, ['citizen', 'healthInsurance']);
      expect(refusal?.extensions).toMatchObject({ code: 'FORBIDDEN', coordinate: 'Citizen.healthInsurance', missingScopes: [], purposeRefused: true });
      expect(refusal?.message).toMatch(/purpose/);
      expect(legacyCallsOf('bpjs-kesehatan')).toBe(bpjsBefore);
    });

    it('needs no purpose for a lineage question (auditor token)', async () => {
      const answer = await ask('{ lineageOverview { registryAvailable agencies { name } } }', {}, demoAuthHeaders(demo, 'auditor', null));
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.lineageOverview.registryAvailable).toBe(true);
      expect((answer.data?.lineageOverview.agencies as Array<{ name: string }>).map((agency) => agency.name)).toContain('samsat');
    });
  });

  describe('introspection', () => {
    const INTROSPECT = '{ __schema { queryType { name } } }';

    it('refuses the frontend token (no schema:read) with FORBIDDEN', async () => {
      const answer = await ask(INTROSPECT, {}, demoAuthHeaders(demo, 'frontend'));
      expect(answer.status).toBe(403);
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(answer.data ?? null).toBeNull();
    });

    it('answers the auditor (schema:read)', async () => {
      const answer = await ask(INTROSPECT, {}, demoAuthHeaders(demo, 'auditor', null));
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.__schema.queryType.name).toBe('Query');
    });
  });

  describe('limits, before any agency is asked', () => {
    it('refuses a deep familyCard.members recursion with QUERY_TOO_COMPLEX (depth)', async () => {
      let selection = 'nik';
      for (let level = 0; level < 6; level++) selection = `familyCard { members { ${selection} } }`;
      const before = legacyCalls();
      const answer = await ask(`query($nik: NIK!) { citizen(nik: $nik) { ${selection} } }`, { nik: truth.demoNiks.clean }, demoAuthHeaders(demo));
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth', maximum: 8 });
      expect(answer.errors?.[0]?.extensions?.value).toBeGreaterThan(8);
      expect(answer.data ?? null).toBeNull();
      expect(legacyCalls()).toBe(before);
    });

    it('refuses an alias bomb with QUERY_TOO_COMPLEX (aliases)', async () => {
      const aliases = Array.from({ length: 200 }, (_, index) => `h${index}: healthInsurance { status }`).join(' ');
      const before = legacyCalls();
      const answer = await ask(`query($nik: NIK!) { citizen(nik: $nik) { nik ${aliases} } }`, { nik: truth.demoNiks.clean }, demoAuthHeaders(demo));
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', value: 200, maximum: 20 });
      expect(answer.errors?.[0]?.message).toContain('aliased fields 200, maximum 20');
      expect(answer.data ?? null).toBeNull();
      expect(legacyCalls()).toBe(before);
    });

    it('refuses an alias bomb within the token limit with QUERY_TOO_COMPLEX (aliases, counted through fragments)', async () => {
      // Few tokens, many aliases: each fragment spreads the one below it twice.
      const fragments = [`fragment F0 on Citizen { a: nik b: fullName }`];
      for (let level = 1; level <= 6; level++) fragments.push(`fragment F${level} on Citizen { ... F${level - 1} x${level}: familyCard { number } ... F${level - 1} }`);
      const before = legacyCalls();
      const answer = await ask(`query($nik: NIK!) { citizen(nik: $nik) { ...F6 } } ${fragments.join(' ')}`, { nik: truth.demoNiks.clean }, demoAuthHeaders(demo));
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', maximum: 20 });
      expect(answer.data ?? null).toBeNull();
      expect(legacyCalls()).toBe(before);
    });

    it('refuses 10,000 NIKs in citizens() with QUERY_TOO_COMPLEX naming the count', async () => {
      const niks = Array.from({ length: 10_000 }, () => truth.demoNiks.clean);
      const before = legacyCalls();
      const answer = await ask('query($niks: [NIK!]!) { citizens(niks: $niks) { nik fullName } }', { niks }, demoAuthHeaders(demo));
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', value: 10_000, maximum: 100 });
      expect(answer.errors?.[0]?.message).toContain('10000');
      expect(answer.data ?? null).toBeNull();
      expect(legacyCalls()).toBe(before);
    });
  });

  describe('the access ledger', () => {
    it("shows a frontend citizen query to the auditor: accessLog names client, purpose, fields and agencies; fieldUsage names the client", async () => {
      const nik = truth.demoNiks.variant;
      const answer = await ask(`query LedgerProbe($nik: NIK!) { citizen(nik: $nik) { ${CITIZEN_FIELDS} } }`, { nik }, demoAuthHeaders(demo, 'frontend', 'counter-service'));
      expect(answer.errors).toBeUndefined();

      const [entry, ...others] = await entriesOf(nik, 'LedgerProbe');
      expect(others).toHaveLength(0);
      expect(entry).toMatchObject({ clientId: 'demo-frontend', role: 'frontend', purpose: 'counter-service', outcome: 'OK', errorCodes: [], inArguments: true, hashMatches: true });
      expect(entry?.fields).toEqual(expect.arrayContaining(['Query.citizen', 'Citizen.fullName', 'Citizen.vehicles', 'Citizen.healthInsurance', 'Vehicle.plateNumber']));
      expect(entry?.agencies).toEqual(expect.arrayContaining(['dukcapil', 'samsat', 'bpjs-kesehatan']));

      const usage = await ask('{ fieldUsage(coordinate: "Citizen.vehicles") { clientId count operations } }', {}, demoAuthHeaders(demo, 'auditor', null));
      expect(usage.errors).toBeUndefined();
      const frontend = (usage.data?.fieldUsage as Array<{ clientId: string; count: number }>).find((row) => row.clientId === 'demo-frontend');
      expect(frontend?.count).toBeGreaterThanOrEqual(1);
    });

    it("records the registry's field usage under the authenticated client id, not a header the caller chose", async () => {
      const since = new Date(Date.now() - 60_000).toISOString();
      const headers = { ...demoAuthHeaders(demo, 'frontend', 'counter-service'), 'x-satu-client': 'self-declared-kiosk' };
      const answer = await ask('query UsageProbe($nik: NIK!) { citizen(nik: $nik) { nik vehicles { plateNumber } } }', { nik: truth.demoNiks.clean }, headers);
      expect(answer.errors).toBeUndefined();
      // The gateway flushes usage to the registry every 5 s.
      let clients: string[] = [];
      const deadline = Date.now() + 8000;
      while (!clients.includes('demo-frontend') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        clients = (await demo.registry!.usageSince(since)).get('Vehicle.plateNumber')?.clients ?? [];
      }
      expect(clients).toContain('demo-frontend');
      expect(clients).not.toContain('self-declared-kiosk');
    }, 15_000);

    it('records a refused query as REFUSED, and the frontend token may not read the ledger', async () => {
      const nik = truth.demoNiks.mismatch;
      const refused = await ask(`query RefusedProbe($nik: NIK!) { citizen(nik: $nik) { nik fullName } }`, { nik }, demoAuthHeaders(demo, 'frontend', null));
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const [entry] = await entriesOf(nik, 'RefusedProbe');
      expect(entry).toMatchObject({ clientId: 'demo-frontend', purpose: null, outcome: 'REFUSED', errorCodes: ['FORBIDDEN'], agencies: [] });

      const snooping = await ask(ACCESS_LOG, { nik }, demoAuthHeaders(demo, 'frontend', 'audit'));
      expect(snooping.errors?.find((error) => error.extensions?.code === 'FORBIDDEN')?.extensions).toMatchObject({ coordinate: 'Query.accessLog', missingScopes: ['audit:read'] });
      expect(snooping.data?.accessLog ?? null).toBeNull();
    });

    it("`satu audit verify` finds the demo's chain intact, and `satu audit export --nik` writes the record naming the client", async () => {
      const nik = truth.demoNiks.variant;
      await ask(`query ExportProbe($nik: NIK!) { citizen(nik: $nik) { nik fullName } }`, { nik }, demoAuthHeaders(demo, 'frontend', 'counter-service'));
      const env = { SATU_DATABASE_URL: gatewayDatabase() };

      const verify = bufferIo();
      expect(await runAuditVerify({ json: true }, verify, { env })).toBe(0);
      const report = JSON.parse(verify.out) as { ok: boolean; entries: number; problem: unknown };
      expect(report).toMatchObject({ ok: true, problem: null });
      expect(report.entries).toBeGreaterThan(0);

      const out = path.join(workDir, 'records');
      const exported = bufferIo();
      expect(await runAuditExport({ nik, out }, exported, { env })).toBe(0);
      const record = JSON.parse(readFileSync(path.join(out, `processing-record-${nik}.json`), 'utf8')) as { nik: string; entries: Array<{ clientId: string; operationName: string | null; purpose: string | null }> };
      expect(record.nik).toBe(nik);
      expect(record.entries).toContainEqual(expect.objectContaining({ clientId: 'demo-frontend', operationName: 'ExportProbe', purpose: 'counter-service' }));
      const html = readFileSync(path.join(out, `processing-record-${nik}.html`), 'utf8');
      expect(html).toContain('demo-frontend');
      expect(html).toContain('counter-service');
    });
  });

  describe('failing closed', () => {
    it('answers AUDIT_UNAVAILABLE with no personal data while the ledger cannot be written, and recovers once it can', async () => {
      const nik = truth.demoNiks.clean;
      const query = `query FailClosedProbe($nik: NIK!) { citizen(nik: $nik) { ${CITIZEN_FIELDS} } }`;
      const answered = await ask(query, { nik }, demoAuthHeaders(demo));
      const fullName = answered.data?.citizen?.fullName as string;
      expect(typeof fullName).toBe('string');
      const plate = (answered.data?.citizen?.vehicles as Array<{ plateNumber: string }>)[0]?.plateNumber as string;

      // Another process's writer holds the database's write lock: the ledger's commit waits out
      // SQLite's busy timeout (5 s) and fails.
      const locker = new Database(gatewayDatabase());
      let refused: Answer;
      try {
        locker.exec('BEGIN IMMEDIATE');
        const startedAt = Date.now();
        refused = await ask(query, { nik }, demoAuthHeaders(demo));
        expect(Date.now() - startedAt).toBeLessThan(12_000);
      } finally {
        if (locker.inTransaction) locker.exec('ROLLBACK');
        locker.close();
      }
      expect(refused.status).toBe(503);
      expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['AUDIT_UNAVAILABLE']);
      expect(refused.data ?? null).toBeNull();
      for (const personal of [nik, fullName, plate]) expect(refused.text).not.toContain(personal);

      const again = await ask(query, { nik }, demoAuthHeaders(demo));
      expect(again.errors).toBeUndefined();
      expect(again.data?.citizen?.fullName).toBe(fullName);
      const entries = await entriesOf(nik, 'FailClosedProbe');
      // The first answer and the one after the lock; the refused one left no entry (its batch was rolled back).
      expect(entries.map((entry) => entry.outcome)).toEqual(['OK', 'OK']);
      expect(entries[1]!.sequence).toBeGreaterThan(entries[0]!.sequence);

      const verify = bufferIo();
      expect(await runAuditVerify({}, verify, { env: { SATU_DATABASE_URL: gatewayDatabase() } })).toBe(0);
      expect(verify.out).toMatch(/^access ledger: INTACT/);
    }, 30_000);
  });

  describe('the identity check before applyForPassport', () => {
    it("runs on the frontend caller's behalf, lets a consistent citizen apply, and leaves ledger entries for both", async () => {
      const nik = truth.demoNiks.clean;
      const applications = (): number => demo.stack.agencies.get('imigrasi')?.simulator.stats().byOperation.ajukanPermohonanPaspor ?? 0;
      const before = applications();
      const answer = await ask(
        'mutation ApplyProbe($nik: NIK!) { applyForPassport(nik: $nik, passportType: ELECTRONIC) { applicationNumber status } }',
        { nik },
        demoAuthHeaders(demo, 'frontend', 'passport-application'),
      );
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.applyForPassport.applicationNumber).toMatch(/^PMH-/);
      expect(applications()).toBe(before + 1);

      const log = await accessLog(nik);
      const mutation = log.find((entry) => entry.operationName === 'ApplyProbe');
      expect(mutation).toMatchObject({ clientId: 'demo-frontend', purpose: 'passport-application', outcome: 'OK' });
      expect(mutation?.fields).toContain('Mutation.applyForPassport');
      const check = log.find((entry) => entry.requestId === mutation?.requestId && entry !== mutation);
      expect(check).toMatchObject({ clientId: 'satu-gateway (on behalf of demo-frontend)', purpose: 'passport-application' });
      expect(check?.fields).toContain('Citizen.identityCheck');
      expect(check?.agencies).toEqual(expect.arrayContaining(['dukcapil', 'crosscheck']));
    });
  });
});
