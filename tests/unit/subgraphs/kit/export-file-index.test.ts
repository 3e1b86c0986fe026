import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import {
  ExportFileIndex,
  type ExportFileIndexOptions,
  type ExportParseResult,
  type ExportWarn,
} from '../../../../subgraphs/kit/export-file/export-file-index';
import { makeTempDir, removeTempDir } from '../../../support/temp-dir';
import { waitFor } from '../../../support/wait-for';

/**
 * A toy export format, so these tests exercise the mechanics and not an agency's layout:
 * `EXPORT <date>` then `<key>=<value>` lines then `END <count>`.
 */
type ToyIndex = ReadonlyMap<string, string>;
interface ToySummary {
  entries: number;
}

function toyExport(entries: Record<string, string>, date = '2025-06-10'): string {
  const lines = Object.entries(entries).map(([key, value]) => `${key}=${value}`);
  return [`EXPORT ${date}`, ...lines, `END ${lines.length}`].join('\n') + '\n';
}

function parseToy(bytes: Buffer, warn: ExportWarn): ExportParseResult<ToyIndex, ToySummary> {
  const text = bytes.toString('utf8');
  if (text.startsWith('THROW')) throw new TypeError('a parser bug quoting 1471081203850001');
  const lines = text.split('\n');
  const header = /^EXPORT (\S+)$/.exec(lines[0] ?? '');
  if (!header) return { rejected: 'no EXPORT header' };
  if (!text.endsWith('\n') || !/^END \d+$/.test(lines[lines.length - 2] ?? '')) return { rejected: 'no END trailer' };
  const index = new Map<string, string>();
  for (const [i, line] of lines.slice(1, -2).entries()) {
    const [key, value] = line.split('=');
    if (!key || value === undefined) warn({ line: i + 2 }, 'toy line skipped');
    else index.set(key, value);
  }
  return { index, exportedOn: header[1]!, summary: { entries: index.size } };
}

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

let directory: string;
let file: string;
let logs: LogLine[];
const indexes: ExportFileIndex<ToyIndex, ToySummary>[] = [];

beforeEach(() => {
  directory = makeTempDir('export-file-index-');
  file = path.join(directory, 'EXPORT.TXT');
  logs = [];
});

afterEach(async () => {
  await Promise.all(indexes.splice(0).map((index) => index.stop()));
  removeTempDir(directory);
});

function exportIndex(options: Partial<ExportFileIndexOptions<ToyIndex, ToySummary>> = {}): ExportFileIndex<ToyIndex, ToySummary> {
  const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(JSON.parse(line) as LogLine) });
  const created = new ExportFileIndex<ToyIndex, ToySummary>({
    path: file,
    timeoutMs: 500,
    pollIntervalMs: 50,
    settleMs: 10,
    logger,
    agency: 'toy',
    system: 'TOY',
    contents: 'entries',
    parse: parseToy,
    ...options,
  });
  indexes.push(created);
  return created;
}

/** Publishes the way the export jobs do: a temporary file, then a rename. */
function publish(content: string): void {
  const temporary = path.join(directory, `.tmp-${Math.random()}`);
  fs.writeFileSync(temporary, content);
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

const lookupA = (index: ExportFileIndex<ToyIndex, ToySummary>): Promise<string | undefined> => index.lookup((entries) => entries.get('a'));

describe('ExportFileIndex: loading and reloading', () => {
  it('indexes a good file, answers lookups against it and logs the parser summary', async () => {
    publish(toyExport({ a: '1', b: '2' }));
    const index = exportIndex();
    expect(await index.start()).toBe('loaded');
    expect(await index.lookup((entries, exportedOn) => [entries.get('b'), exportedOn])).toEqual(['2', '2025-06-10']);
    expect(index.lookupCount).toBe(1);
    expect(index.status()).toEqual({ generation: 1, exportedOn: '2025-06-10', summary: { entries: 2 }, lastRejection: null, rejections: 0 });
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'TOY export indexed', file, generation: 1, exportedOn: '2025-06-10', entries: 2 }));
  });

  it('swaps in a new file when it is replaced, and reads an unchanged file only once', async () => {
    publish(toyExport({ a: '1' }));
    const index = exportIndex();
    await index.start();
    publish(toyExport({ a: '2' }, '2025-06-11'));
    await waitFor(() => index.status().generation === 2);
    expect(await lookupA(index)).toBe('2');
    expect(await index.reload()).toBe('unchanged');
    expect(index.status()).toMatchObject({ generation: 2, exportedOn: '2025-06-11' });
  });

  it('picks up the first file when it appears later, in a directory created later', async () => {
    file = path.join(directory, 'later', 'EXPORT.TXT');
    const index = exportIndex();
    expect(await index.start()).toBe('missing');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, toyExport({ a: '1' }));
    await waitFor(() => index.status().generation === 1);
    expect(await lookupA(index)).toBe('1');
  });
});

describe('ExportFileIndex: keeping the last good index', () => {
  it('keeps serving through a refused file, a parser that throws and a removal; counts each refusal', async () => {
    publish(toyExport({ a: '1' }));
    const index = exportIndex({ pollIntervalMs: 60_000, settleMs: 60_000 }); // reloads by hand only
    await index.start();

    fs.writeFileSync(file, 'EXPORT 2025-06-11\na=2\n'); // half-written in place: no trailer
    expect(await index.reload()).toBe('rejected');
    expect(index.status()).toMatchObject({ generation: 1, lastRejection: 'no END trailer', rejections: 1 });
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'TOY export not indexed; keeping the export of 2025-06-10 (generation 1)', reason: 'no END trailer' }));

    publish('THROW');
    expect(await index.reload()).toBe('rejected');
    // Only the error's name: a parser's message may quote the file.
    expect(index.status().lastRejection).toBe('the export could not be indexed (TypeError)');

    fs.rmSync(file);
    expect(await index.reload()).toBe('missing');
    expect(await index.reload()).toBe('missing');
    expect(index.status()).toMatchObject({ generation: 1, lastRejection: 'the export file is missing', rejections: 3 });
    expect(await lookupA(index)).toBe('1');

    publish(toyExport({ a: '3' }));
    expect(await index.reload()).toBe('loaded');
    expect(index.status()).toMatchObject({ generation: 2, lastRejection: null, rejections: 3 });
    expect(await lookupA(index)).toBe('3');
  });

  it('before any good file, lookups fail with AGENCY_UNAVAILABLE naming the rejection', async () => {
    publish('<html>502</html>\n');
    const index = exportIndex();
    expect(await index.start()).toBe('rejected');
    const error = await failure(lookupA(index));
    expect([error.code, error.agency]).toEqual(['AGENCY_UNAVAILABLE', 'toy']);
    expect(error.message).toContain(`no good TOY export has been read from ${file} yet (no EXPORT header)`);
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'TOY export not indexed; no good export yet: entries are unavailable' }));
  });

  it('a file that cannot be read is refused with its error code', async () => {
    fs.mkdirSync(file); // a directory where the export should be: EISDIR
    const index = exportIndex();
    expect(await index.start()).toBe('rejected');
    expect(index.status().lastRejection).toBe('the export file cannot be read (EISDIR)');
  });

  it('logs parser warnings up to maxWarnings, then one line with the number suppressed', async () => {
    publish(toyExport({ a: '1' }).replace('a=1\n', 'a=1\nbad\nbad\nbad\n'));
    const index = exportIndex({ maxWarnings: 2 });
    await index.start();
    expect(logs.filter((line) => line.msg === 'toy line skipped')).toHaveLength(2);
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'more TOY export warnings suppressed', suppressed: 1, file }));
  });
});

describe('ExportFileIndex: the first read and concurrent reloads', () => {
  it('a lookup waits for the first index no longer than timeoutMs: AGENCY_TIMEOUT', async () => {
    const index = exportIndex({ timeoutMs: 100, readExport: () => new Promise(() => undefined) });
    void index.start();
    const started = Date.now();
    const error = await failure(lookupA(index));
    expect([error.code, error.agency]).toEqual(['AGENCY_TIMEOUT', 'toy']);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a lookup that arrives while the first index is being built gets it', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const index = exportIndex({
      readExport: async () => {
        await gate;
        return { signature: 'one', bytes: Buffer.from(toyExport({ a: '1' })) };
      },
    });
    void index.start();
    const pending = lookupA(index);
    release();
    expect(await pending).toBe('1');
  });

  it('never overlaps reloads: calls made while one runs share the next one', async () => {
    let reads = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const index = exportIndex({
      readExport: async () => {
        reads += 1;
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 30));
        inFlight -= 1;
        return { signature: `read-${reads}`, bytes: Buffer.from(toyExport({ a: String(reads) })) };
      },
    });
    const first = index.start();
    await new Promise((resolve) => setImmediate(resolve)); // the first read is under way
    const queued = [index.reload(), index.reload(), index.reload()];
    expect(queued[1]).toBe(queued[0]);
    expect(queued[2]).toBe(queued[0]);
    expect(await first).toBe('loaded');
    expect(await Promise.all(queued)).toEqual(['loaded', 'loaded', 'loaded']);
    expect([reads, maxInFlight, index.status().generation]).toEqual([2, 1, 2]);
    expect(await lookupA(index)).toBe('2');
  });

  it('stop() does not wait on a read that hangs longer than timeoutMs', async () => {
    const index = exportIndex({ timeoutMs: 50, readExport: () => new Promise(() => undefined) });
    void index.start();
    const started = Date.now();
    await index.stop();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
