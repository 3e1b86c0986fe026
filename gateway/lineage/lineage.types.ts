import type { ChangeScope, Criticality } from '../registry/registry.store';

/**
 * What schema lineage answers (issue 5, item 5), shaped like the `lineage` subgraph's types so
 * the GraphQL resolvers, the CLI's JSON and the lineage page read the same objects.
 */

/** `@source(system, operation, field)`: where a field's value comes from in the agency's legacy system. */
export interface FieldSource {
  system: string;
  operation: string;
  /** The legacy field; several, comma-separated, when the value is derived from more than one. */
  field: string;
}

/** The tags one subgraph puts on its own definition of a field. */
export interface FieldTags {
  source: FieldSource | null;
  personalDataCategory: string | null;
  identityClaim: string | null;
}

/** A published version, as lineage cites it. */
export interface SchemaVersionRef {
  subgraph: string;
  sequence: number;
  publishedAt: string;
  publisher: string;
  overrideReason: string | null;
}

/**
 * How a recorded change relates to the field asked about: the field itself, an argument or a
 * directive usage under it (`Type.field.arg`, `Type.field.@personalData`), the type that holds
 * the field, or the type the field returns.
 */
export type FieldChangeRelation = 'FIELD' | 'ARGUMENT_OR_DIRECTIVE' | 'PARENT_TYPE' | 'RETURN_TYPE';

export interface FieldChange {
  version: SchemaVersionRef;
  /** The coordinate the registry recorded the change at; null for a change recorded without one. */
  coordinate: string | null;
  /** Set in a field's lineage; null in a subgraph's history, where no field was asked about. */
  relation: FieldChangeRelation | null;
  scope: ChangeScope;
  criticality: Criticality;
  changeType: string;
  message: string;
}

export interface FieldOwner extends FieldTags {
  subgraph: string;
  agency: string;
  agencyTitle: string;
}

export interface FieldLineage {
  coordinate: string;
  returnType: string;
  owners: FieldOwner[];
  /** The earliest version, among the owners' histories, whose SDL resolves the field; null without the registry. */
  introducedIn: SchemaVersionRef | null;
  changes: FieldChange[];
  /** Caveats an auditor should read with the answer (no registry; tags taken from the supergraph). */
  notes: string[];
}

export interface SchemaVersion {
  subgraph: string;
  sequence: number;
  hash: string;
  url: string;
  publishedAt: string;
  publisher: string;
  overrideReason: string | null;
  changes: FieldChange[];
}

export interface FieldSummary extends FieldTags {
  coordinate: string;
  name: string;
  returnType: string;
}

export interface TypeLineage {
  name: string;
  fields: FieldSummary[];
}

export interface SubgraphLineage {
  name: string;
  url: string;
  /** The version of this subgraph in the supergraph being described; null without the registry. */
  currentVersion: number | null;
  types: TypeLineage[];
}

export interface AgencyLineage {
  name: string;
  title: string;
  legalBasis: string | null;
  contact: string | null;
  subgraphs: SubgraphLineage[];
}

export interface LineageOverview {
  registryAvailable: boolean;
  /** The registry's number for the supergraph described; null when it is not in the registry. */
  supergraphSequence: number | null;
  composedAt: string | null;
  agencies: AgencyLineage[];
  notes: string[];
}
