import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import pino from 'pino';
import { startAgencyStack, type AgencyStack } from '../../../../gateway/demo/agency-stack';
import { startGateway, type RunningGateway } from '../../../../gateway/server';
import { agency as dukcapil } from '../../../../subgraphs/dukcapil';
import { agency as kua } from '../../../../subgraphs/kua';
import { buildKuaExportRows } from '../../../../subgraphs/kua/legacy/kua-export.seed';
import type { ExportRow } from '../../../../subgraphs/kua/kua-export.format';
import { generatePopulation } from '../../../../subgraphs/population/generate-population';
import { createIdentityPlanter } from '../../../../subgraphs/population/identity-planter';
import type { Population } from '../../../../subgraphs/population/person';
import { NO_PLANTS } from '../../../../subgraphs/population/plant-rates';
import { createRng } from '../../../../subgraphs/population/rng';
import type { SeedContext } from '../../../../subgraphs/population/seed-context';
import { accessOffForTests } from '../../../support/demo-access';

/**
 * The spouse reference walked through the real gateway: kua gives `spouse { nik }`, the civil
 * registry answers the spouse's name and marital status, kua answers the spouse's marriages.
 */
const REFERENCE_DATE = '2026-01-01';

function seedContext(population: Population, agencyName: string, agencyDir: string): SeedContext {
  return {
    population,
    byNik: new Map(population.people.map((person) => [person.nik, person])),
    rng: createRng('kua-gateway').fork(agencyName),
    planter: createIdentityPlanter({ agency: agencyName, rng: createRng('kua-gateway').fork(`#planter/${agencyName}`), referenceDate: REFERENCE_DATE, rates: NO_PLANTS }),
    agencyDir,
    referenceDate: REFERENCE_DATE,
  };
}

describe('kua behind the gateway, with the civil registry', () => {
  const population = generatePopulation({ citizens: 600, seed: 'kua-gateway', referenceDate: REFERENCE_DATE });
  const byNik = new Map(population.people.map((person) => [person.nik, person]));
  let dataDir: string;
  let rows: ExportRow[];
  let stack: AgencyStack;
  let gateway: RunningGateway;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kua-gateway-'));
    for (const agency of [dukcapil, kua]) {
      const agencyDir = path.join(dataDir, agency.name);
      fs.mkdirSync(agencyDir);
      await agency.seed(seedContext(population, agency.name, agencyDir));
    }
    rows = buildKuaExportRows(seedContext(population, 'kua', ''));
    stack = await startAgencyStack({ agencies: [dukcapil, kua], dataDir, host: '127.0.0.1', ports: 'random', legacyTimeoutMs: 1000 });
    const urls = stack.subgraphUrls();
    const services = await Promise.all(
      [dukcapil, kua].map(async (agency) => ({ name: agency.name, typeDefs: parse((await agency.buildSchema()).sdl), url: urls[agency.name]! })),
    );
    const composed = composeServices(services);
    expect(composed.errors ?? []).toEqual([]);
    gateway = await startGateway({ supergraphSdl: composed.supergraphSdl!, access: await accessOffForTests(dataDir), host: '127.0.0.1', port: 0, agencyTimeoutMs: 2000, logger: pino({ level: 'silent' }) });
  });

  afterAll(async () => {
    await gateway?.stop();
    await stack?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function citizen(nik: string): Promise<{ data: { citizen: Record<string, unknown> }; errors?: unknown }> {
    const query = `query ($nik: NIK!) { citizen(nik: $nik) {
      fullName maritalStatus
      marriages { role status holderName certificateFormat spouse { nik fullName maritalStatus marriages { role spouseNik } } }
    } }`;
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-satu-purpose': 'test' },
      body: JSON.stringify({ query, variables: { nik } }),
    });
    return (await response.json()) as { data: { citizen: Record<string, unknown> }; errors?: unknown };
  }

  it("resolves the spouse's registry fields and walks back to the same marriage", async () => {
    const couple = rows.find((row) => byNik.get(row.NIK_SUAMI)?.maritalStatus === 'KAWIN' && byNik.get(row.NIK_ISTRI)?.maritalStatus === 'KAWIN')!;
    const answer = await citizen(couple.NIK_ISTRI);
    expect(answer.errors).toBeUndefined();
    const wife = byNik.get(couple.NIK_ISTRI)!;
    const husband = byNik.get(couple.NIK_SUAMI)!;
    expect(answer.data.citizen).toMatchObject({
      fullName: wife.fullName,
      maritalStatus: 'KAWIN',
      marriages: [
        {
          role: 'WIFE',
          status: 'REGISTERED',
          holderName: wife.fullName,
          spouse: { nik: husband.nik, fullName: husband.fullName, maritalStatus: 'KAWIN', marriages: [{ role: 'HUSBAND', spouseNik: wife.nik }] },
        },
      ],
    });
  });

  it('shows the stale marital status: married at KUA, still BELUM_KAWIN at the civil registry', async () => {
    const stale = rows.find((row) => byNik.get(row.NIK_SUAMI)?.maritalStatus === 'BELUM KAWIN')!;
    expect(stale).toBeDefined();
    const answer = await citizen(stale.NIK_SUAMI);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.citizen).toMatchObject({
      maritalStatus: 'BELUM_KAWIN',
      marriages: [{ role: 'HUSBAND', status: 'REGISTERED', certificateFormat: 'NEW_16_DIGIT', spouse: { nik: stale.NIK_ISTRI, maritalStatus: 'BELUM_KAWIN' } }],
    });
  });
});
