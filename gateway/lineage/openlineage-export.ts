import { SATU_SPEC_URL } from '../../subgraphs/kit/directives';
import type { FieldSource, LineageOverview } from './lineage.types';

/**
 * The field-to-source map as OpenLineage column lineage, for auditors' lineage tools (Marquez,
 * DataHub, OpenMetadata, ...). One JobEvent (OpenLineage 2-0-2: a job and its datasets, not
 * tied to a run, which fits a declared mapping) whose job is the Satu graph:
 * - inputs: the agencies' legacy operations, one dataset per `@source` system and operation,
 *   with the legacy fields read as its schema;
 * - outputs: the graph's types, one dataset each, whose `columnLineage` facet maps each field to
 *   the legacy fields it is read from, and whose `tags` carry the personal-data class, identity
 *   claim and owning agency per field.
 */

const CORE_SPEC = 'https://openlineage.io/spec/2-0-2/OpenLineage.json';
const FACETS = 'https://openlineage.io/spec/facets';

export const OPENLINEAGE_SCHEMA_URLS = {
  jobEvent: `${CORE_SPEC}#/$defs/JobEvent`,
  columnLineage: `${FACETS}/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet`,
  schema: `${FACETS}/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet`,
  dataSource: `${FACETS}/1-0-1/DatasourceDatasetFacet.json#/$defs/DatasourceDatasetFacet`,
  ownership: `${FACETS}/1-0-1/OwnershipDatasetFacet.json#/$defs/OwnershipDatasetFacet`,
  tags: `${FACETS}/1-0-0/TagsDatasetFacet.json#/$defs/TagsDatasetFacet`,
  documentation: `${FACETS}/1-1-0/DocumentationJobFacet.json#/$defs/DocumentationJobFacet`,
} as const;

/** Who made the metadata (`producer` / `_producer` must be a URI). */
export const SATU_OPENLINEAGE_PRODUCER = `${SATU_SPEC_URL}/lineage`;

/** A tag on one field of a dataset (TagsDatasetFacet). */
type FieldTag = { key: string; value: string; source: string; field: string };

interface Facet {
  _producer: string;
  _schemaURL: string;
}

export interface OpenLineageInputField {
  namespace: string;
  name: string;
  field: string;
  transformations: Array<{ type: 'DIRECT'; subtype: 'TRANSFORMATION'; description: string; masking: boolean }>;
}

export interface OpenLineageDataset {
  namespace: string;
  name: string;
  facets: {
    schema: Facet & { fields: Array<{ name: string; type?: string }> };
    dataSource?: Facet & { name: string; uri: string };
    ownership?: Facet & { owners: Array<{ name: string; type: string }> };
    columnLineage?: Facet & { fields: Record<string, { inputFields: OpenLineageInputField[] }> };
    tags?: Facet & { tags: FieldTag[] };
  };
}

export interface OpenLineageJobEvent {
  eventTime: string;
  producer: string;
  schemaURL: string;
  job: { namespace: string; name: string; facets: { documentation: Facet & { description: string } } };
  inputs: OpenLineageDataset[];
  outputs: OpenLineageDataset[];
}

export interface OpenLineageExportOptions {
  /** The event's time: when the described supergraph was composed, else now. */
  eventTime: string;
  /** Namespace of the job and of the graph's datasets, e.g. the mall's instance. @default "satu" */
  namespace?: string;
}

function facet(schemaURL: string): Facet {
  return { _producer: SATU_OPENLINEAGE_PRODUCER, _schemaURL: schemaURL };
}

/** Legacy systems get a namespace of their own, like a database server would. */
export function legacySystemNamespace(system: string): string {
  return `legacy://${encodeURIComponent(system)}`;
}

/** `@source(field: "TGL_JT_PKB,TUNGGAKAN_PKB")` names two legacy fields: the value is derived from both. */
export function legacyFieldsOf(source: FieldSource): string[] {
  return source.field
    .split(',')
    .map((field) => field.trim())
    .filter(Boolean);
}

interface OutputType {
  fields: Map<string, string>;
  lineage: Map<string, OpenLineageInputField[]>;
  tags: FieldTag[];
  agencies: Set<string>;
}

interface InputOperation {
  system: string;
  operation: string;
  fields: Set<string>;
  agencies: Set<string>;
}

/** Walks the overview once: each legacy operation with the fields read from it, each graph type with its fields, lineage and tags. */
function collect(overview: LineageOverview): { inputs: Map<string, InputOperation>; outputs: Map<string, OutputType> } {
  const inputs = new Map<string, InputOperation>();
  const outputs = new Map<string, OutputType>();

  for (const agency of overview.agencies) {
    for (const subgraph of agency.subgraphs) {
      for (const type of subgraph.types) {
        const output: OutputType = outputs.get(type.name) ?? { fields: new Map(), lineage: new Map(), tags: [], agencies: new Set() };
        outputs.set(type.name, output);
        for (const field of type.fields) {
          output.fields.set(field.name, field.returnType);
          output.agencies.add(agency.name);
          output.tags.push({ key: 'owner', value: `${agency.name}/${subgraph.name}`, source: 'SATU_REGISTRY', field: field.name });
          if (field.personalDataCategory) output.tags.push({ key: 'personalData', value: field.personalDataCategory, source: 'SATU_SCHEMA', field: field.name });
          if (field.identityClaim) output.tags.push({ key: 'identityClaim', value: field.identityClaim, source: 'SATU_SCHEMA', field: field.name });
          const source = field.source;
          if (!source) continue;
          const namespace = legacySystemNamespace(source.system);
          const key = `${source.system}\u0000${source.operation}`;
          const input: InputOperation = inputs.get(key) ?? { system: source.system, operation: source.operation, fields: new Set(), agencies: new Set() };
          inputs.set(key, input);
          input.agencies.add(agency.name);
          const legacyFields = legacyFieldsOf(source);
          const description =
            legacyFields.length > 1
              ? `derived by the ${subgraph.name} subgraph from ${legacyFields.join(' and ')} of ${source.system} ${source.operation}`
              : `read by the ${subgraph.name} subgraph from ${source.system} ${source.operation}, normalized by its adapter (codes, dates, spelling)`;
          const inputFields = output.lineage.get(field.name) ?? [];
          for (const legacyField of legacyFields) {
            input.fields.add(legacyField);
            // A key several subgraphs resolve may carry the same source for each (a static supergraph's merged copy): list it once.
            if (inputFields.some((known) => known.namespace === namespace && known.name === source.operation && known.field === legacyField)) continue;
            inputFields.push({ namespace, name: source.operation, field: legacyField, transformations: [{ type: 'DIRECT', subtype: 'TRANSFORMATION', description, masking: false }] });
          }
          output.lineage.set(field.name, inputFields);
        }
      }
    }
  }
  return { inputs, outputs };
}

/** The overview's field-to-source map as one OpenLineage JobEvent (see the top of this file). */
export function openLineageJobEvent(overview: LineageOverview, options: OpenLineageExportOptions): OpenLineageJobEvent {
  const jobNamespace = options.namespace ?? 'satu';
  const graphNamespace = `graphql://${encodeURIComponent(jobNamespace)}`;
  const { inputs, outputs } = collect(overview);
  const owners = (agencies: ReadonlySet<string>) => ({ ...facet(OPENLINEAGE_SCHEMA_URLS.ownership), owners: [...agencies].sort().map((name) => ({ name: `agency:${name}`, type: 'OWNER' })) });
  return {
    eventTime: options.eventTime,
    producer: SATU_OPENLINEAGE_PRODUCER,
    schemaURL: OPENLINEAGE_SCHEMA_URLS.jobEvent,
    job: {
      namespace: jobNamespace,
      name: 'supergraph',
      facets: {
        documentation: {
          ...facet(OPENLINEAGE_SCHEMA_URLS.documentation),
          description: "Satu's federated citizen graph: each field is read by its owning agency's subgraph from the legacy operation its @source names.",
        },
      },
    },
    inputs: [...inputs.values()]
      .sort((a, b) => (a.system === b.system ? (a.operation < b.operation ? -1 : 1) : a.system < b.system ? -1 : 1))
      .map((input) => ({
        namespace: legacySystemNamespace(input.system),
        name: input.operation,
        facets: {
          schema: { ...facet(OPENLINEAGE_SCHEMA_URLS.schema), fields: [...input.fields].sort().map((name) => ({ name })) },
          dataSource: { ...facet(OPENLINEAGE_SCHEMA_URLS.dataSource), name: input.system, uri: legacySystemNamespace(input.system) },
          ownership: owners(input.agencies),
        },
      })),
    outputs: [...outputs.entries()]
      .filter(([, output]) => output.fields.size > 0)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([typeName, output]) => ({
        namespace: graphNamespace,
        name: typeName,
        facets: {
          schema: { ...facet(OPENLINEAGE_SCHEMA_URLS.schema), fields: [...output.fields].map(([name, type]) => ({ name, type })) },
          ownership: owners(output.agencies),
          ...(output.lineage.size > 0
            ? { columnLineage: { ...facet(OPENLINEAGE_SCHEMA_URLS.columnLineage), fields: Object.fromEntries([...output.lineage].map(([name, inputFields]) => [name, { inputFields }])) } }
            : {}),
          tags: { ...facet(OPENLINEAGE_SCHEMA_URLS.tags), tags: output.tags },
        },
      })),
  };
}
