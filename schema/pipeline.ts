import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { AgencyModule } from '../subgraphs/kit/agency-module';
import { crosscheckSdl } from '../gateway/crosscheck/subgraph/crosscheck-sdl';
import { CROSSCHECK_SUBGRAPH, identityModelOf } from '../gateway/crosscheck/subgraph/identity-claims';
import { LINEAGE_SUBGRAPH, lineageSdl } from '../gateway/lineage/subgraph/lineage-sdl';
import { AUDIT_SUBGRAPH, auditSdl } from '../gateway/audit/subgraph/audit-sdl';
import { composeSupergraph } from './compose';

/**
 * Where the supergraph says the crosscheck is: it runs inside the gateway process, so this is
 * not a network address; the gateway serves it with a local data source.
 */
export const CROSSCHECK_URL = 'in-process://crosscheck';

/** The lineage subgraph (auditors' schemaLineage / schemaHistory) runs inside the gateway process too. */
export const LINEAGE_URL = 'in-process://lineage';
export const AUDIT_URL = 'in-process://audit';

export interface SchemaArtifacts {
  /** Printed SDL per subgraph, in catalogue order. */
  subgraphs: ReadonlyArray<{ name: string; sdl: string; url: string }>;
  supergraphSdl: string;
  apiSdl: string;
}

/** The URL a subgraph has in the committed supergraph: its demo port on loopback. */
export function defaultSubgraphUrl(agency: AgencyModule): string {
  return `http://127.0.0.1:${agency.defaultPorts.subgraph}/graphql`;
}

/**
 * Prints every subgraph's SDL from code and composes them. `urls` overrides where the
 * supergraph points (the demo on random ports); by default the demo ports.
 */
export async function buildSchemaArtifacts(agencies: readonly AgencyModule[], urls: Readonly<Record<string, string>> = {}): Promise<SchemaArtifacts> {
  const subgraphs = [];
  for (const agency of agencies) {
    const built = await agency.buildSchema();
    subgraphs.push({ name: agency.name, sdl: built.sdl, url: urls[agency.name] ?? defaultSubgraphUrl(agency) });
  }
  // The crosscheck's requirements are derived from the @identityClaim tags of what the
  // agencies composed to, so a new agency needs no crosscheck change.
  const agenciesOnly = composeSupergraph(subgraphs);
  const model = identityModelOf(agenciesOnly.supergraphSdl);
  // Without the registry's identity fields there is nothing to check against (a graph of synthetic tenants only).
  if (model.registry.length > 0) subgraphs.push({ name: CROSSCHECK_SUBGRAPH, sdl: crosscheckSdl(model), url: CROSSCHECK_URL });
  // Every graph answers auditors' lineage questions about itself; the subgraph depends on no agency.
  subgraphs.push({ name: LINEAGE_SUBGRAPH, sdl: lineageSdl(), url: LINEAGE_URL });
  // And auditors' questions about who read which citizen (the access ledger in the gateway).
  subgraphs.push({ name: AUDIT_SUBGRAPH, sdl: auditSdl(), url: AUDIT_URL });
  const composed = composeSupergraph(subgraphs);
  return { subgraphs, ...composed };
}

/** The files `npm run schema` writes, relative to the schema/ folder, with their content. */
export function artifactFiles(artifacts: SchemaArtifacts): Record<string, string> {
  const files: Record<string, string> = {
    'supergraph.graphql': artifacts.supergraphSdl.endsWith('\n') ? artifacts.supergraphSdl : artifacts.supergraphSdl + '\n',
    'api.graphql': artifacts.apiSdl,
  };
  for (const subgraph of artifacts.subgraphs) files[`subgraphs/${subgraph.name}.graphql`] = subgraph.sdl;
  return files;
}

export function writeArtifactFiles(schemaDir: string, files: Readonly<Record<string, string>>): void {
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(schemaDir, relative);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

/** The files that differ from (or are missing in) `schemaDir`. */
export function staleArtifactFiles(schemaDir: string, files: Readonly<Record<string, string>>): string[] {
  return Object.entries(files)
    .filter(([relative, content]) => {
      const target = path.join(schemaDir, relative);
      return !existsSync(target) || readFileSync(target, 'utf8') !== content;
    })
    .map(([relative]) => relative);
}
