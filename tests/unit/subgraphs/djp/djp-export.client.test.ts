import fs from 'node:fs';
import path from 'node:path';
import { DjpExportClient, type DjpExportClientOptions } from '../../../../subgraphs/djp/djp-export.client';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { makeTempDir, removeTempDir } from '../../../support/temp-dir';
import { waitFor } from '../../../support/wait-for';
import {
  ACTIVE_OLD_NPWP,
  DETAILS,
  DETAIL_LINES,
  DOUBLE_NPWP,
  NIK_ONLY,
  NON_EFFECTIVE,
  NOT_A_TAXPAYER,
  detailLine,
  exportBytes,
  exportText,
  headerLine,
  trailerLine,
} from './djp-fixtures';

let directory: string;
let file: string;
const clients: DjpExportClient[] = [];

beforeEach(() => {
  directory = makeTempDir('djp-client-');
  file = path.join(directory, 'EXPORT_WP_OP.TXT');
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.stop()));
  removeTempDir(directory);
});

function client(options: Partial<DjpExportClientOptions> = {}): DjpExportClient {
  const created = new DjpExportClient({ path: file, timeoutMs: 500, pollIntervalMs: 100, settleMs: 10, ...options });
  clients.push(created);
  return created;
}

/** Publishes the way DJP's job does: a temporary file, then a rename. */
function publish(content: string | Buffer): void {
  const temporary = path.join(directory, `.tmp-${Math.random()}`);
  fs.writeFileSync(temporary, typeof content === 'string' ? exportBytes(content) : content);
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

describe('DjpExportClient: reading an export', () => {
  it('indexes tax profiles by NIK and answers a batch in one lookup; no record = NOT_REGISTERED as of the export', async () => {
    publish(exportText());
    const djp = client();
    expect(await djp.start()).toBe('loaded');
    const found = await djp.findTaxProfiles([ACTIVE_OLD_NPWP, NIK_ONLY, NON_EFFECTIVE, NOT_A_TAXPAYER]);
    expect(djp.lookupCount).toBe(1);
    expect(found.get(ACTIVE_OLD_NPWP)).toMatchObject({ status: 'ACTIVE', npwp15: '09.254.294.3-211.000', nikAsNpwp: true, asOf: '2025-06-10' });
    expect(found.get(NIK_ONLY)).toMatchObject({ status: 'ACTIVE', npwp15: null, nikAsNpwp: true, taxpayerName: 'Nayla Azzahra' });
    expect(found.get(NON_EFFECTIVE)).toMatchObject({ status: 'NON_EFFECTIVE', registeredOn: null, lastAnnualReturn: { year: 2021, status: 'FILED', filedOn: '2022-03-30' } });
    expect(found.get(NOT_A_TAXPAYER)).toMatchObject({ status: 'NOT_REGISTERED', nikAsNpwp: false, taxpayerName: null, asOf: '2025-06-10' });
    expect(djp.status()).toEqual({ generation: 1, exportedOn: '2025-06-10', records: 5, taxpayers: 4, skippedRecords: 0, lastRejection: null, rejections: 0 });
  });

  it('answers one profile for a NIK with two records (NPWP ganda): the active one', async () => {
    publish(exportText());
    const djp = client();
    await djp.start();
    expect((await djp.findTaxProfiles([DOUBLE_NPWP])).get(DOUBLE_NPWP)).toMatchObject({
      status: 'ACTIVE',
      npwp15: '08.111.222.7-216.000',
      taxOffice: { code: '216', name: 'KPP PRATAMA PEKANBARU SENAPELAN' },
    });
  });

  it('reads the example export in the djp README (the format is documented well enough to write by hand)', async () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../../../subgraphs/djp/README.md'), 'utf8');
    const example = /\*\*Example\*\*[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    // The README shows records without their trailing spaces: pad them as it says.
    const lines = example!.trimEnd().split('\n').map((line) => line.padEnd(320));
    publish(lines.join('\r\n') + '\r\n');
    const djp = client();
    expect(await djp.start()).toBe('loaded');
    expect(djp.status()).toMatchObject({ records: 5, taxpayers: 4, skippedRecords: 0 });
    expect((await djp.findTaxProfiles([DOUBLE_NPWP])).get(DOUBLE_NPWP)?.npwp15).toBe('08.111.222.7-216.000');
  });

  it('reads LF line ends and ISO-8859-1 text (one byte per column)', async () => {
    publish(exportText([detailLine({ ...DETAILS.activeOld, name: 'ANDRÉ SIREGAR' })], { eol: '\n' }));
    const djp = client();
    expect(await djp.start()).toBe('loaded');
    expect((await djp.findTaxProfiles([ACTIVE_OLD_NPWP])).get(ACTIVE_OLD_NPWP)?.taxpayerName).toBe('ANDRÉ SIREGAR');
  });

  it('skips a record of the wrong length (a UTF-8 character written by hand shifts it), of an unknown type, or with a bad NIK; keeps the rest', async () => {
    const utf8Line = Buffer.from(detailLine({ ...DETAILS.nikOnly, name: 'ANDRÉ' }), 'utf8').toString('latin1'); // 321 bytes
    const lines = [
      ...DETAIL_LINES,
      DETAIL_LINES[0]!.slice(0, 200), // cut short
      `${DETAIL_LINES[1]!}X`, // one too long
      `X${DETAIL_LINES[2]!.slice(1)}`, // unknown record type
      DETAIL_LINES[4]!.replace(NON_EFFECTIVE, '1.47108E+15     '), // spreadsheet-mangled NIK
      utf8Line,
    ];
    const text = exportText(lines);
    const djp = client();
    publish(Buffer.from(text, 'latin1'));
    expect(await djp.start()).toBe('loaded');
    expect(djp.status()).toMatchObject({ records: 5, skippedRecords: 5 });
    expect((await djp.findTaxProfiles([NON_EFFECTIVE])).get(NON_EFFECTIVE)?.status).toBe('NON_EFFECTIVE');
  });

  it('turns an unknown code or an impossible date into null, never a failure', async () => {
    publish(exportText([detailLine({ ...DETAILS.activeOld, status: 'Z', birthDate: '31022001', filedOn: '32032025' })]));
    const djp = client();
    await djp.start();
    expect((await djp.findTaxProfiles([ACTIVE_OLD_NPWP])).get(ACTIVE_OLD_NPWP)).toMatchObject({
      status: null,
      taxpayerBirthDate: null,
      lastAnnualReturn: { year: 2024, status: 'FILED', filedOn: null },
      taxpayerName: 'H. AHMAD FAUZI, S.E.',
    });
  });

  it('serves an empty export (header and trailer only): everyone NOT_REGISTERED', async () => {
    publish(exportText([]));
    const djp = client();
    expect(await djp.start()).toBe('loaded');
    expect((await djp.findTaxProfiles([ACTIVE_OLD_NPWP])).get(ACTIVE_OLD_NPWP)?.status).toBe('NOT_REGISTERED');
  });
});

describe('DjpExportClient: files it refuses', () => {
  const full = exportText();
  it.each([
    ['empty', ''],
    ['half-written (cut inside a record)', full.slice(0, 900)],
    ['half-written (cut at a record end, no trailer)', [headerLine(), ...DETAIL_LINES].join('\r\n') + '\r\n'],
    ['cut inside the trailer', full.slice(0, -40)],
    ['without its final line end', full.slice(0, -2)],
    ['trailer count differs', exportText(DETAIL_LINES, { trailerCount: 4 })],
    ['a trailer without a number', full.replace(trailerLine(5), `T${'ABC'.padEnd(319)}`)],
    ['another layout version', full.replace(headerLine(), headerLine('10062025', '03'))],
    ['another file id', full.replace('EXPORT_WP_OP', 'EXPORT_WP_BD')],
    ['a header without a real date', exportText(DETAIL_LINES, { exportDate: '31022025' })],
    ['an HTML error page', '<html><body>503 Service Unavailable</body></html>\r\n'],
    ['binary noise', Buffer.from([0, 255, 34, 10, 13, 59, 34, 200, 10])],
    ['a CSV export', 'NIK;NPWP;NAMA\r\n1471081203850001;092542943211000;AHMAD\r\n'],
    ['mostly records without a valid NIK', exportText(DETAIL_LINES.map((line) => `D${'0'.repeat(16)}${line.slice(17)}`))],
  ])('never indexes a file that is %s: AGENCY_UNAVAILABLE before any good export', async (_label, content) => {
    publish(content);
    const djp = client();
    expect(await djp.start()).toBe('rejected');
    const error = await failure(djp.findTaxProfiles([ACTIVE_OLD_NPWP]));
    expect([error.code, error.agency]).toEqual(['AGENCY_UNAVAILABLE', 'djp']);
    expect(djp.status().lastRejection).toEqual(expect.any(String));
  });

  it('a missing file (or directory) before any good export is AGENCY_UNAVAILABLE', async () => {
    file = path.join(directory, 'not-yet', 'EXPORT_WP_OP.TXT');
    const djp = client();
    expect(await djp.start()).toBe('missing');
    const error = await failure(djp.findTaxProfiles([ACTIVE_OLD_NPWP]));
    expect([error.code, error.agency]).toEqual(['AGENCY_UNAVAILABLE', 'djp']);
    expect(djp.status().lastRejection).toBe('the export file is missing');
  });

  it('a file that cannot be read is AGENCY_UNAVAILABLE', async () => {
    fs.mkdirSync(file); // a directory where the export should be: EISDIR
    const djp = client();
    expect(await djp.start()).toBe('rejected');
    expect((await failure(djp.findTaxProfiles([ACTIVE_OLD_NPWP]))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('a lookup waits for the first index no longer than the timeout: AGENCY_TIMEOUT', async () => {
    const djp = client({ timeoutMs: 100, readExport: () => new Promise(() => undefined) });
    void djp.start();
    const started = Date.now();
    const error = await failure(djp.findTaxProfiles([ACTIVE_OLD_NPWP]));
    expect([error.code, error.agency]).toEqual(['AGENCY_TIMEOUT', 'djp']);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a lookup that arrives while the first index is being built gets it', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const djp = client({
      readExport: async () => {
        await gate;
        return { signature: 'one', bytes: exportBytes(exportText()) };
      },
    });
    void djp.start();
    const pending = djp.findTaxProfiles([ACTIVE_OLD_NPWP]);
    release();
    expect((await pending).get(ACTIVE_OLD_NPWP)?.status).toBe('ACTIVE');
  });
});

describe('DjpExportClient: reloading', () => {
  it('swaps in a new export when the file is replaced (watching the directory)', async () => {
    publish(exportText());
    const djp = client({ pollIntervalMs: 60_000 }); // fs.watch alone
    await djp.start();
    publish(exportText([detailLine({ ...DETAILS.nikOnly, status: 'N' })], { exportDate: '11062025' }));
    await waitFor(() => djp.status().generation === 2);
    const found = await djp.findTaxProfiles([ACTIVE_OLD_NPWP, NIK_ONLY]);
    expect([found.get(ACTIVE_OLD_NPWP)?.status, found.get(NIK_ONLY)?.status, found.get(NIK_ONLY)?.asOf]).toEqual(['NOT_REGISTERED', 'NON_EFFECTIVE', '2025-06-11']);
  });

  it('picks up the first export when it appears later, even in a directory created later (polling)', async () => {
    file = path.join(directory, 'later', 'EXPORT_WP_OP.TXT');
    const djp = client({ pollIntervalMs: 50 });
    expect(await djp.start()).toBe('missing');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, exportBytes(exportText()));
    await waitFor(() => djp.status().generation === 1);
    expect((await djp.findTaxProfiles([NIK_ONLY])).get(NIK_ONLY)?.status).toBe('ACTIVE');
  });

  it('keeps serving the last good export through a half-written file, garbage and removal, then takes the next good one', async () => {
    publish(exportText());
    const djp = client();
    await djp.start();
    const before = await djp.findTaxProfiles([ACTIVE_OLD_NPWP, DOUBLE_NPWP]);

    for (const bad of [exportText().slice(0, 1000), 'garbage\r\n']) {
      const generation = djp.status().generation;
      fs.writeFileSync(file, bad); // written in place, as a crashed non-atomic job would
      await waitFor(() => djp.status().lastRejection !== null);
      expect(await djp.findTaxProfiles([ACTIVE_OLD_NPWP, DOUBLE_NPWP])).toEqual(before);
      expect(djp.status().generation).toBe(generation);
      publish(exportText());
      await waitFor(() => djp.status().lastRejection === null);
    }
    fs.rmSync(file);
    await waitFor(() => djp.status().lastRejection === 'the export file is missing');
    expect(await djp.findTaxProfiles([ACTIVE_OLD_NPWP, DOUBLE_NPWP])).toEqual(before);

    publish(exportText([DETAIL_LINES[0]!]));
    await waitFor(() => djp.status().records === 1);
    expect((await djp.findTaxProfiles([DOUBLE_NPWP])).get(DOUBLE_NPWP)?.status).toBe('NOT_REGISTERED');
  });

  it('reads a file once per change and never overlaps reloads', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const djp = client({
      readExport: async () => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight -= 1;
        return { signature: 'same', bytes: exportBytes(exportText()) };
      },
    });
    await djp.start();
    const outcomes = await Promise.all([djp.reload(), djp.reload(), djp.reload()]);
    expect(maxInFlight).toBe(1);
    expect(outcomes.every((outcome) => outcome === 'unchanged')).toBe(true);
    expect(djp.status().generation).toBe(1);
  });
});
