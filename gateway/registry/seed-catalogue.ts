import type { AgencyModule } from '../../subgraphs/kit/agency-module';
import { buildSchemaArtifacts } from '../../schema/pipeline';
import { CROSSCHECK_SUBGRAPH } from '../crosscheck/subgraph/identity-claims';
import { LINEAGE_SUBGRAPH } from '../lineage/subgraph/lineage-sdl';
import type { AgencyRecord, RegistryStore, SeedInput } from './registry.store';
import { AUDIT_SUBGRAPH } from '../audit/subgraph/audit-sdl';

/**
 * The legal basis on which each agency holds and shares its data (what auditors ask first).
 * Contacts are left for the operator to fill in: they are people, not code.
 */
const LEGAL_BASIS: Readonly<Record<string, string>> = {
  dukcapil: 'UU 24/2013 tentang Administrasi Kependudukan',
  imigrasi: 'UU 6/2011 tentang Keimigrasian',
  polri: 'UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan',
  samsat: 'Perpres 5/2015 tentang Penyelenggaraan Sistem Administrasi Manunggal Satu Atap',
  'bpjs-kesehatan': 'UU 24/2011 tentang Badan Penyelenggara Jaminan Sosial',
  'bpjs-ketenagakerjaan': 'UU 24/2011 tentang Badan Penyelenggara Jaminan Sosial',
  djp: 'UU 28/2007 tentang Ketentuan Umum dan Tata Cara Perpajakan',
  bpn: 'PP 24/1997 tentang Pendaftaran Tanah',
  oss: 'PP 5/2021 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko',
  kua: 'UU 1/1974 tentang Perkawinan',
  mpp: 'Perpres 89/2021 tentang Penyelenggaraan Mal Pelayanan Publik',
};

/** The crosscheck and the lineage subgraph run inside the gateway: the mall (mpp) owns them. */
const MALL_AGENCY = 'mpp';
const MALL_SUBGRAPHS: ReadonlySet<string> = new Set([CROSSCHECK_SUBGRAPH, LINEAGE_SUBGRAPH, AUDIT_SUBGRAPH]);

/** The agency a catalogue subgraph belongs to: its own name, except the mall's in-process subgraphs. */
export function catalogueAgencyOf(subgraph: string): string {
  return MALL_SUBGRAPHS.has(subgraph) ? MALL_AGENCY : subgraph;
}

/** The seed for a fresh registry: the catalogue in code, every subgraph at version 1. */
export async function catalogueSeed(agencies: readonly AgencyModule[]): Promise<SeedInput> {
  const artifacts = await buildSchemaArtifacts(agencies);
  const records: AgencyRecord[] = agencies.map((agency) => ({ name: agency.name, title: agency.title, contact: null, legalBasis: LEGAL_BASIS[agency.name] ?? null }));
  records.push({ name: MALL_AGENCY, title: 'Mal Pelayanan Publik (operator)', contact: null, legalBasis: LEGAL_BASIS[MALL_AGENCY] ?? null });
  return {
    agencies: records,
    subgraphs: artifacts.subgraphs.map((subgraph) => ({ ...subgraph, agency: catalogueAgencyOf(subgraph.name) })),
    supergraph: { sdl: artifacts.supergraphSdl, apiSdl: artifacts.apiSdl },
  };
}

/** Seeds a fresh registry from the catalogue; does nothing on a registry that holds versions. */
export async function seedRegistryFromCatalogue(store: RegistryStore, agencies: readonly AgencyModule[]): Promise<boolean> {
  if (!(await store.isEmpty())) return false;
  return store.seed(await catalogueSeed(agencies));
}
