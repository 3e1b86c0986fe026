import fs from 'node:fs';
import path from 'node:path';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { KuaExportClient, type KuaExportClientOptions } from '../../../../subgraphs/kua/kua-export.client';
import { makeTempDir, removeTempDir } from '../../../support/temp-dir';
import { waitFor } from '../../../support/wait-for';
import {
  DETAIL_LINES,
  HEADER,
  HUSBAND_NEW,
  HUSBAND_TWICE,
  NIK_WITHOUT_MARRIAGE,
  WIFE_NEW,
  WIFE_OLD,
  exportText,
} from './kua-fixtures';

let directory: string;
let file: string;
const clients: KuaExportClient[] = [];

beforeEach(() => {
  directory = makeTempDir('kua-client-');
  file = path.join(directory, 'SIMKAH_EKSPOR_NIKAH.csv');
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.stop()));
  removeTempDir(directory);
});

function client(options: Partial<KuaExportClientOptions> = {}): KuaExportClient {
  const created = new KuaExportClient({ path: file, timeoutMs: 500, pollIntervalMs: 100, settleMs: 10, ...options });
  clients.push(created);
  return created;
}

/** Publishes the way SIMKAH's job does: a temporary file, then a rename. */
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

describe('KuaExportClient: reading an export', () => {
  it('indexes every marriage under both spouses and answers a batch in one lookup; no marriage = absent', async () => {
    publish(exportText());
    const kua = client();
    expect(await kua.start()).toBe('loaded');
    const found = await kua.findMarriages([HUSBAND_NEW, WIFE_NEW, HUSBAND_TWICE, WIFE_OLD, NIK_WITHOUT_MARRIAGE]);
    expect(kua.lookupCount).toBe(1);
    expect(found.has(NIK_WITHOUT_MARRIAGE)).toBe(false);

    expect(found.get(HUSBAND_NEW)).toEqual([
      {
        holderNik: HUSBAND_NEW,
        role: 'HUSBAND',
        certificateNumber: '1471081032023007',
        certificateFormat: 'NEW_16_DIGIT',
        kuaCode: '1471081',
        kuaOffice: 'KUA KECAMATAN BINAWIDYA',
        marriedOn: '2023-03-12',
        venue: 'KUA_OFFICE',
        place: 'BALAI NIKAH KUA KEC. BINAWIDYA',
        status: 'REGISTERED',
        holderName: 'AHMAD FAUZI',
        holderBirthDate: '1985-03-12',
        spouseNik: WIFE_NEW,
        spouseName: 'Siti  Aminah',
      },
    ]);
    // The same line seen from the wife's side.
    expect(found.get(WIFE_NEW)?.map((m) => [m.role, m.holderName, m.holderBirthDate, m.spouseNik, m.spouseName, m.certificateNumber])).toEqual([
      ['WIFE', 'Siti  Aminah', '1990-07-05', HUSBAND_NEW, 'AHMAD FAUZI', '1471081032023007'],
    ]);
    // Divorced in an old-format marriage (ex-wife without NIK), then remarried: both, in file order.
    expect(found.get(HUSBAND_TWICE)?.map((m) => [m.certificateNumber, m.certificateFormat, m.marriedOn, m.venue, m.status, m.spouseNik, m.spouseName, m.holderName])).toEqual([
      ['0123/10/IV/1988', 'OLD_FREE_TEXT', '1988-04-17', 'OUTSIDE_OFFICE', 'DIVORCED', null, 'NURHAYATI', 'H. SYAMSUL BAHRI'],
      ['Kk.04.2.10/PW.01/0045/1995', 'OLD_FREE_TEXT', '1995-06-25', 'KUA_OFFICE', 'REGISTERED', WIFE_OLD, 'ROSMAWATI', 'SYAMSUL BAHRI'],
    ]);
    expect(found.get(WIFE_OLD)?.map((m) => [m.role, m.spouseNik, m.holderBirthDate])).toEqual([['WIFE', HUSBAND_TWICE, '1965-05-15']]);
    expect(kua.status()).toMatchObject({ generation: 1, exportedOn: '10-06-2025', marriages: 3, citizens: 4, skippedLines: 0, lastRejection: null });
  });

  it('reads the example export in the kua README (the format is documented well enough to write by hand)', async () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../../../subgraphs/kua/README.md'), 'utf8');
    const example = /\*\*Example\*\*[^`]*```\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    publish(example!);
    const kua = client();
    expect(await kua.start()).toBe('loaded');
    expect(kua.status()).toMatchObject({ marriages: 3, citizens: 4, skippedLines: 0 });
    const found = await kua.findMarriages([HUSBAND_NEW, HUSBAND_TWICE]);
    expect(found.get(HUSBAND_NEW)?.[0]).toMatchObject({ certificateFormat: 'NEW_16_DIGIT', spouseNik: WIFE_NEW });
    expect(found.get(HUSBAND_TWICE)).toHaveLength(2);
  });

  it('reads no BOM, CRLF line ends, unquoted fields, reordered columns and an extra column', async () => {
    const unquote = (line: string) => line.replace(/"/g, '');
    const reorder = (line: string) => {
      const fields = unquote(line).split(',');
      return [...fields.slice(1), fields[0], 'X'].join(',');
    };
    const columns = unquote(HEADER).split(',');
    const text = [[...columns.slice(1), columns[0], 'ID_NIKAH'].join(','), ...DETAIL_LINES.map(reorder), '#JUMLAH_BARIS,3,10-06-2025'].join('\r\n') + '\r\n';
    publish(text);
    const kua = client();
    expect(await kua.start()).toBe('loaded');
    expect((await kua.findMarriages([WIFE_OLD])).get(WIFE_OLD)?.[0]).toMatchObject({ certificateNumber: 'Kk.04.2.10/PW.01/0045/1995', marriedOn: '1995-06-25' });
  });

  it('skips lines with a wrong field count, no usable NIK or the same NIK twice; a line with one bad NIK is indexed by the other', async () => {
    const [divorce, , recent] = DETAIL_LINES as [string, string, string];
    const lines = [
      ...DETAIL_LINES,
      '"0001/01/I/2000","1471011","KUA KECAMATAN SUKAJADI","01-01-2000"', // too few fields
      divorce.replace(HUSBAND_TWICE, '1.47110E+15'), // neither NIK usable (the wife's is blank)
      recent.replace(WIFE_NEW, HUSBAND_NEW), // the same NIK for both
      recent.replace(HUSBAND_NEW, '147108120385000').replace('1471081032023007', '1471081032023008'), // husband NIK one digit short
      ...DETAIL_LINES,
      ...DETAIL_LINES, // keep the unusable share under the refusal threshold
    ];
    publish(exportText(lines));
    const kua = client();
    expect(await kua.start()).toBe('loaded');
    expect(kua.status()).toMatchObject({ skippedLines: 3, marriages: 10 });
    const wife = (await kua.findMarriages([WIFE_NEW])).get(WIFE_NEW) ?? [];
    expect(wife.find((m) => m.certificateNumber === '1471081032023008')).toMatchObject({ role: 'WIFE', spouseNik: null, spouseName: 'AHMAD FAUZI' });
  });

  it('turns an unknown code or an impossible date into null, never a failure', async () => {
    const recent = DETAIL_LINES[2]!.replace('"12-03-2023"', '"31-02-2023"').replace('"TERCATAT"', '"RUJUK"').replace('"05-07-1990"', '"00-00-0000"');
    publish(exportText([recent]));
    const kua = client();
    await kua.start();
    expect((await kua.findMarriages([WIFE_NEW])).get(WIFE_NEW)?.[0]).toMatchObject({
      marriedOn: null,
      status: null,
      holderBirthDate: null,
      certificateFormat: 'NEW_16_DIGIT',
      holderName: 'Siti  Aminah',
    });
  });
});

describe('KuaExportClient: files it refuses', () => {
  it.each([
    ['empty', ''],
    ['only a BOM', '\uFEFF'],
    ['half-written (cut inside a quoted field)', exportText().slice(0, 420)],
    ['half-written (cut at a line end, no trailer)', '\uFEFF' + [HEADER, ...DETAIL_LINES].join('\n') + '\n'],
    ['cut inside the trailer', exportText().slice(0, -8)],
    ['trailer count differs', exportText(DETAIL_LINES, { trailerCount: 4 })],
    ['header lacks a column', exportText().replace(',"STATUS_NIKAH"', '')],
    ['a PHP error page', '<br />\n<b>Fatal error</b>: Allowed memory size exhausted in <b>Ekspor.php</b><br />\n'],
    ['binary noise', Buffer.from([0, 255, 34, 10, 13, 44, 34, 200, 10])],
    ['mostly lines without a valid NIK', exportText(DETAIL_LINES.map((line) => line.replace(/"14\d{14}"/g, '"0"')))],
  ])('never indexes a file that is %s: AGENCY_UNAVAILABLE before any good export', async (_label, content) => {
    publish(content);
    const kua = client();
    expect(await kua.start()).toBe('rejected');
    const error = await failure(kua.findMarriages([HUSBAND_NEW]));
    expect([error.code, error.agency]).toEqual(['AGENCY_UNAVAILABLE', 'kua']);
    expect(kua.status().lastRejection).toEqual(expect.any(String));
  });

  it('a missing file (or directory) is AGENCY_UNAVAILABLE', async () => {
    file = path.join(directory, 'not-yet', 'SIMKAH_EKSPOR_NIKAH.csv');
    const kua = client();
    expect(await kua.start()).toBe('missing');
    expect((await failure(kua.findMarriages([HUSBAND_NEW]))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('a file that cannot be read is AGENCY_UNAVAILABLE', async () => {
    fs.mkdirSync(file); // a directory where the export should be: EISDIR
    const kua = client();
    expect(await kua.start()).toBe('rejected');
    expect((await failure(kua.findMarriages([HUSBAND_NEW]))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('a lookup waits for the first index no longer than the timeout: AGENCY_TIMEOUT', async () => {
    const kua = client({ timeoutMs: 100, readExport: () => new Promise(() => undefined) });
    void kua.start();
    const started = Date.now();
    const error = await failure(kua.findMarriages([HUSBAND_NEW]));
    expect([error.code, error.agency]).toEqual(['AGENCY_TIMEOUT', 'kua']);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a lookup that arrives while the first index is being built gets it', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const kua = client({
      readExport: async () => {
        await gate;
        return { signature: 'one', bytes: Buffer.from(exportText()) };
      },
    });
    void kua.start();
    const pending = kua.findMarriages([HUSBAND_TWICE]);
    release();
    expect((await pending).get(HUSBAND_TWICE)).toHaveLength(2);
  });
});

describe('KuaExportClient: reloading', () => {
  it('swaps in a new export when the file is replaced (watching the directory)', async () => {
    publish(exportText());
    const kua = client({ pollIntervalMs: 60_000 }); // fs.watch alone
    await kua.start();
    publish(exportText([DETAIL_LINES[1]!]));
    await waitFor(() => kua.status().generation === 2);
    const found = await kua.findMarriages([HUSBAND_NEW, HUSBAND_TWICE]);
    expect([found.has(HUSBAND_NEW), found.get(HUSBAND_TWICE)?.length]).toEqual([false, 1]);
  });

  it('picks up the first export when it appears later, even in a directory created later (polling)', async () => {
    file = path.join(directory, 'later', 'SIMKAH_EKSPOR_NIKAH.csv');
    const kua = client({ pollIntervalMs: 50 });
    expect(await kua.start()).toBe('missing');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, exportText());
    await waitFor(() => kua.status().generation === 1);
    expect((await kua.findMarriages([WIFE_NEW])).get(WIFE_NEW)).toHaveLength(1);
  });

  it('keeps serving the last good export through a half-written file, garbage and removal, then takes the next good one', async () => {
    publish(exportText());
    const kua = client();
    await kua.start();
    const before = await kua.findMarriages([HUSBAND_TWICE, WIFE_NEW]);

    for (const bad of [exportText().slice(0, 300), 'garbage\n']) {
      const generation = kua.status().generation;
      fs.writeFileSync(file, bad); // written in place, as a crashed non-atomic job would
      await waitFor(() => kua.status().lastRejection !== null);
      expect(await kua.findMarriages([HUSBAND_TWICE, WIFE_NEW])).toEqual(before);
      expect(kua.status().generation).toBe(generation);
      publish(exportText());
      await waitFor(() => kua.status().lastRejection === null);
    }
    fs.rmSync(file);
    await waitFor(() => kua.status().lastRejection === 'the export file is missing');
    expect(await kua.findMarriages([HUSBAND_TWICE, WIFE_NEW])).toEqual(before);

    publish(exportText([DETAIL_LINES[2]!]));
    await waitFor(() => kua.status().marriages === 1);
    const after = await kua.findMarriages([HUSBAND_TWICE, WIFE_NEW]);
    expect([after.has(HUSBAND_TWICE), after.get(WIFE_NEW)?.length]).toEqual([false, 1]);
  });

  it('reads a file once per change and never overlaps reloads', async () => {
    let reads = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const kua = client({
      readExport: async () => {
        reads += 1;
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight -= 1;
        return { signature: 'same', bytes: Buffer.from(exportText()) };
      },
    });
    await kua.start();
    const outcomes = await Promise.all([kua.reload(), kua.reload(), kua.reload()]);
    expect(maxInFlight).toBe(1);
    expect(outcomes.every((outcome) => outcome === 'unchanged')).toBe(true);
    expect(reads).toBeLessThanOrEqual(3);
    expect(kua.status().generation).toBe(1);
  });
});
