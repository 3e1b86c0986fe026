import 'reflect-metadata';
import path from 'node:path';
import type { AgencyModule, RunningSimulator } from '../kit/agency-module';
import { startSubgraphServer } from '../kit/subgraph-server';
import { DukcapilClient } from './dukcapil.client';
import { DUKCAPIL, SIAK, siakCredentials } from './dukcapil.config';
import type { DukcapilContext } from './dukcapil.context';
import { createDukcapilLoaders } from './dukcapil.loaders';
import { buildDukcapilSchema } from './dukcapil.schema';
import { seedSiak } from './legacy/siak.seed';
import { startSiakSimulator } from './legacy/siak.simulator';

/**
 * Disdukcapil, the civil registry (SIAK): the authority for identity. Owns Query.citizen,
 * Query.citizens and the registry's Citizen fields. See README.md beside this file.
 */
export const agency: AgencyModule = {
  name: DUKCAPIL,
  title: 'Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kota Pekanbaru',
  legacySystem: SIAK,
  defaultPorts: { simulator: 4101, subgraph: 4001 },

  buildSchema: buildDukcapilSchema,

  async startSimulator(options): Promise<RunningSimulator> {
    const simulator = await startSiakSimulator({
      agencyDir: path.join(options.dataDir, DUKCAPIL),
      host: options.host,
      port: options.port,
      faults: options.faults,
      credentials: siakCredentials(),
    });
    return {
      name: `${DUKCAPIL}-simulator`,
      url: simulator.url,
      stop: () => simulator.close(),
      setFaults: (update) => {
        simulator.faults.update(update);
      },
      stats: () => simulator.stats(),
    };
  },

  async startSubgraph(options) {
    const client = new DukcapilClient({
      baseUrl: options.legacyLocation,
      timeoutMs: options.legacyTimeoutMs,
      credentials: siakCredentials(),
    });
    return startSubgraphServer<DukcapilContext>({
      built: await buildDukcapilSchema(),
      host: options.host,
      port: options.port,
      gatewayContext: options.gatewayContext,
      createContext: () => ({ loaders: createDukcapilLoaders(client) }),
    });
  },

  seed: seedSiak,
};
