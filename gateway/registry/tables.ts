/** The registry's tables (kysely types). Times are ISO-8601 strings so both dialects sort them alike. */

export interface AgenciesTable {
  name: string;
  title: string;
  contact: string | null;
  legal_basis: string | null;
  created_at: string;
}

export interface SubgraphsTable {
  name: string;
  agency: string;
  url: string;
  created_at: string;
}

/** One published SDL of one subgraph; `sequence` counts 1, 2, 3... per subgraph, unique with the subgraph. */
export interface SubgraphVersionsTable {
  id: string;
  subgraph: string;
  sequence: number;
  sdl: string;
  hash: string;
  url: string;
  published_at: string;
  publisher: string;
  /** The check result the publish was based on, as JSON. */
  check_results: string;
  /** Set when the publisher overrode failing checks: the reason they gave. */
  override_reason: string | null;
}

/** One composed supergraph; `sequence` is global and unique, so two publishes cannot both become "the next". */
export interface SupergraphsTable {
  id: string;
  sequence: number;
  sdl: string;
  api_sdl: string;
  hash: string;
  composed_at: string;
}

/** Which subgraph version went into which supergraph. */
export interface SupergraphMembersTable {
  supergraph_id: string;
  subgraph: string;
  version_id: string;
}

/** The change list between a version and the one before it. */
export interface SchemaChangesTable {
  version_id: string;
  position: number;
  /** SUBGRAPH (the subgraph's own SDL), API (what clients see) or PRIVACY (@personalData). */
  scope: string;
  criticality: string;
  change_type: string;
  coordinate: string | null;
  message: string;
}

/** Filled by the gateway: which operation read which field coordinate, for which client, how often. */
export interface OperationUsageTable {
  operation_hash: string;
  coordinate: string;
  client: string;
  last_used_at: string;
  count: number;
}

export interface RegistryTables {
  registry_agencies: AgenciesTable;
  registry_subgraphs: SubgraphsTable;
  registry_subgraph_versions: SubgraphVersionsTable;
  registry_supergraphs: SupergraphsTable;
  registry_supergraph_members: SupergraphMembersTable;
  registry_changes: SchemaChangesTable;
  registry_operation_usage: OperationUsageTable;
}
