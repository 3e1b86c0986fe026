import fs from 'node:fs';
import path from 'node:path';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { SamsatExportClient, type SamsatExportClientOptions } from '../../../../subgraphs/samsat/samsat-export.client';
import { makeTempDir, removeTempDir } from '../../../support/temp-dir';
import { waitFor } from '../../../support/wait-for';
import {
  DETAIL_LINES,
  HEADER,
  NIK_WITHOUT_VEHICLE,
  OWNER_ONE_CAR,
  OWNER_TWO_VEHICLES,
  exportText,
} from './samsat-fixtures';

let directory: string;
let file: string;
const clients: SamsatExportClient[] = [];

beforeEach(() => {
  directory = makeTempDir('samsat-client-');
  file = path.join(directory, 'EXPORT_KENDARAAN.csv');
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.stop()));
  removeTempDir(directory);
});

function client(options: Partial<SamsatExportClientOptions> = {}): SamsatExportClient {
  const created = new SamsatExportClient({ path: file, timeoutMs: 500, pollIntervalMs: 100, settleMs: 10, ...options });
  clients.push(created);
  return created;
}

/** Publishes the way SAMSAT's job does: a temporary file, then a rename. */
function publish(text: string | Buffer): void {
  const temporary = path.join(directory, `.tmp-${Math.random()}`);
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}

async function failure(promise: Promise<unknown>): Promise<LegacyError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LegacyError);
  return error as LegacyError;
}

describe('SamsatExportClient: reading an export', () => {
  it('indexes the vehicles by owner NIK and answers a batch in one lookup; no vehicle = absent', async () => {
    publish(exportText());
    const samsat = client();
    expect(await samsat.start()).toBe('loaded');
    const found = await samsat.findVehicles([OWNER_TWO_VEHICLES, OWNER_ONE_CAR, NIK_WITHOUT_VEHICLE]);
    expect(samsat.lookupCount).toBe(1);
    expect(found.has(NIK_WITHOUT_VEHICLE)).toBe(false);
    expect(found.get(OWNER_TWO_VEHICLES)?.map((v) => [v.plateNumber, v.category, v.registrationExpiry, v.taxDueDate, v.annualTax, v.taxArrears])).toEqual([
      ['BM 1234 AJ', 'MOTORCYCLE', '2029-03-14', '2099-03-14', 287_500, 0],
      ['BM 77 TQ', 'CAR', '2026-09-01', '2099-09-01', 3_150_000, 0],
    ]);
    expect(found.get(OWNER_ONE_CAR)?.[0]).toMatchObject({
      plateNumber: 'BM 8801 NA',
      registrationExpiry: '2025-05-02',
      taxDueDate: '2020-05-02',
      taxArrears: 19_040_000,
      ownerName: 'SITI AMINAH',
      ownerAddress: 'JL. TUANKU TAMBUSAI NO. 5 RT 001 RW 002, KEL. SUKA MULIA, KEC. SAIL, PEKANBARU',
    });
    expect(samsat.status()).toMatchObject({ generation: 1, exportedOn: '10/06/2025', vehicles: 3, owners: 2, skippedLines: 0, lastRejection: null });
  });

  it("reads the example export in the samsat README (the format is documented well enough to write by hand)", async () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../../../subgraphs/samsat/README.md'), 'utf8');
    const example = /\*\*Example\*\*[^`]*```\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    publish(example!.replace(/\n/g, '\r\n'));
    const samsat = client();
    expect(await samsat.start()).toBe('loaded');
    expect(samsat.status()).toMatchObject({ vehicles: 3, owners: 2, skippedLines: 0 });
    expect((await samsat.findVehicles([OWNER_ONE_CAR])).get(OWNER_ONE_CAR)?.[0]).toMatchObject({ plateNumber: 'BM 8801 NA', taxArrears: 19_040_000 });
  });

  it('reads LF line ends, a BOM, reordered columns and an extra column', async () => {
    const columns = HEADER.split(';');
    const reorder = (line: string) => {
      const fields = line.split(';');
      return [...fields.slice(1), fields[0], 'X'].join(';');
    };
    const text = '\uFEFF' + [[...columns.slice(1), columns[0], 'KODE_SAMSAT'].join(';'), ...DETAIL_LINES.map(reorder), 'TRAILER;3;10/06/2025'].join('\n') + '\n';
    publish(text);
    const samsat = client();
    expect(await samsat.start()).toBe('loaded');
    expect((await samsat.findVehicles([OWNER_ONE_CAR])).get(OWNER_ONE_CAR)?.[0]?.plateNumber).toBe('BM 8801 NA');
  });

  it('skips a line whose NIK is malformed or whose field count is wrong, and keeps the rest', async () => {
    const lines = [...DETAIL_LINES, DETAIL_LINES[0]!.replace(OWNER_TWO_VEHICLES, '1.47108E+15'), 'BM 1 AA;1471081203850001;TOO;FEW'];
    lines.push(...DETAIL_LINES, ...DETAIL_LINES); // keep the unusable share under the refusal threshold
    publish(exportText(lines));
    const samsat = client();
    expect(await samsat.start()).toBe('loaded');
    expect(samsat.status()).toMatchObject({ skippedLines: 2, vehicles: 9 });
  });

  it('turns an unknown vehicle code or an impossible date into null, never a failure', async () => {
    publish(exportText([DETAIL_LINES[2]!.replace('JEEP', 'BECAK').replace('02-05-2020', '31-02-2020')]));
    const samsat = client();
    await samsat.start();
    expect((await samsat.findVehicles([OWNER_ONE_CAR])).get(OWNER_ONE_CAR)?.[0]).toMatchObject({ category: null, taxDueDate: null, brand: 'DAIHATSU' });
  });
});

describe('SamsatExportClient: files it refuses', () => {
  it.each([
    ['empty', ''],
    ['half-written (cut in a detail line)', exportText().slice(0, 400)],
    ['half-written (cut at a line end, no trailer)', [HEADER, ...DETAIL_LINES].join('\r\n') + '\r\n'],
    ['cut inside the trailer', exportText().slice(0, -6)],
    ['trailer count differs', exportText(DETAIL_LINES, { trailerCount: 4 })],
    ['header lacks a column', exportText().replace(';TUNGGAKAN_PKB', '')],
    ['an HTML error page', '<html><body>502 Bad Gateway</body></html>\r\n'],
    ['binary noise', Buffer.from([0, 255, 34, 10, 13, 59, 34, 200, 10])],
    ['mostly lines without a valid NIK', exportText(DETAIL_LINES.map((line) => line.replace(/;14710\d+;/, ';0;')))],
  ])('never indexes a file that is %s: AGENCY_UNAVAILABLE before any good export', async (_label, content) => {
    publish(content);
    const samsat = client();
    expect(await samsat.start()).toBe('rejected');
    const error = await failure(samsat.findVehicles([OWNER_ONE_CAR]));
    expect([error.code, error.agency]).toEqual(['AGENCY_UNAVAILABLE', 'samsat']);
    expect(samsat.status().lastRejection).toEqual(expect.any(String));
  });

  it('a missing file (or directory) is AGENCY_UNAVAILABLE', async () => {
    file = path.join(directory, 'not-yet', 'EXPORT_KENDARAAN.csv');
    const samsat = client();
    expect(await samsat.start()).toBe('missing');
    expect((await failure(samsat.findVehicles([OWNER_ONE_CAR]))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('a file that cannot be read is AGENCY_UNAVAILABLE', async () => {
    fs.mkdirSync(file); // a directory where the export should be: EISDIR
    const samsat = client();
    expect(await samsat.start()).toBe('rejected');
    expect((await failure(samsat.findVehicles([OWNER_ONE_CAR]))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('a lookup waits for the first index no longer than the timeout: AGENCY_TIMEOUT', async () => {
    const samsat = client({ timeoutMs: 100, readExport: () => new Promise(() => undefined) });
    void samsat.start();
    const started = Date.now();
    const error = await failure(samsat.findVehicles([OWNER_ONE_CAR]));
    expect(error.code).toBe('AGENCY_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a lookup that arrives while the first index is being built gets it', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const samsat = client({
      readExport: async () => {
        await gate;
        return { signature: 'one', bytes: Buffer.from(exportText()) };
      },
    });
    void samsat.start();
    const pending = samsat.findVehicles([OWNER_ONE_CAR]);
    release();
    expect((await pending).get(OWNER_ONE_CAR)).toHaveLength(1);
  });
});

describe('SamsatExportClient: reloading', () => {
  it('swaps in a new export when the file is replaced (watching the directory)', async () => {
    publish(exportText());
    const samsat = client({ pollIntervalMs: 60_000 }); // fs.watch alone
    await samsat.start();
    publish(exportText([DETAIL_LINES[2]!]));
    await waitFor(() => samsat.status().generation === 2);
    const found = await samsat.findVehicles([OWNER_TWO_VEHICLES, OWNER_ONE_CAR]);
    expect([found.has(OWNER_TWO_VEHICLES), found.get(OWNER_ONE_CAR)?.length]).toEqual([false, 1]);
  });

  it('picks up the first export when it appears later, even in a directory created later (polling)', async () => {
    file = path.join(directory, 'later', 'EXPORT_KENDARAAN.csv');
    const samsat = client({ pollIntervalMs: 50 });
    expect(await samsat.start()).toBe('missing');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, exportText());
    await waitFor(() => samsat.status().generation === 1);
    expect((await samsat.findVehicles([OWNER_ONE_CAR])).get(OWNER_ONE_CAR)).toHaveLength(1);
  });

  it('keeps serving the last good export through a half-written file, garbage and removal, then takes the next good one', async () => {
    publish(exportText());
    const samsat = client();
    await samsat.start();
    const before = await samsat.findVehicles([OWNER_TWO_VEHICLES]);

    for (const bad of [exportText().slice(0, 300), 'garbage\r\n']) {
      const generation = samsat.status().generation;
      fs.writeFileSync(file, bad); // written in place, as a crashed non-atomic job would
      await waitFor(() => samsat.status().lastRejection !== null);
      expect(await samsat.findVehicles([OWNER_TWO_VEHICLES])).toEqual(before);
      expect(samsat.status().generation).toBe(generation);
      publish(exportText());
      await waitFor(() => samsat.status().lastRejection === null);
    }
    fs.rmSync(file);
    await waitFor(() => samsat.status().lastRejection === 'the export file is missing');
    expect(await samsat.findVehicles([OWNER_TWO_VEHICLES])).toEqual(before);

    publish(exportText([DETAIL_LINES[0]!]));
    await waitFor(() => samsat.status().vehicles === 1);
    expect((await samsat.findVehicles([OWNER_TWO_VEHICLES])).get(OWNER_TWO_VEHICLES)).toHaveLength(1);
  });

  it('reads a file once per change and never overlaps reloads', async () => {
    let reads = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const samsat = client({
      readExport: async () => {
        reads += 1;
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight -= 1;
        return { signature: 'same', bytes: Buffer.from(exportText()) };
      },
    });
    await samsat.start();
    const outcomes = await Promise.all([samsat.reload(), samsat.reload(), samsat.reload()]);
    expect(maxInFlight).toBe(1);
    expect(outcomes.every((outcome) => outcome === 'unchanged')).toBe(true);
    expect(reads).toBeLessThanOrEqual(3);
    expect(samsat.status().generation).toBe(1);
  });
});
