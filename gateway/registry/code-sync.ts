import { parse } from 'graphql';
import type { AgencyModule } from '../../subgraphs/kit/agency-module';
import { composeSupergraph, CompositionError, withSubgraphUrls } from '../../schema/compose';
import { RegistryError } from './errors';
import { personalDataOf, privacyChanges } from './personal-data';
import { sha256, type AgencyRecord, type RegistrySnapshot, type RegistryStore, type SeedInput, type StoredChange } from './registry.store';
import { diffApi, diffSubgraph } from './schema-diff';
import { catalogueAgencyOf, catalogueSeed } from './seed-catalogue';

/** Who the registry says published a version that came from the code at start-up. */
export const CODE_SYNC_PUBLISHER = 'satu start (code in this checkout)';


export interface CodeSyncOutcome {
  /** The registry was empty and was seeded with the code (every subgraph at version 1). */
  seeded: boolean;
  /** Subgraphs that were not in the registry and were registered. */
  registered: string[];
  /** One entry per new version, in publish order. */
  published: Array<{ subgraph: string; sequence: number; reasons: string[] }>;
  /** The registry's current supergraph sequence after the sync. */
  supergraphSequence: number | null;
}

/**
 * The code's view of the registry for the demo: the catalogue printed from code (seed-catalogue),
 * pointed at the URLs the demo's subgraphs actually got (random ports in tests).
 */
export async function codeCatalogue(agencies: readonly AgencyModule[], urls: Readonly<Record<string, string>>): Promise<SeedInput> {
  const seed = await catalogueSeed(agencies);
  return {
    agencies: seed.agencies,
    subgraphs: seed.subgraphs.map((subgraph) => ({ ...subgraph, agency: catalogueAgencyOf(subgraph.name), url: urls[subgraph.name] ?? subgraph.url })),
    supergraph: { sdl: withSubgraphUrls(seed.supergraph.sdl, urls), apiSdl: seed.supergraph.apiSdl },
  };
}

type CodeSubgraph = SeedInput['subgraphs'][number];
type Registered = RegistrySnapshot['subgraphs'][number];

function reasonsToPublish(code: CodeSubgraph, registered: Registered | undefined): string[] {
  const current = registered?.version ?? null;
  if (!current) return ['no version in the registry yet'];
  const reasons: string[] = [];
  if (current.hash !== sha256(code.sdl)) reasons.push(`the SDL in the code differs from version ${current.sequence}`);
  if (current.url !== code.url) reasons.push(`the URL moved from ${current.url} to ${code.url}`);
  return reasons;
}

async function changesFor(code: CodeSubgraph, registered: Registered | undefined, snapshot: RegistrySnapshot, apiSdl: string): Promise<StoredChange[]> {
  const current = registered?.version ?? null;
  // A URL move changes neither the subgraph's schema nor the API schema: nothing to diff.
  if (current && current.hash === sha256(code.sdl)) return [];
  const before = current ? parse(current.sdl) : null;
  const after = parse(code.sdl);
  const changes: StoredChange[] = [];
  if (before) {
    for (const change of await diffSubgraph(before, after)) changes.push({ scope: 'SUBGRAPH', criticality: change.criticality, changeType: change.type, coordinate: change.coordinate, message: change.message });
  }
  if (snapshot.supergraph) {
    for (const change of await diffApi(snapshot.supergraph.apiSdl, apiSdl)) changes.push({ scope: 'API', criticality: change.criticality, changeType: change.type, coordinate: change.coordinate, message: change.message });
  }
  for (const change of privacyChanges(before ? personalDataOf(before) : new Map(), personalDataOf(after))) {
    changes.push({ scope: 'PRIVACY', criticality: 'DANGEROUS', changeType: `PERSONAL_DATA_${change.kind}`, coordinate: change.coordinate, message: change.message });
  }
  return changes;
}

async function ensureAgency(store: RegistryStore, name: string, fromCode: readonly AgencyRecord[], known: Set<string>): Promise<void> {
  if (known.has(name)) return;
  await store.upsertAgency(fromCode.find((agency) => agency.name === name) ?? { name, title: name, contact: null, legalBasis: null });
  known.add(name);
}

/** The mall's in-process subgraphs (the crosscheck's requirements derive from the agencies' schemas) go after the agencies. */
function publishOrder(subgraphs: readonly CodeSubgraph[]): CodeSubgraph[] {
  const mallLast = (subgraph: CodeSubgraph): number => Number(subgraph.url.startsWith('in-process://'));
  return [...subgraphs].sort((a, b) => mallLast(a) - mallLast(b));
}

/** Attempts at one subgraph's publish when another publisher moved the registry on in between. */
const STALE_ATTEMPTS = 3;

/**
 * Keeps the demo's registry in step with the code in this checkout. A fresh registry is seeded
 * with the code (agencies, every subgraph at version 1, one supergraph). On a registry that
 * exists, every subgraph whose SDL or URL differs from its current version gets a new version,
 * published by CODE_SYNC_PUBLISHER with its change list (subgraph, API and personal-data diffs, as
 * `satu publish` records them); subgraphs the registry does not know are registered first (agency
 * = subgraph name, the in-process ones belong to mpp). Subgraphs in the registry but not in the
 * code are left as they are.
 *
 * The store publishes one subgraph at a time, so a sync that changes several subgraphs makes one
 * supergraph per subgraph. Each is composed from the registry's current versions plus that one
 * change; a change that only composes together with another one is retried after the others,
 * and a sync that still cannot compose fails with the composition errors and leaves the
 * versions it already stored (each is a consistent supergraph on its own).
 */
export async function syncRegistryWithCode(store: RegistryStore, code: SeedInput, now: () => Date = () => new Date()): Promise<CodeSyncOutcome> {
  if (await store.isEmpty()) {
    const seeded = await store.seed({ ...code, publisher: CODE_SYNC_PUBLISHER, at: now().toISOString() });
    if (seeded) return { seeded: true, registered: code.subgraphs.map((subgraph) => subgraph.name), published: [], supergraphSequence: (await store.currentSupergraph())?.sequence ?? null };
    // Another process seeded it at the same moment: sync against what it stored.
  }
  const outcome: CodeSyncOutcome = { seeded: false, registered: [], published: [], supergraphSequence: null };
  const knownAgencies = new Set((await store.agencies()).map((agency) => agency.name));
  const knownSubgraphs = new Set((await store.subgraphs()).map((subgraph) => subgraph.name));
  for (const subgraph of code.subgraphs) {
    if (knownSubgraphs.has(subgraph.name)) continue;
    await ensureAgency(store, subgraph.agency, code.agencies, knownAgencies);
    await store.registerSubgraph({ name: subgraph.name, agency: subgraph.agency, url: subgraph.url }, now().toISOString());
    outcome.registered.push(subgraph.name);
  }

  const initial = await store.snapshot();
  let pending = publishOrder(code.subgraphs).filter((subgraph) => reasonsToPublish(subgraph, initial.subgraphs.find((registered) => registered.name === subgraph.name)).length > 0);
  let lastErrors = new Map<string, readonly string[]>();
  while (pending.length > 0) {
    const deferred: CodeSubgraph[] = [];
    lastErrors = new Map();
    for (const subgraph of pending) {
      const published = await publishOne(store, subgraph, now, lastErrors);
      if (published) outcome.published.push(published);
      else deferred.push(subgraph);
    }
    // No progress in a whole round: the remaining changes do not compose, whatever the order.
    if (deferred.length === pending.length) break;
    pending = deferred;
  }
  if (lastErrors.size > 0) {
    const detail = [...lastErrors].map(([name, errors]) => `${name}: ${errors.slice(0, 3).join(' | ')}`).join('; ');
    throw new RegistryError('BAD_INPUT', `the code in this checkout does not compose with the registry's other subgraphs, so the registry could not be brought in step (${detail}); fix the schema in code, or publish the other side first`);
  }
  outcome.supergraphSequence = (await store.currentSupergraph())?.sequence ?? null;
  return outcome;
}

/** Publishes one subgraph from the code; null (with its composition errors in `compositionErrors`) when it does not compose yet. */
async function publishOne(store: RegistryStore, subgraph: CodeSubgraph, now: () => Date, compositionErrors: Map<string, readonly string[]>): Promise<CodeSyncOutcome['published'][number] | null> {
  for (let attempt = 1; ; attempt++) {
    const snapshot = await store.snapshot();
    const registered = snapshot.subgraphs.find((candidate) => candidate.name === subgraph.name);
    const reasons = reasonsToPublish(subgraph, registered);
    if (reasons.length === 0) return null;
    const others = snapshot.subgraphs.filter((other) => other.name !== subgraph.name && other.version !== null);
    let composed;
    try {
      composed = composeSupergraph([...others.map((other) => ({ name: other.name, url: other.version!.url, sdl: other.version!.sdl })), { name: subgraph.name, url: subgraph.url, sdl: subgraph.sdl }]);
    } catch (error) {
      if (!(error instanceof CompositionError)) throw error;
      compositionErrors.set(subgraph.name, error.problems);
      return null;
    }
    try {
      const { version } = await store.publish({
        subgraph: subgraph.name,
        sdl: subgraph.sdl,
        url: subgraph.url,
        publisher: CODE_SYNC_PUBLISHER,
        checkResults: { codeSync: true, reasons },
        overrideReason: null,
        expectedPreviousVersionId: registered?.version?.id ?? null,
        expectedSupergraphId: snapshot.supergraph?.id ?? null,
        changes: await changesFor(subgraph, registered, snapshot, composed.apiSdl),
        supergraph: { sdl: composed.supergraphSdl, apiSdl: composed.apiSdl, members: Object.fromEntries(others.map((other) => [other.name, other.version!.id])) },
        at: now().toISOString(),
      });
      return { subgraph: subgraph.name, sequence: version.sequence, reasons };
    } catch (error) {
      if (error instanceof RegistryError && error.code === 'STALE' && attempt < STALE_ATTEMPTS) continue;
      throw error;
    }
  }
}
