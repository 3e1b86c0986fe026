import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LINEAGE_EXIT, runLineage } from '../../../../gateway/cli/commands/lineage.command';
import { runSatu, type CliIo } from '../../../../gateway/cli/satu';
import { openRegistry, type RegistryStore } from '../../../../gateway/registry/registry.store';
import { BACKENDS } from '../registry/registry-fixtures';
import { OVERRIDE_REASON, SAMSAT_V3_AT, publishLineageHistory, openLineageRegistry } from './lineage-fixtures';

function captureIo(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
  return io;
}

describe('satu lineage', () => {
  let store: RegistryStore;
  let close: () => Promise<void>;
  let dir: string;

  beforeAll(async () => {
    ({ store, close } = await openLineageRegistry(BACKENDS[0]!));
    dir = mkdtempSync(path.join(os.tmpdir(), 'satu-lineage-cli-'));
  });

  afterAll(async () => {
    await close?.();
    rmSync(dir, { recursive: true, force: true });
  });

  async function lineage(args: Parameters<typeof runLineage>[0]): Promise<{ code: number; out: string; err: string }> {
    const io = captureIo();
    const code = await runLineage(args, io, { registry: store });
    return { code, out: io.out, err: io.err };
  }

  it("prints a field's owners, source, classification, introduction and changes for a person", async () => {
    const { code, out, err } = await lineage({ coordinate: 'Citizen.vehicles' });
    expect([code, err]).toEqual([0, '']);
    expect(out).toContain(
      [
        'Citizen.vehicles: [Vehicle!]',
        '',
        'Owners (1):',
        '  samsat (agency samsat: SAMSAT Riau)',
        '    source          SAMSAT-RIAU / EXPORT_KENDARAAN / NIK_PEMILIK',
        '    classification  VEHICLE (personal data)',
        '    identity claim  -',
        '',
        'Introduced in: samsat version 1, 2026-12-01T00:00:00.000Z by satu-seed (the catalogue in code)',
        '',
        'Changes (4, oldest first):',
        '  - samsat v2  2026-12-02T08:00:00.000Z  Budi (samsat)',
        '      SUBGRAPH DANGEROUS FIELD_ARGUMENT_ADDED  Citizen.vehicles.active [argument or directive]',
        "      Argument 'active: Boolean' added to field 'Citizen.vehicles'",
        `      published despite failing checks; override reason: ${JSON.stringify(OVERRIDE_REASON)}`,
      ].join('\n'),
    );
    expect(out).toContain(`  - samsat v3  ${SAMSAT_V3_AT}  Budi (samsat)\n      API      SAFE      TYPE_DESCRIPTION_ADDED  Vehicle [return type]`);
  });

  it('prints the same answer as JSON', async () => {
    const { code, out } = await lineage({ coordinate: 'Vehicle.ownerName', json: true });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      coordinate: 'Vehicle.ownerName',
      owners: [{ subgraph: 'samsat', source: { system: 'SAMSAT-RIAU', operation: 'EXPORT_KENDARAAN', field: 'NAMA_PEMILIK' }, personalDataCategory: 'IDENTITY', identityClaim: 'FULL_NAME' }],
      introducedIn: { subgraph: 'samsat', sequence: 1 },
      notes: [],
    });
  });

  it("prints a subgraph's history as text and as JSON", async () => {
    const text = await lineage({ subgraph: 'samsat' });
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^samsat: 3 published versions, oldest first\n\nVersion 1 {2}2026-12-01T00:00:00\.000Z {2}by satu-seed \(the catalogue in code\)\n {2}url http:\/\/127\.0\.0\.1:4103\/graphql {2}sha256 [0-9a-f]{12}\n {2}Changes: none recorded/);
    expect(text.out).toContain(`Version 2  2026-12-02T08:00:00.000Z  by Budi (samsat)\n  url http://127.0.0.1:4103/graphql  sha256 `);
    expect(text.out).toContain(`  published despite failing checks; override reason: ${JSON.stringify(OVERRIDE_REASON)}\n  Changes (11):\n    - SUBGRAPH DANGEROUS FIELD_ARGUMENT_ADDED  Citizen.vehicles.active`);
    const json = JSON.parse((await lineage({ subgraph: 'imigrasi', json: true })).out);
    expect(json).toMatchObject({ subgraph: 'imigrasi', registryAvailable: true, notes: [], versions: [{ sequence: 1 }, { sequence: 2, publisher: 'Rina (imigrasi)' }] });
  });

  it('writes the OpenLineage export and says what it holds', async () => {
    const file = path.join(dir, 'satu-lineage.json');
    const { code, out } = await lineage({ openlineage: file });
    expect(code).toBe(0);
    // Sourced fields: dukcapil's nik and fullName; samsat's vehicles, plateNumber, ownerName, taxStatus; imigrasi's passports, number, holderName, office.
    expect(out).toBe(`wrote an OpenLineage JobEvent to ${file}: 10 fields traced to 3 legacy operations, over 4 graph types\n`);
    const event = JSON.parse(readFileSync(file, 'utf8'));
    expect(event).toMatchObject({ eventTime: SAMSAT_V3_AT, job: { namespace: 'satu', name: 'supergraph' }, schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent' });
    const summary = JSON.parse((await lineage({ openlineage: file, json: true })).out);
    expect(summary).toEqual({ file, inputs: 3, outputs: 4, fieldsWithLineage: 10, registryAvailable: true });
  });

  it.each([
    ['an unknown coordinate, with close matches', { coordinate: 'Citizen.vehicle' }, /^satu lineage: the graph has no field Citizen\.vehicle; did you mean Citizen\.vehicles\?\n$/],
    ['a type instead of a field', { coordinate: 'Vehicle' }, /Vehicle is a type, not a field/],
    ['an argument coordinate', { coordinate: 'Citizen.vehicles.active' }, /names an argument; lineage is kept per field: ask for Citizen\.vehicles/],
    ['a malformed coordinate', { coordinate: 'Citizen/vehicles' }, /"Citizen\/vehicles" is not a field coordinate/],
    ['an unknown subgraph', { subgraph: 'samsad' }, /no subgraph "samsad"; did you mean samsat\? known subgraphs: dukcapil, imigrasi, samsat/],
    ['nothing asked', {}, /give one of: a field coordinate \(satu lineage Citizen\.vehicles\), --subgraph NAME, or --openlineage FILE/],
    ['two things asked', { coordinate: 'Citizen.vehicles', subgraph: 'samsat' }, /ask one thing at a time/],
    ['an empty --openlineage', { openlineage: ' ' }, /--openlineage needs a file name/],
    ['an unwritable export file', { openlineage: '/nonexistent-dir/x.json' }, /cannot write \/nonexistent-dir\/x\.json: ENOENT/],
  ])('exits 2 on %s', async (_name, args, message) => {
    const { code, out, err } = await lineage(args);
    expect(code).toBe(LINEAGE_EXIT.badInput);
    expect(err).toMatch(message);
    expect(out).toBe('');
  });
});

describe('satu lineage from the command line', () => {
  let dir: string;
  const previous = process.env.SATU_DATABASE_URL;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'satu-lineage-argv-'));
    const location = path.join(dir, 'registry.sqlite');
    const store = await openRegistry(location);
    await publishLineageHistory(store);
    await store.close();
    process.env.SATU_DATABASE_URL = location;
  });

  afterAll(() => {
    if (previous === undefined) delete process.env.SATU_DATABASE_URL;
    else process.env.SATU_DATABASE_URL = previous;
    rmSync(dir, { recursive: true, force: true });
  });

  it('parses the coordinate argument and the options, opening the registry SATU_DATABASE_URL names', async () => {
    const io = captureIo();
    expect(await runSatu(['lineage', 'Passport.office', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ coordinate: 'Passport.office', introducedIn: { subgraph: 'imigrasi', sequence: 2 } });
    const history = captureIo();
    expect(await runSatu(['lineage', '--subgraph', 'imigrasi'], history)).toBe(0);
    expect(history.out).toMatch(/^imigrasi: 2 published versions/);
    const bad = captureIo();
    expect(await runSatu(['lineage', 'Passport.ofice'], bad)).toBe(2);
    expect(bad.err).toMatch(/did you mean Passport\.office\?/);
    const unknownOption = captureIo();
    expect(await runSatu(['lineage', '--subgrah', 'imigrasi'], unknownOption)).toBe(2);
    expect(unknownOption.err).toMatch(/unknown option '--subgrah'/);
  });
});
