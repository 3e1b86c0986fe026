import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { everyFieldCitizenQuery } from '../../gateway/demo/every-field-query';
import { startDemo, type RunningDemo } from '../../gateway/demo/start-demo';
import { apiSdlOf } from '../../schema/compose';
import { buildSchemaArtifacts } from '../../schema/pipeline';
import { AGENCIES } from '../../subgraphs/catalog';
import { createSyntheticTenants, syntheticTenantNames } from '../../subgraphs/kit/synthetic/synthetic-tenant';
import { readGroundTruth } from '../../subgraphs/population/ground-truth';
import { writeDataDirectory } from '../../subgraphs/population/write-data-dir';
import { demoAuthHeaders } from '../support/demo-access';

const TOTAL_SUBGRAPHS = 100;

/**
 * A mall larger than Pekanbaru's: every real agency plus synthetic tenants up to 100
 * subgraphs, each a real subgraph over a real loopback simulator. Composition, start-up
 * and one citizen query touching every agency must work.
 */
describe(`the gateway with ${TOTAL_SUBGRAPHS} subgraphs`, () => {
  let workDir: string;
  let demo: RunningDemo;
  let nik: string;
  const synthetic = createSyntheticTenants(TOTAL_SUBGRAPHS - AGENCIES.length);

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(os.tmpdir(), 'satu-mall-'));
    const dataDir = path.join(workDir, 'data');
    await writeDataDirectory({ out: dataDir, citizens: 200, seed: 'mall' });
    nik = readGroundTruth(dataDir).demoNiks.clean;
    demo = await startDemo({
      dataDir,
      host: '127.0.0.1',
      gatewayPort: 0,
      ports: 'random',
      agencies: [...AGENCIES, ...synthetic],
      logger: pino({ level: 'silent' }),
    });
  }, 120_000);

  afterAll(async () => {
    await demo?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('composes and serves every subgraph, plus the in-process crosscheck, lineage and audit', () => {
    expect(demo.gateway.subgraphs).toHaveLength(TOTAL_SUBGRAPHS + 3);
    expect(demo.gateway.subgraphs.filter((subgraph) => subgraph.url.startsWith('in-process://')).map((subgraph) => subgraph.name).sort()).toEqual(['audit', 'crosscheck', 'lineage']);
  });

  it('answers one citizen query touching every agency, with no error and every agency field present', async () => {
    const artifacts = await buildSchemaArtifacts([...AGENCIES, ...synthetic], demo.stack.subgraphUrls());
    const query = everyFieldCitizenQuery(apiSdlOf(artifacts.supergraphSdl));
    const response = await fetch(demo.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...demoAuthHeaders(demo) }, body: JSON.stringify({ query, variables: { nik } }) });
    const answer = (await response.json()) as { data: { citizen: Record<string, unknown> }; errors?: unknown[] };
    expect(answer.errors).toBeUndefined();
    for (const tenant of synthetic.map((_, index) => syntheticTenantNames(index + 1))) {
      expect(answer.data.citizen[tenant.field]).toEqual(expect.objectContaining({ status: expect.stringMatching(/^(ACTIVE|CLOSED|NONE)$/) }));
    }
    const legacyCalls = [...demo.stack.agencies.values()].filter((running) => running.agency.name.startsWith('tenant-')).map((running) => running.simulator.stats().requests);
    expect(legacyCalls.every((calls) => calls === 1)).toBe(true);
  }, 30_000);
});
