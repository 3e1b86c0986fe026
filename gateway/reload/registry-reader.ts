import type { RegistryStore } from '../registry/registry.store';

/** The registry's current supergraph, as cheaply as it can be read: what polling compares. */
export interface SupergraphHead {
  id: string;
  sequence: number;
  hash: string;
}

/** A supergraph and the published version of each member subgraph (what verification needs). */
export interface RegistryCandidate extends SupergraphHead {
  sdl: string;
  members: ReadonlyArray<{ subgraph: string; versionSequence: number; url: string; sdl: string }>;
}

/** What following the registry reads; the store satisfies it through `registryReaderOf`. */
export interface RegistryReader {
  /** The current supergraph's id, sequence and hash; null when the registry holds none. */
  head(): Promise<SupergraphHead | null>;
  load(head: SupergraphHead): Promise<RegistryCandidate>;
}

/**
 * Reads the registry through the store's kysely handle. Polling reads only the head row each
 * interval (id, sequence, hash); the SDLs are read once per new supergraph.
 */
export function registryReaderOf(store: RegistryStore): RegistryReader {
  return {
    async head() {
      const row = await store.db.selectFrom('registry_supergraphs').select(['id', 'sequence', 'hash']).orderBy('sequence', 'desc').limit(1).executeTakeFirst();
      return row ? { id: row.id, sequence: Number(row.sequence), hash: row.hash } : null;
    },
    async load(head) {
      const supergraph = await store.db.selectFrom('registry_supergraphs').select(['sdl']).where('id', '=', head.id).executeTakeFirst();
      if (!supergraph) throw new Error(`supergraph ${head.sequence} (${head.id}) vanished from the registry while being read`);
      const members = await store.db
        .selectFrom('registry_supergraph_members as member')
        .innerJoin('registry_subgraph_versions as version', 'version.id', 'member.version_id')
        .select(['member.subgraph as subgraph', 'version.sequence as sequence', 'version.url as url', 'version.sdl as sdl'])
        .where('member.supergraph_id', '=', head.id)
        .orderBy('member.subgraph')
        .execute();
      return { ...head, sdl: supergraph.sdl, members: members.map((member) => ({ subgraph: member.subgraph, versionSequence: Number(member.sequence), url: member.url, sdl: member.sdl })) };
    },
  };
}

/**
 * A reader that opens the registry on first use and again after a failed open, so a gateway that
 * started while the registry database was down (PostgreSQL not up yet) follows it once it is.
 */
export function reconnectingRegistryReader(open: () => Promise<RegistryStore>): RegistryReader & { store(): RegistryStore | undefined; close(): Promise<void> } {
  let store: RegistryStore | undefined;
  let opening: Promise<RegistryStore> | undefined;
  const connected = async (): Promise<RegistryReader> => {
    if (!store) {
      opening ??= open().finally(() => (opening = undefined));
      store = await opening;
    }
    return registryReaderOf(store);
  };
  return {
    head: async () => (await connected()).head(),
    load: async (head) => (await connected()).load(head),
    store: () => store,
    close: async () => {
      await store?.close();
      store = undefined;
    },
  };
}
