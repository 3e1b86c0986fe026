import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openRegistry, type RegistryStore, type SeedInput } from '../../../../gateway/registry/registry.store';
import { composeSupergraph } from '../../../../schema/compose';
import { federationHeader, satuDefinitions } from '../../../../subgraphs/kit/directives';
import { REGISTRY_STAND_IN_SDL } from '../../../support/registry-stand-in';

const PG_SERVER = process.env.SATU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface Backend {
  name: string;
  open(): Promise<{ location: string; cleanup(): Promise<void> }>;
}

/** Each PostgreSQL run gets a schema of its own, dropped afterwards; SQLite a temporary file. */
export const BACKENDS: Backend[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'satu-registry-'));
      return { location: path.join(dir, 'registry.sqlite'), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const schema = `satu_registry_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new Client({ connectionString: PG_SERVER, connectionTimeoutMillis: 3000 });
      try {
        await admin.connect();
      } catch (error) {
        throw new Error(`PostgreSQL is not reachable at ${PG_SERVER} (.ci/run starts it): ${(error as Error).message}`);
      }
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      return {
        location: `${PG_SERVER}?options=-c%20search_path%3D${schema}`,
        cleanup: async () => {
          const client = new Client({ connectionString: PG_SERVER });
          await client.connect();
          await client.query(`DROP SCHEMA ${schema} CASCADE`);
          await client.end();
        },
      };
    },
  },
];

/** A small agency subgraph in the house style: the kit's header and directive definitions around `body`. */
export function agencySdl(body: string): string {
  return `${federationHeader()}\nscalar NIK\n${body}\n${satuDefinitions()}\n`;
}

export const IMIGRASI_SDL = agencySdl(`type Citizen @key(fields: "nik") { nik: NIK!  passports: [Passport!] @personalData(category: TRAVEL) }
type Passport { number: String! @personalData(category: TRAVEL)  expiresOn: String }`);

export const SAMSAT_SDL = agencySdl(`type Citizen @key(fields: "nik") { nik: NIK!  vehicles: [Vehicle!] @personalData(category: VEHICLE) }
type Vehicle { plate: String! }`);

/** imigrasi's SDL with `edit` applied to its Passport type body. */
export function imigrasiWith(passportBody: string, citizenExtra = ''): string {
  return agencySdl(`type Citizen @key(fields: "nik") { nik: NIK!  passports: [Passport!] @personalData(category: TRAVEL) ${citizenExtra} }
type Passport { ${passportBody} }`);
}

/** A three-subgraph mall: the civil registry stand-in, imigrasi and samsat, each at version 1. */
export function smallCatalogue(): SeedInput {
  const subgraphs = [
    { name: 'dukcapil', agency: 'dukcapil', url: 'http://127.0.0.1:4101/graphql', sdl: REGISTRY_STAND_IN_SDL },
    { name: 'imigrasi', agency: 'imigrasi', url: 'http://127.0.0.1:4102/graphql', sdl: IMIGRASI_SDL },
    { name: 'samsat', agency: 'samsat', url: 'http://127.0.0.1:4103/graphql', sdl: SAMSAT_SDL },
  ];
  const composed = composeSupergraph(subgraphs);
  return {
    agencies: [
      { name: 'dukcapil', title: 'Dukcapil', contact: null, legalBasis: 'UU 24/2013' },
      { name: 'imigrasi', title: 'Imigrasi', contact: 'simkim@imigrasi.example', legalBasis: 'UU 6/2011' },
      { name: 'samsat', title: 'Samsat', contact: null, legalBasis: null },
    ],
    subgraphs,
    supergraph: { sdl: composed.supergraphSdl, apiSdl: composed.apiSdl },
    at: '2026-12-01T00:00:00.000Z',
  };
}

/** Opens a registry on `backend`, seeded with the small catalogue. */
export async function openSeededRegistry(backend: Backend): Promise<{ store: RegistryStore; close(): Promise<void> }> {
  const opened = await backend.open();
  const store = await openRegistry(opened.location);
  await store.seed(smallCatalogue());
  return {
    store,
    close: async () => {
      await store.close();
      await opened.cleanup();
    },
  };
}

/**
 * The store, except that `publish` waits until `parties` publishes have arrived and then lets them
 * all into the database at once: two publishes whose checks both finished before either stored,
 * which is the race the registry must settle (without the gate, a fast first publish may simply
 * finish before the second one's check starts, and both rightly succeed one after the other).
 */
export function withPublishBarrier(store: RegistryStore, parties: number): RegistryStore {
  let arrived = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const gated = Object.create(store) as RegistryStore;
  gated.publish = async (record) => {
    arrived += 1;
    if (arrived >= parties) release();
    await gate;
    return store.publish(record);
  };
  return gated;
}
