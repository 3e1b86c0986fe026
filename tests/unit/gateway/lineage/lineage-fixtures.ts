import { publishSubgraph } from '../../../../gateway/registry/publish';
import { openRegistry, type RegistryStore, type SeedInput } from '../../../../gateway/registry/registry.store';
import { LINEAGE_SUBGRAPH, lineageSdl } from '../../../../gateway/lineage/subgraph/lineage-sdl';
import { composeSupergraph } from '../../../../schema/compose';
import { LINEAGE_URL } from '../../../../schema/pipeline';
import { agencySdl, type Backend } from '../registry/registry-fixtures';

/**
 * A three-agency mall for lineage tests, in the house style (the kit's header and directive
 * definitions), with our tags on the fields: the civil registry, samsat (which also `@requires`
 * the registry's name, so it has an `@external` copy the overview must leave out) and imigrasi.
 * Later versions are published through the real publish path, so the change lists are the
 * registry's own (graphql-inspector diffs, privacy changes, an override reason).
 */

export const DUKCAPIL_SDL = agencySdl(`type Query { citizen(nik: NIK!): Citizen }
type Citizen @key(fields: "nik") {
  nik: NIK! @source(system: "SIAK", operation: "CALL_NIK_BATCH", field: "NIK") @personalData(category: IDENTITY)
  fullName: String! @source(system: "SIAK", operation: "CALL_NIK_BATCH", field: "NAMA_LGKP") @personalData(category: IDENTITY)
}`);

const VEHICLE_V1 = `plateNumber: String @source(system: "SAMSAT-RIAU", operation: "EXPORT_KENDARAAN", field: "NO_POLISI") @personalData(category: VEHICLE)
  ownerName: String @source(system: "SAMSAT-RIAU", operation: "EXPORT_KENDARAAN", field: "NAMA_PEMILIK") @personalData(category: IDENTITY) @identityClaim(attribute: FULL_NAME)`;

function samsatSdl(options: { vehiclesArgument?: string; vehicleFields?: string; vehicleDescription?: string }): string {
  return agencySdl(`type Citizen @key(fields: "nik") {
  nik: NIK!
  fullName: String! @external
  vehicles${options.vehiclesArgument ?? ''}: [Vehicle!] @source(system: "SAMSAT-RIAU", operation: "EXPORT_KENDARAAN", field: "NIK_PEMILIK") @personalData(category: VEHICLE)
  ownsVehicleUnderRegisteredName: Boolean @requires(fields: "fullName")
}
${options.vehicleDescription ? `"${options.vehicleDescription}"\n` : ''}type Vehicle {
  ${VEHICLE_V1}
  ${options.vehicleFields ?? ''}
}`);
}

export const SAMSAT_V1 = samsatSdl({});
const TAX_STATUS = 'taxStatus: String @source(system: "SAMSAT-RIAU", operation: "EXPORT_KENDARAAN", field: "TGL_JT_PKB,TUNGGAKAN_PKB") @personalData(category: FINANCIAL)';
/** Version 2: an argument on Citizen.vehicles and a new personal-data field (a privacy change: needs an override). */
export const SAMSAT_V2 = samsatSdl({ vehiclesArgument: '(active: Boolean)', vehicleFields: TAX_STATUS });
/** Version 3: only the Vehicle type's description (a change at the type's own coordinate). */
export const SAMSAT_V3 = samsatSdl({ vehiclesArgument: '(active: Boolean)', vehicleFields: TAX_STATUS, vehicleDescription: 'A motor vehicle registered at SAMSAT Riau.' });

function imigrasiSdl(passportExtra: string): string {
  return agencySdl(`type Citizen @key(fields: "nik") {
  nik: NIK!
  passports: [Passport!] @source(system: "SIMKIM", operation: "getPasporByNikList", field: "paspor[]") @personalData(category: TRAVEL)
}
type Passport {
  number: String! @source(system: "SIMKIM", operation: "getPasporByNikList", field: "noPaspor") @personalData(category: TRAVEL)
  holderName: String @source(system: "SIMKIM", operation: "getPasporByNikList", field: "nama") @personalData(category: IDENTITY) @identityClaim(attribute: FULL_NAME)
  ${passportExtra}
}`);
}

export const IMIGRASI_V1 = imigrasiSdl('');
/** Version 2: a field without personal data (a safe change, no override). */
export const IMIGRASI_V2 = imigrasiSdl('office: String @source(system: "SIMKIM", operation: "getPasporByNikList", field: "kantor")');

export const SEEDED_AT = '2026-12-01T00:00:00.000Z';
export const SAMSAT_V2_AT = '2026-12-02T08:00:00.000Z';
export const IMIGRASI_V2_AT = '2026-12-03T09:00:00.000Z';
export const SAMSAT_V3_AT = '2026-12-04T10:00:00.000Z';
export const SEED_PUBLISHER = 'satu-seed (the catalogue in code)';
export const OVERRIDE_REASON = 'DPO sign-off #7 (Sari): tax status is needed at the counter';

/** The mall at version 1; with `withLineageSubgraph`, the mall's own in-process lineage subgraph too (owned by mpp). */
export function lineageCatalogue(options: { withLineageSubgraph?: boolean } = {}): SeedInput {
  const subgraphs = [
    { name: 'dukcapil', agency: 'dukcapil', url: 'http://127.0.0.1:4101/graphql', sdl: DUKCAPIL_SDL },
    { name: 'imigrasi', agency: 'imigrasi', url: 'http://127.0.0.1:4102/graphql', sdl: IMIGRASI_V1 },
    { name: 'samsat', agency: 'samsat', url: 'http://127.0.0.1:4103/graphql', sdl: SAMSAT_V1 },
    ...(options.withLineageSubgraph ? [{ name: LINEAGE_SUBGRAPH, agency: 'mpp', url: LINEAGE_URL, sdl: lineageSdl() }] : []),
  ];
  const composed = composeSupergraph(subgraphs);
  return {
    agencies: [
      { name: 'dukcapil', title: 'Disdukcapil Kota Pekanbaru', contact: null, legalBasis: 'UU 24/2013' },
      { name: 'imigrasi', title: 'Direktorat Jenderal Imigrasi', contact: 'simkim@imigrasi.example', legalBasis: 'UU 6/2011' },
      { name: 'samsat', title: 'SAMSAT Riau', contact: null, legalBasis: 'Perpres 5/2015' },
      ...(options.withLineageSubgraph ? [{ name: 'mpp', title: 'Mal Pelayanan Publik (operator)', contact: null, legalBasis: 'Perpres 89/2021' }] : []),
    ],
    subgraphs,
    supergraph: { sdl: composed.supergraphSdl, apiSdl: composed.apiSdl },
    at: SEEDED_AT,
    publisher: SEED_PUBLISHER,
  };
}

async function publish(store: RegistryStore, subgraph: 'samsat' | 'imigrasi', sdl: string, at: string, publisher: string, overrideReason?: string): Promise<void> {
  const outcome = await publishSubgraph(store, { subgraph, sdl, credential: { agency: subgraph, publisher }, overrideReason, now: new Date(at), usageDays: 30 });
  if (outcome.status !== 'PUBLISHED') throw new Error(`fixture publish of ${subgraph} was ${outcome.status}: ${'reason' in outcome ? outcome.reason : ''}`);
}

/** Seeds the mall and publishes samsat 2 (overridden), imigrasi 2 and samsat 3, in that order. */
export async function publishLineageHistory(store: RegistryStore, options: { withLineageSubgraph?: boolean } = {}): Promise<void> {
  await store.seed(lineageCatalogue(options));
  await publish(store, 'samsat', SAMSAT_V2, SAMSAT_V2_AT, 'Budi', OVERRIDE_REASON);
  await publish(store, 'imigrasi', IMIGRASI_V2, IMIGRASI_V2_AT, 'Rina');
  await publish(store, 'samsat', SAMSAT_V3, SAMSAT_V3_AT, 'Budi');
}

/** A registry on `backend` holding the mall and its history. */
export async function openLineageRegistry(backend: Backend, options: { withLineageSubgraph?: boolean } = {}): Promise<{ store: RegistryStore; close(): Promise<void> }> {
  const opened = await backend.open();
  const store = await openRegistry(opened.location);
  try {
    await publishLineageHistory(store, options);
  } catch (error) {
    await store.close();
    await opened.cleanup();
    throw error;
  }
  return {
    store,
    close: async () => {
      await store.close();
      await opened.cleanup();
    },
  };
}
