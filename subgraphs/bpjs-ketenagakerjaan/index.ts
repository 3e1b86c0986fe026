import 'reflect-metadata';
import type { AgencyModule } from '../kit/agency-module';
import { buildSatuSubgraph } from '../kit/build-subgraph';
import { startSubgraphServer } from '../kit/subgraph-server';
import { BpjsKetenagakerjaanClient } from './bpjs-ketenagakerjaan.client';
import { AGENCY, SIPP_TK, sippTkCredentials } from './bpjs-ketenagakerjaan.config';
import { createBpjsKetenagakerjaanLoaders, type BpjsKetenagakerjaanContext } from './bpjs-ketenagakerjaan.loaders';
import { BpjsKetenagakerjaanCitizen } from './citizen.type';
import { EmploymentInsuranceResolver } from './employment-insurance.resolver';
import { seedSippTkStore } from './legacy/sipp-tk.seed';
import { startSippTkSimulator } from './legacy/sipp-tk.simulator';

/**
 * BPJS Ketenagakerjaan (employment social security): membership, segment, employer,
 * programmes, JHT balance and the holder's identity copies, over SIPP-TK's REST service
 * (HTTP Basic auth, HTTP 200 envelopes with status codes, a batch call of up to 100 NIKs).
 * See README.md beside this file.
 */
export const agency: AgencyModule = {
  name: AGENCY,
  title: 'BPJS Ketenagakerjaan',
  legacySystem: SIPP_TK,
  defaultPorts: { simulator: 4106, subgraph: 4006 },

  buildSchema: () =>
    buildSatuSubgraph({
      name: AGENCY,
      resolvers: [EmploymentInsuranceResolver],
      orphanedTypes: [BpjsKetenagakerjaanCitizen],
      // Keep the whole representation: @requires fields ride on it.
      referenceResolvers: { Citizen: (reference) => ({ ...reference }) },
    }),

  startSimulator: (options) => startSippTkSimulator({ ...options, accounts: [sippTkCredentials()] }),

  async startSubgraph(options) {
    const client = new BpjsKetenagakerjaanClient({
      baseUrl: options.legacyLocation,
      timeoutMs: options.legacyTimeoutMs,
      credentials: sippTkCredentials(),
    });
    return startSubgraphServer<BpjsKetenagakerjaanContext>({
      built: await agency.buildSchema(),
      host: options.host,
      port: options.port,
      gatewayContext: options.gatewayContext,
      createContext: () => ({ loaders: createBpjsKetenagakerjaanLoaders(client) }),
    });
  },

  seed: seedSippTkStore,
};
