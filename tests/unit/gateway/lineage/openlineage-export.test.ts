import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OPENLINEAGE_SCHEMA_URLS, openLineageJobEvent, type OpenLineageJobEvent } from '../../../../gateway/lineage/openlineage-export';
import { SchemaLineage } from '../../../../gateway/lineage/schema-lineage';
import { BACKENDS } from '../registry/registry-fixtures';
import { SAMSAT_V3_AT, openLineageRegistry } from './lineage-fixtures';

type Json = Record<string, unknown>;

function isUri(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).protocol.length > 1;
  } catch {
    return false;
  }
}

/**
 * What OpenLineage 2-0-2 asks of a JobEvent and of the facets used here, checked field by field
 * (an independent reading of the spec, not the exporter's own types): the event's required
 * properties, every facet's `_producer` / `_schemaURL`, the column-lineage facet's
 * `fields -> inputFields [{ namespace, name, field, transformations }]`, and that lineage refers
 * to fields the schema facets declare and to input datasets the event lists.
 */
function openLineageProblems(event: Json): string[] {
  const problems: string[] = [];
  const need = (condition: boolean, problem: string) => void (condition || problems.push(problem));
  need(typeof event.eventTime === 'string' && !Number.isNaN(Date.parse(event.eventTime as string)) && /T\d\d:\d\d/.test(event.eventTime as string), 'eventTime is not an ISO date-time');
  need(isUri(event.producer), 'producer is not a URI');
  need(isUri(event.schemaURL) && String(event.schemaURL).endsWith('#/$defs/JobEvent'), 'schemaURL does not point at the JobEvent definition');
  need(!('run' in event) && !('eventType' in event), 'a JobEvent has no run and no eventType');
  const job = event.job as Json | undefined;
  need(typeof job?.namespace === 'string' && typeof job?.name === 'string', 'job needs namespace and name');
  const facetsOf = (owner: string, facets: unknown) => {
    for (const [name, facet] of Object.entries((facets ?? {}) as Record<string, Json>)) {
      need(isUri(facet._producer) && isUri(facet._schemaURL), `${owner} facet ${name} needs _producer and _schemaURL URIs`);
    }
  };
  facetsOf('job', job?.facets);
  const inputs = new Map<string, Set<string>>();
  for (const dataset of (event.inputs ?? []) as Json[]) {
    need(typeof dataset.namespace === 'string' && typeof dataset.name === 'string', 'an input dataset needs namespace and name');
    facetsOf(`input ${String(dataset.name)}`, dataset.facets);
    const schemaFields = (((dataset.facets as Json | undefined)?.schema as Json | undefined)?.fields ?? []) as Json[];
    inputs.set(`${String(dataset.namespace)} ${String(dataset.name)}`, new Set(schemaFields.map((field) => String(field.name))));
  }
  for (const dataset of (event.outputs ?? []) as Json[]) {
    const label = `output ${String(dataset.name)}`;
    need(typeof dataset.namespace === 'string' && typeof dataset.name === 'string', 'an output dataset needs namespace and name');
    const facets = (dataset.facets ?? {}) as Json;
    facetsOf(label, facets);
    const schemaFields = ((facets.schema as Json | undefined)?.fields ?? []) as Json[];
    need(schemaFields.every((field) => typeof field.name === 'string'), `${label}: schema fields need a name`);
    const declared = new Set(schemaFields.map((field) => String(field.name)));
    const lineage = facets.columnLineage as Json | undefined;
    if (lineage) {
      need(typeof lineage.fields === 'object' && lineage.fields !== null, `${label}: columnLineage needs fields`);
      for (const [fieldName, entry] of Object.entries((lineage.fields ?? {}) as Record<string, Json>)) {
        need(declared.has(fieldName), `${label}: lineage of ${fieldName}, which its schema facet does not declare`);
        const inputFields = entry.inputFields as Json[] | undefined;
        need(Array.isArray(inputFields) && inputFields.length > 0, `${label}.${fieldName}: inputFields is required`);
        for (const inputField of inputFields ?? []) {
          need(['namespace', 'name', 'field'].every((key) => typeof inputField[key] === 'string'), `${label}.${fieldName}: an input field needs namespace, name and field`);
          const known = inputs.get(`${String(inputField.namespace)} ${String(inputField.name)}`);
          need(known?.has(String(inputField.field)) === true, `${label}.${fieldName}: ${String(inputField.namespace)} ${String(inputField.name)} ${String(inputField.field)} is not a field of a listed input`);
          for (const transformation of (inputField.transformations ?? []) as Json[]) {
            need(transformation.type === 'DIRECT' || transformation.type === 'INDIRECT', `${label}.${fieldName}: transformation type must be DIRECT or INDIRECT`);
            need(transformation.masking === undefined || typeof transformation.masking === 'boolean', `${label}.${fieldName}: masking must be a boolean`);
          }
        }
      }
    }
    for (const tag of (((facets.tags as Json | undefined)?.tags ?? []) as Json[])) {
      need(typeof tag.key === 'string' && typeof tag.value === 'string', `${label}: a tag needs key and value`);
      need(tag.field === undefined || declared.has(String(tag.field)), `${label}: tag on undeclared field ${String(tag.field)}`);
    }
    for (const owner of (((facets.ownership as Json | undefined)?.owners ?? []) as Json[])) need(typeof owner.name === 'string', `${label}: an owner needs a name`);
  }
  return problems;
}

describe('the OpenLineage export', () => {
  let event: OpenLineageJobEvent;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const opened = await openLineageRegistry(BACKENDS[0]!);
    close = opened.close;
    const supergraphSdl = (await opened.store.currentSupergraph())!.sdl;
    const overview = await new SchemaLineage({ registry: opened.store, supergraphSdl: () => supergraphSdl }).overview();
    event = openLineageJobEvent(overview, { eventTime: overview.composedAt!, namespace: 'mpp-pekanbaru' });
  });

  afterAll(async () => {
    await close?.();
  });

  it('is a JobEvent whose facets have the column-lineage structure', () => {
    expect(openLineageProblems(JSON.parse(JSON.stringify(event)) as Json)).toEqual([]);
    expect(event).toMatchObject({ eventTime: SAMSAT_V3_AT, schemaURL: OPENLINEAGE_SCHEMA_URLS.jobEvent, job: { namespace: 'mpp-pekanbaru', name: 'supergraph' } });
  });

  it("maps each field to the legacy operation's fields it is read from", () => {
    expect(event.inputs.map((input) => [input.namespace, input.name, input.facets.schema.fields.map((field) => field.name)])).toEqual([
      ['legacy://SAMSAT-RIAU', 'EXPORT_KENDARAAN', ['NAMA_PEMILIK', 'NIK_PEMILIK', 'NO_POLISI', 'TGL_JT_PKB', 'TUNGGAKAN_PKB']],
      ['legacy://SIAK', 'CALL_NIK_BATCH', ['NAMA_LGKP', 'NIK']],
      ['legacy://SIMKIM', 'getPasporByNikList', ['kantor', 'nama', 'noPaspor', 'paspor[]']],
    ]);
    expect(event.inputs[0]!.facets.ownership?.owners).toEqual([{ name: 'agency:samsat', type: 'OWNER' }]);
    const vehicle = event.outputs.find((output) => output.name === 'Vehicle')!;
    expect(vehicle.namespace).toBe('graphql://mpp-pekanbaru');
    const taxStatus = vehicle.facets.columnLineage!.fields.taxStatus!.inputFields;
    expect(taxStatus.map((input) => [input.namespace, input.name, input.field])).toEqual([
      ['legacy://SAMSAT-RIAU', 'EXPORT_KENDARAAN', 'TGL_JT_PKB'],
      ['legacy://SAMSAT-RIAU', 'EXPORT_KENDARAAN', 'TUNGGAKAN_PKB'],
    ]);
    expect(taxStatus[0]!.transformations[0]).toMatchObject({ type: 'DIRECT', subtype: 'TRANSFORMATION', masking: false, description: expect.stringMatching(/derived by the samsat subgraph from TGL_JT_PKB and TUNGGAKAN_PKB/) });
    expect(vehicle.facets.tags?.tags).toContainEqual({ key: 'personalData', value: 'FINANCIAL', source: 'SATU_SCHEMA', field: 'taxStatus' });
    expect(vehicle.facets.tags?.tags).toContainEqual({ key: 'identityClaim', value: 'FULL_NAME', source: 'SATU_SCHEMA', field: 'ownerName' });
  });

  it("traces a shared key only to the owner that declares its source, and keeps unsourced fields in the schema only", () => {
    const citizen = event.outputs.find((output) => output.name === 'Citizen')!;
    expect(citizen.facets.columnLineage!.fields.nik!.inputFields.map((input) => `${input.namespace} ${input.field}`)).toEqual(['legacy://SIAK NIK']);
    expect(citizen.facets.schema.fields).toContainEqual({ name: 'ownsVehicleUnderRegisteredName', type: 'Boolean' });
    expect(citizen.facets.columnLineage!.fields).not.toHaveProperty('ownsVehicleUnderRegisteredName');
    expect(citizen.facets.ownership?.owners.map((owner) => owner.name)).toEqual(['agency:dukcapil', 'agency:imigrasi', 'agency:samsat']);
    // Query has no sourced field: no lineage facet, but still a dataset of the graph.
    expect(event.outputs.find((output) => output.name === 'Query')?.facets.columnLineage).toBeUndefined();
  });

  it('has a checker that catches what the spec forbids (so an empty problem list means something)', () => {
    const broken = JSON.parse(JSON.stringify(event)) as OpenLineageJobEvent & Json;
    const vehicle = broken.outputs.find((output) => output.name === 'Vehicle')!;
    vehicle.facets.columnLineage!.fields.taxStatus!.inputFields[0]!.field = 'NO_SUCH_COLUMN';
    delete (vehicle.facets.schema as unknown as Partial<Json>)._producer;
    (broken as Json).run = { runId: 'x' };
    expect(openLineageProblems(broken)).toEqual([
      'a JobEvent has no run and no eventType',
      'output Vehicle facet schema needs _producer and _schemaURL URIs',
      'output Vehicle.taxStatus: legacy://SAMSAT-RIAU EXPORT_KENDARAAN NO_SUCH_COLUMN is not a field of a listed input',
    ]);
  });

  it("exports the committed supergraph's every @source without a registry", async () => {
    const supergraphSdl = readFileSync(path.resolve(__dirname, '../../../../schema/supergraph.graphql'), 'utf8');
    const overview = await new SchemaLineage({ registry: null, supergraphSdl: () => supergraphSdl }).overview();
    const full = openLineageJobEvent(overview, { eventTime: '2026-12-15T00:00:00.000Z' });
    expect(openLineageProblems(JSON.parse(JSON.stringify(full)) as Json)).toEqual([]);
    const sourced = (supergraphSdl.match(/@source\(/g) ?? []).length;
    const traced = full.outputs.reduce((sum, output) => sum + Object.keys(output.facets.columnLineage?.fields ?? {}).length, 0);
    // Every @source in the supergraph is one traced field (the directive definition itself is not a use).
    expect(traced).toBe(sourced - 1);
    // Without the registry every owner of Citizen.nik shows the supergraph's one copy of its source: traced once.
    expect(full.outputs.find((output) => output.name === 'Citizen')?.facets.columnLineage?.fields.nik?.inputFields.map((input) => `${input.namespace} ${input.name} ${input.field}`)).toEqual(['legacy://SIAK CALL_NIK_BATCH NIK']);
    expect(full.outputs.find((output) => output.name === 'Vehicle')?.facets.columnLineage?.fields.plateNumber?.inputFields[0]).toMatchObject({ namespace: 'legacy://SAMSAT-RIAU', name: 'EXPORT_KENDARAAN', field: 'NO_POLISI' });
  });
});
