import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startDemo, type RunningDemo } from '../../gateway/demo/start-demo';
import { startGateway } from '../../gateway/server';
import { ContextSigner } from '../../gateway/context-signing/context-signer';
import { buildSchemaArtifacts } from '../../schema/pipeline';
import { AGENCIES } from '../../subgraphs/catalog';
import { generatePopulation } from '../../subgraphs/population/generate-population';
import { readGroundTruth, type GroundTruth } from '../../subgraphs/population/ground-truth';
import { writeDataDirectory } from '../../subgraphs/population/write-data-dir';
import { demoAuthHeaders } from '../support/demo-access';

interface Discrepancy {
  attribute: string;
  agency: string;
  registryValue: string | null;
  agencyValue: string | null;
  severity: string;
  reason: string;
}
interface CheckedCitizen {
  nik: string;
  fullName: string;
  birthDate: string;
  identityCheck: { status: string; discrepancies: Discrepancy[]; comparedAgencies: string[]; unreachableAgencies: string[] } | null;
}

const CHECK = 'identityCheck { status comparedAgencies unreachableAgencies discrepancies { attribute agency registryValue agencyValue severity reason } }';

/** identityCheck through the real gateway, against the ground truth the population planted. */
describe('identityCheck through the gateway', () => {
  let workDir: string;
  let demo: RunningDemo;
  let truth: GroundTruth;
  const SEED = 'identity-check';
  const CITIZENS = 400;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(os.tmpdir(), 'satu-idc-'));
    const dataDir = path.join(workDir, 'data');
    await writeDataDirectory({ out: dataDir, citizens: CITIZENS, seed: SEED });
    truth = readGroundTruth(dataDir);
    demo = await startDemo({ dataDir, host: '127.0.0.1', gatewayPort: 0, ports: 'random', legacyTimeoutMs: 1500, logger: pino({ level: 'silent' }) });
  }, 60_000);

  afterAll(async () => {
    await demo?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  async function check(nik: string): Promise<CheckedCitizen> {
    const response = await fetch(demo.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...demoAuthHeaders(demo) },
      body: JSON.stringify({ query: `query($nik: NIK!) { citizen(nik: $nik) { nik fullName birthDate ${CHECK} } }`, variables: { nik } }),
    });
    return ((await response.json()) as { data: { citizen: CheckedCitizen } }).data.citizen;
  }

  function plantsOf(nik: string) {
    return truth.plants.filter((plant) => plant.nik === nik && plant.class !== 'FORMAT');
  }

  it('says CONSISTENT for the clean citizen', async () => {
    expect((await check(truth.demoNiks.clean)).identityCheck).toMatchObject({ status: 'CONSISTENT', discrepancies: [], unreachableAgencies: [] });
  });

  it('says VARIANT for the variant citizen, with each planted variant', async () => {
    const result = (await check(truth.demoNiks.variant)).identityCheck;
    expect(result?.status).toBe('VARIANT');
    const found = result?.discrepancies.map((d) => `${d.agency}/${d.attribute}/${d.severity}`).sort();
    expect(found).toEqual(plantsOf(truth.demoNiks.variant).map((p) => `${p.agency}/${p.attribute}/${p.class}`).sort());
  });

  it('says MISMATCH for the mismatch citizen, with the planted values and where to correct them', async () => {
    const result = (await check(truth.demoNiks.mismatch)).identityCheck;
    expect(result?.status).toBe('MISMATCH');
    for (const plant of plantsOf(truth.demoNiks.mismatch).filter((p) => p.class === 'MISMATCH')) {
      expect(result?.discrepancies).toContainEqual(
        expect.objectContaining({ agency: plant.agency, attribute: plant.attribute, severity: 'MISMATCH', reason: expect.stringContaining(plant.agency) }),
      );
    }
  });

  it('checks 100 citizens in one citizens() query, each against its own data only', async () => {
    const niks = generatePopulation({ citizens: CITIZENS, seed: SEED }).people.slice(0, 100).map((person) => person.nik);
    const response = await fetch(demo.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...demoAuthHeaders(demo) },
      body: JSON.stringify({ query: `query($niks: [NIK!]!) { citizens(niks: $niks) { nik fullName birthDate ${CHECK} } }`, variables: { niks } }),
    });
    const answer = (await response.json()) as { data: { citizens: CheckedCitizen[] }; errors?: unknown[] };
    expect(answer.errors).toBeUndefined();
    expect(answer.data.citizens.map((citizen) => citizen.nik)).toEqual(niks);
    for (const citizen of answer.data.citizens) {
      const expected = plantsOf(citizen.nik)
        .map((p) => `${p.agency}/${p.attribute}/${p.class}`)
        .sort();
      const found = (citizen.identityCheck?.discrepancies ?? []).map((d) => `${d.agency}/${d.attribute}/${d.severity}`).sort();
      expect({ nik: citizen.nik, found }).toEqual({ nik: citizen.nik, found: expected });
      // Nothing from another citizen: every registry value shown is this citizen's.
      for (const discrepancy of citizen.identityCheck?.discrepancies ?? []) {
        if (discrepancy.attribute === 'FULL_NAME') expect(discrepancy.registryValue).toBe(citizen.fullName);
        if (discrepancy.attribute === 'BIRTH_DATE') expect(discrepancy.registryValue).toBe(citizen.birthDate);
      }
    }
  });

  it('opens a synchronization request per mismatch, listed for that agency, with data-quality figures', async () => {
    const plant = plantsOf(truth.demoNiks.mismatch).find((p) => p.class === 'MISMATCH');
    if (!plant) throw new Error('the mismatch citizen has no MISMATCH plant');
    await check(truth.demoNiks.mismatch);
    const query = `query($agency: String!) {
      syncRequests(agency: $agency, status: OPEN) { nik agency attribute registryValue agencyValue status reason }
      identityDataQuality(agency: $agency) { attribute checkedCitizens agreeing share }
    }`;
    let answer: { data: { syncRequests: Array<Record<string, unknown>>; identityDataQuality: Array<{ attribute: string; checkedCitizens: number; share: number }> } } | undefined;
    for (let attempt = 0; attempt < 40; attempt++) {
      const response = await fetch(demo.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...demoAuthHeaders(demo) }, body: JSON.stringify({ query, variables: { agency: plant.agency } }) });
      answer = (await response.json()) as typeof answer;
      if (answer?.data.syncRequests.some((request) => request.nik === truth.demoNiks.mismatch)) break;
      await new Promise((resolve) => setTimeout(resolve, 50)); // checks are recorded off the request path
    }
    expect(answer?.data.syncRequests).toContainEqual(
      expect.objectContaining({ nik: truth.demoNiks.mismatch, agency: plant.agency, attribute: plant.attribute, status: 'OPEN', agencyValue: plant.agencyValue }),
    );
    const quality = answer?.data.identityDataQuality.find((row) => row.attribute === plant.attribute);
    expect(quality?.checkedCitizens).toBeGreaterThan(0);
    expect(quality?.share).toBeLessThan(1);
  });

  describe('reject until synchronized (@requiresConsistentIdentity on applyForPassport)', () => {
    const APPLY = 'mutation($nik: NIK!) { applyForPassport(nik: $nik, passportType: ELECTRONIC) { applicationNumber status } }';

    async function apply(url: string, nik: string) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...demoAuthHeaders(demo) }, body: JSON.stringify({ query: APPLY, variables: { nik } }) });
      return (await response.json()) as {
        data?: { applyForPassport?: { applicationNumber: string } } | null;
        errors?: Array<{ message: string; extensions: { code: string; discrepancies?: Array<Record<string, unknown>>; correctAt?: string[]; status?: string } }>;
      };
    }

    function applications(): number {
      return demo.stack.agencies.get('imigrasi')?.simulator.stats().byOperation.ajukanPermohonanPaspor ?? 0;
    }

    it('lets a consistent citizen apply', async () => {
      const before = applications();
      const answer = await apply(demo.gateway.url, truth.demoNiks.clean);
      expect(answer.errors).toBeUndefined();
      expect(applications()).toBe(before + 1);
      expect(answer.data?.applyForPassport?.applicationNumber).toMatch(/^PMH-/);
    });

    it('refuses a citizen in MISMATCH with IDENTITY_MISMATCH, listing each discrepancy and where to correct it, before the agency is called', async () => {
      const before = applications();
      const answer = await apply(demo.gateway.url, truth.demoNiks.mismatch);
      expect(answer.data?.applyForPassport ?? null).toBeNull();
      const error = answer.errors?.[0];
      expect(error?.extensions.code).toBe('IDENTITY_MISMATCH');
      const plants = plantsOf(truth.demoNiks.mismatch).filter((p) => p.class === 'MISMATCH');
      for (const plant of plants) {
        expect(error?.extensions.discrepancies).toContainEqual(expect.objectContaining({ agency: plant.agency, attribute: plant.attribute, agencyValue: plant.agencyValue }));
        expect(error?.extensions.correctAt).toContain(plant.agency);
        expect(error?.message).toContain(plant.agency);
      }
      expect(error?.message).toMatch(/Synchronize first/);
      expect(applications()).toBe(before);
    });

    it('lets a VARIANT citizen apply (benign differences never block)', async () => {
      const answer = await apply(demo.gateway.url, truth.demoNiks.variant);
      expect(answer.errors).toBeUndefined();
    });

    it('also refuses INCOMPLETE checks when configured to', async () => {
      const artifacts = await buildSchemaArtifacts(AGENCIES, demo.stack.subgraphUrls());
      const strict = await startGateway({
        supergraphSdl: artifacts.supergraphSdl,
        host: '127.0.0.1',
        port: 0,
        agencyTimeoutMs: 3000,
        refuseOnIncompleteIdentity: true,
        access: demo.access,
        contextSigner: new ContextSigner(demo.contextKeys),
        logger: pino({ level: 'silent' }),
      });
      const bpjs = demo.stack.agencies.get('bpjs-kesehatan');
      bpjs?.simulator.setFaults({ errorRate: 1 });
      try {
        const answer = await apply(strict.url, truth.demoNiks.clean);
        expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'IDENTITY_MISMATCH', status: 'INCOMPLETE' });
        expect(answer.errors?.[0]?.message).toContain('bpjs-kesehatan');
        // The default gateway still lets an INCOMPLETE citizen through.
        expect((await apply(demo.gateway.url, truth.demoNiks.clean)).errors?.[0]?.extensions.code).not.toBe('IDENTITY_MISMATCH');
      } finally {
        bpjs?.simulator.setFaults({ errorRate: 0 });
        await strict.stop();
      }
    });
  });

  it('says INCOMPLETE and names the agency when one cannot be asked; MISMATCH still outranks it', async () => {
    const running = demo.stack.agencies.get('bpjs-kesehatan');
    if (!running) throw new Error('bpjs-kesehatan is not running');
    running.simulator.setFaults({ errorRate: 1 });
    try {
      const clean = (await check(truth.demoNiks.clean)).identityCheck;
      expect(clean).toMatchObject({ status: 'INCOMPLETE', unreachableAgencies: ['bpjs-kesehatan'] });
      const mismatchPlants = plantsOf(truth.demoNiks.mismatch).filter((p) => p.class === 'MISMATCH' && p.agency !== 'bpjs-kesehatan');
      if (mismatchPlants.length > 0) expect((await check(truth.demoNiks.mismatch)).identityCheck?.status).toBe('MISMATCH');
    } finally {
      running.simulator.setFaults({ errorRate: 0 });
    }
  });
});
