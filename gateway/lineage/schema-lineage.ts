import { catalogueAgencyOf } from '../registry/seed-catalogue';
import { sha256, type AgencyRecord, type RegistryStore, type SubgraphVersionSummary, type SupergraphRecord, type VersionedChange } from '../registry/registry.store';
import { parseFieldCoordinate, unknownCoordinateError, unknownSubgraphError } from './field-coordinate';
import { LineageInputError } from './lineage-input-error';
import type {
  AgencyLineage,
  FieldChange,
  FieldChangeRelation,
  FieldLineage,
  FieldOwner,
  FieldTags,
  LineageOverview,
  SchemaVersion,
  SchemaVersionRef,
  SubgraphLineage,
} from './lineage.types';
import { SubgraphFieldsCache, type SubgraphFields } from './subgraph-fields';
import { supergraphFieldsOf, type SupergraphField, type SupergraphFields } from './supergraph-fields';

/** Where registry failures are reported: the gateway's pino logger, or stderr for the CLI. */
export interface LineageLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface SchemaLineageDeps {
  /** The schema registry; null for a gateway on a static supergraph (owners and tags only, no history). */
  registry: RegistryStore | null;
  /** The supergraph the answers describe (the one being served), read on every question so a reload shows at once. */
  supergraphSdl: () => string;
  logger?: LineageLogger;
  /** Parsed SDLs by hash, to share across instances (one per supergraph the gateway loads). @default a cache of its own */
  parsedSdls?: SubgraphFieldsCache;
}

/** What the registry knows about the supergraph being described. */
interface RegistryView {
  agencies: ReadonlyMap<string, AgencyRecord>;
  /** subgraph -> agency, as registered. */
  agencyOfSubgraph: ReadonlyMap<string, string>;
  /** The registry's record of the served supergraph, else its current one; null when it holds none. */
  supergraph: SupergraphRecord | null;
  /** False when the served SDL is not one the registry composed, its subgraph URLs aside (a file, a hand-composed graph): tags then come from the registry's current versions. */
  exact: boolean;
  /** The version of each subgraph in `supergraph`. */
  members: ReadonlyMap<string, SubgraphVersionSummary>;
}

/** The supergraph with every `@join__graph` URL blanked: two supergraphs equal under this differ only in where subgraphs are served. */
function withoutSubgraphUrls(supergraphSdl: string): string {
  return supergraphSdl.replace(/(@join__graph\(name: "[^"]+", url: )"[^"]*"\)/g, '$1"")').trimEnd();
}

const BUILT_IN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
const NO_REGISTRY_NOTE = 'the schema registry is not available: owners and tags come from the supergraph alone; versions and history are unknown';

function versionRef(version: SubgraphVersionSummary): SchemaVersionRef {
  return { subgraph: version.subgraph, sequence: version.sequence, publishedAt: version.publishedAt, publisher: version.publisher, overrideReason: version.overrideReason };
}

function toFieldChange(change: VersionedChange, relation: FieldChangeRelation | null): FieldChange {
  return {
    version: versionRef(change.version),
    coordinate: change.coordinate,
    relation,
    scope: change.scope,
    criticality: change.criticality,
    changeType: change.changeType,
    message: change.message,
  };
}

/** Earlier publish first; same moment: lower sequence, then subgraph name, so the answer never depends on query order. */
function earlier(a: SubgraphVersionSummary, b: SubgraphVersionSummary): boolean {
  if (a.publishedAt !== b.publishedAt) return a.publishedAt < b.publishedAt;
  if (a.sequence !== b.sequence) return a.sequence < b.sequence;
  return a.subgraph < b.subgraph;
}

/**
 * Schema lineage for auditors (issue 5, item 5): for every field of the served supergraph, who
 * resolves it, with each owner's own `@source` / `@personalData` / `@identityClaim` (read from
 * the owner's published SDL, since composition keeps only one merged copy per field), the
 * version that introduced it and every recorded change. Each question reads what it needs from
 * the registry in a handful of queries; parsed SDLs are kept by hash across questions.
 *
 * Without a registry, or when reading it fails, answers still give owners and the supergraph's
 * tags, with empty history and a note saying why.
 */
export class SchemaLineage {
  private readonly parsed: SubgraphFieldsCache;
  /** SDL fetches in flight, by hash. */
  private readonly loading = new Map<string, Promise<void>>();
  private lastSupergraph: { sdl: string; fields: SupergraphFields } | null = null;

  constructor(private readonly deps: SchemaLineageDeps) {
    this.parsed = deps.parsedSdls ?? new SubgraphFieldsCache();
  }

  /** The served supergraph, parsed once per distinct SDL. */
  private supergraph(): { sdl: string; fields: SupergraphFields } {
    const sdl = this.deps.supergraphSdl();
    if (this.lastSupergraph?.sdl !== sdl) this.lastSupergraph = { sdl, fields: supergraphFieldsOf(sdl) };
    return this.lastSupergraph;
  }

  /** Runs a registry read; a failure is logged and answered without the registry (returns the reason). */
  private async withRegistry<T>(read: (registry: RegistryStore) => Promise<T>): Promise<{ value: T } | { failed: string }> {
    const registry = this.deps.registry;
    if (!registry) return { failed: NO_REGISTRY_NOTE };
    try {
      return { value: await read(registry) };
    } catch (error) {
      if (error instanceof LineageInputError) throw error;
      this.deps.logger?.warn({ err: (error as Error).message }, 'schema lineage: the registry could not be read; answering from the supergraph alone');
      // The reason goes to the log only: a database error may name hosts or users, and notes reach every auditor.
      return { failed: 'the schema registry could not be read (the gateway log says why): owners and tags come from the supergraph alone; versions and history are unknown' };
    }
  }

  private async registryView(registry: RegistryStore, supergraphSdl: string): Promise<RegistryView> {
    // The same SDL with or without its final newline (the committed file has one) is the same supergraph.
    const trimmed = supergraphSdl.trimEnd();
    const hashes = [...new Set([supergraphSdl, trimmed, `${trimmed}\n`].map(sha256))];
    const [agencies, subgraphs, served] = await Promise.all([registry.agencies(), registry.subgraphs(), registry.supergraphByHash(hashes)]);
    const current = served ? null : await registry.currentSupergraph();
    // A gateway that points the registry's supergraph at other URLs (the demo's ports) still serves that supergraph.
    const exact = served !== null || (current !== null && withoutSubgraphUrls(current.sdl) === withoutSubgraphUrls(supergraphSdl));
    const supergraph = served ?? current;
    const members = supergraph ? await registry.versionSummariesById(Object.values(supergraph.members)) : [];
    return {
      agencies: new Map(agencies.map((agency) => [agency.name, agency])),
      agencyOfSubgraph: new Map(subgraphs.map((subgraph) => [subgraph.name, subgraph.agency])),
      supergraph,
      exact,
      members: new Map(members.map((version) => [version.subgraph, version])),
    };
  }

  /**
   * Parses (once per hash) the SDLs of these versions, fetching only those neither parsed nor
   * already being fetched: questions asked at the same moment share one fetch per SDL.
   */
  private async parsedVersions(registry: RegistryStore, versions: readonly SubgraphVersionSummary[]): Promise<Map<string, SubgraphFields>> {
    const wanted = [...new Set(versions.map((version) => version.hash))];
    const missing = wanted.filter((hash) => !this.parsed.has(hash) && !this.loading.has(hash));
    if (missing.length > 0) {
      const load = registry
        .sdlsByHash(missing)
        .then((sdls) => {
          for (const [hash, sdl] of sdls) this.parse(hash, sdl);
        })
        .finally(() => {
          for (const hash of missing) this.loading.delete(hash);
        });
      for (const hash of missing) this.loading.set(hash, load);
    }
    await Promise.all(wanted.map((hash) => this.loading.get(hash)));
    const result = new Map<string, SubgraphFields>();
    for (const hash of wanted) {
      const fields = this.parsed.get(hash);
      if (fields) result.set(hash, fields);
    }
    return result;
  }

  private parse(hash: string, sdl: string): void {
    try {
      this.parsed.add(hash, sdl);
    } catch (error) {
      // A stored SDL passed its checks when published; one that no longer parses is reported, not fatal.
      this.deps.logger?.warn({ hash, err: (error as Error).message }, 'schema lineage: a stored subgraph SDL does not parse; its tags are skipped');
    }
  }

  /** Each subgraph's fields in the described supergraph (its member version's SDL). */
  private async memberFields(registry: RegistryStore, view: RegistryView, subgraphs: readonly string[]): Promise<Map<string, SubgraphFields>> {
    const versions = subgraphs.map((name) => view.members.get(name)).filter((version): version is SubgraphVersionSummary => version !== undefined);
    const byHash = await this.parsedVersions(registry, versions);
    const result = new Map<string, SubgraphFields>();
    for (const version of versions) {
      const fields = byHash.get(version.hash);
      if (fields) result.set(version.subgraph, fields);
    }
    return result;
  }

  /** An owner's tags: from its own published definition when the registry has it, else the supergraph's merged copy. */
  private static ownerTags(field: SupergraphField, owner: string, memberFields: ReadonlyMap<string, SubgraphFields>): { tags: FieldTags; fromSupergraph: boolean } {
    const own = memberFields.get(owner)?.resolved.get(field.coordinate);
    return own ? { tags: own, fromSupergraph: false } : { tags: field.tags, fromSupergraph: true };
  }

  private static agencyOf(subgraph: string, view: RegistryView | null): { name: string; title: string } {
    const name = view?.agencyOfSubgraph.get(subgraph) ?? catalogueAgencyOf(subgraph);
    return { name, title: view?.agencies.get(name)?.title ?? name };
  }

  /** The lineage of one field coordinate (`Citizen.vehicles`). */
  async field(coordinateText: string): Promise<FieldLineage> {
    const coordinate = parseFieldCoordinate(coordinateText);
    const { sdl, fields } = this.supergraph();
    const field = fields.byCoordinate.get(coordinate);
    if (!field) throw unknownCoordinateError(coordinate, new Map(fields.types.map((type) => [type.name, type.fields.map((candidate) => candidate.name)])));

    const read = await this.withRegistry(async (registry) => {
      const view = await this.registryView(registry, sdl);
      const [memberFields, introducedIn, changes] = await Promise.all([
        this.memberFields(registry, view, field.owners),
        this.introducedIn(registry, field),
        this.fieldChanges(registry, field),
      ]);
      return { view, memberFields, introducedIn, changes };
    });
    const notes: string[] = [];
    const view = 'value' in read ? read.value.view : null;
    const memberFields = 'value' in read ? read.value.memberFields : new Map<string, SubgraphFields>();
    if ('failed' in read) notes.push(read.failed);
    else if (!read.value.view.exact) notes.push(this.inexactNote(read.value.view));

    const owners: FieldOwner[] = field.owners.map((owner) => {
      const { tags, fromSupergraph } = SchemaLineage.ownerTags(field, owner, memberFields);
      if (fromSupergraph && view) notes.push(`${owner}'s published SDL does not define ${coordinate} as its own: its tags are the supergraph's`);
      const agency = SchemaLineage.agencyOf(owner, view);
      return { subgraph: owner, agency: agency.name, agencyTitle: agency.title, ...tags };
    });
    if (!view && field.owners.length > 1) {
      notes.push(`${field.owners.length} subgraphs resolve ${coordinate}; the supergraph keeps one merged copy of its tags, shown for each of them, though it may belong to only one`);
    }
    return {
      coordinate,
      returnType: field.returnType,
      owners,
      introducedIn: 'value' in read ? read.value.introducedIn : null,
      changes: 'value' in read ? read.value.changes : [],
      notes,
    };
  }

  private inexactNote(view: RegistryView): string {
    return view.supergraph
      ? `the supergraph described is not one the registry composed: tags and versions are those of the registry's current supergraph ${view.supergraph.sequence}`
      : 'the registry holds no supergraph yet: tags come from the supergraph alone';
  }

  /** The first version, over all owners, whose own SDL resolves the field. */
  private async introducedIn(registry: RegistryStore, field: SupergraphField): Promise<SchemaVersionRef | null> {
    const versions = await registry.versionSummaries(field.owners);
    const parsed = await this.parsedVersions(registry, versions);
    let first: SubgraphVersionSummary | null = null;
    const seen = new Set<string>();
    // versionSummaries is ordered by subgraph then sequence: the first hit per subgraph is its introduction.
    for (const version of versions) {
      if (seen.has(version.subgraph)) continue;
      if (!parsed.get(version.hash)?.resolved.has(field.coordinate)) continue;
      seen.add(version.subgraph);
      if (!first || earlier(version, first)) first = version;
    }
    return first ? versionRef(first) : null;
  }

  private async fieldChanges(registry: RegistryStore, field: SupergraphField): Promise<FieldChange[]> {
    const returnType = BUILT_IN_SCALARS.has(field.returnTypeName) || field.returnTypeName === field.typeName ? null : field.returnTypeName;
    const exact = [field.coordinate, field.typeName, ...(returnType ? [returnType] : [])];
    const changes = await registry.changesAtCoordinates(exact, [field.coordinate]);
    return changes.map((change) => {
      const relation: FieldChangeRelation =
        change.coordinate === field.coordinate ? 'FIELD' : change.coordinate === field.typeName ? 'PARENT_TYPE' : change.coordinate === returnType ? 'RETURN_TYPE' : 'ARGUMENT_OR_DIRECTIVE';
      return toFieldChange(change, relation);
    });
  }

  /** Every published version of a subgraph, oldest first, with the changes each recorded. */
  async history(subgraphText: string): Promise<{ versions: SchemaVersion[]; registryAvailable: boolean; notes: string[] }> {
    const name = subgraphText.trim();
    const { fields } = this.supergraph();
    const composed = fields.graphs.map((graph) => graph.name);
    const read = await this.withRegistry(async (registry) => {
      const registered = (await registry.subgraphs()).map((subgraph) => subgraph.name);
      const known = [...new Set([...composed, ...registered])].sort();
      if (!known.includes(name)) throw unknownSubgraphError(name, known);
      const [versions, changes] = await Promise.all([registry.versionSummaries([name]), registry.changesOfSubgraph(name)]);
      return versions.map((version): SchemaVersion => ({
        subgraph: version.subgraph,
        sequence: version.sequence,
        hash: version.hash,
        url: version.url,
        publishedAt: version.publishedAt,
        publisher: version.publisher,
        overrideReason: version.overrideReason,
        changes: changes.filter((change) => change.version.id === version.id).map((change) => toFieldChange(change, null)),
      }));
    });
    if ('value' in read) return { versions: read.value, registryAvailable: true, notes: [] };
    if (!composed.includes(name)) throw unknownSubgraphError(name, [...composed].sort());
    return { versions: [], registryAvailable: false, notes: [read.failed] };
  }

  /** Agencies -> subgraphs -> types -> the fields each subgraph resolves, with classification, identity claim and source. */
  async overview(): Promise<LineageOverview> {
    const { sdl, fields } = this.supergraph();
    const graphNames = fields.graphs.map((graph) => graph.name);
    const read = await this.withRegistry(async (registry) => {
      const view = await this.registryView(registry, sdl);
      return { view, memberFields: await this.memberFields(registry, view, graphNames) };
    });
    const view = 'value' in read ? read.value.view : null;
    const memberFields = 'value' in read ? read.value.memberFields : new Map<string, SubgraphFields>();
    const notes = 'failed' in read ? [read.failed] : read.value.view.exact ? [] : [this.inexactNote(read.value.view)];

    const agencies = new Map<string, AgencyLineage>();
    for (const agency of view?.agencies.values() ?? []) {
      agencies.set(agency.name, { name: agency.name, title: agency.title, legalBasis: agency.legalBasis, contact: agency.contact, subgraphs: [] });
    }
    for (const graph of [...fields.graphs].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const subgraph: SubgraphLineage = {
        name: graph.name,
        url: graph.url,
        currentVersion: view?.members.get(graph.name)?.sequence ?? null,
        types: fields.types
          .map((type) => ({
            name: type.name,
            fields: type.fields
              .filter((field) => field.owners.includes(graph.name))
              .map((field) => ({
                coordinate: field.coordinate,
                name: field.name,
                returnType: field.returnType,
                ...SchemaLineage.ownerTags(field, graph.name, memberFields).tags,
              })),
          }))
          .filter((type) => type.fields.length > 0),
      };
      const agency = SchemaLineage.agencyOf(graph.name, view);
      const entry = agencies.get(agency.name) ?? { name: agency.name, title: agency.title, legalBasis: null, contact: null, subgraphs: [] };
      entry.subgraphs.push(subgraph);
      agencies.set(agency.name, entry);
    }
    if (!view && fields.types.some((type) => type.fields.some((field) => field.owners.length > 1))) {
      notes.push('without the registry, a field several subgraphs resolve (a key such as Citizen.nik) shows the supergraph\'s one merged copy of its tags under each of them, though it may belong to only one');
    }
    return {
      registryAvailable: view !== null,
      supergraphSequence: view?.exact ? (view.supergraph?.sequence ?? null) : null,
      composedAt: view?.exact ? (view.supergraph?.composedAt ?? null) : null,
      agencies: [...agencies.values()].sort((a, b) => (a.name < b.name ? -1 : 1)),
      notes,
    };
  }
}
