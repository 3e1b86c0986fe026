import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { ExportFileClient, pickPresent, type ExportFileClientOptions } from '../../../../subgraphs/kit/export-file/export-file-client';
import type { ExportParseResult } from '../../../../subgraphs/kit/export-file/export-file-index';
import { makeTempDir, removeTempDir } from '../../../support/temp-dir';

/** A toy adapter: `<date>` then `<key>=<value>` lines. */
type ToyIndex = ReadonlyMap<string, string[]>;

function parseToy(bytes: Buffer): ExportParseResult<ToyIndex, { keys: number }> {
  const [date, ...lines] = bytes.toString('utf8').trimEnd().split('\n');
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return { rejected: 'no date line' };
  const index = new Map<string, string[]>();
  for (const line of lines) {
    const [key = '', value = ''] = line.split('=');
    index.set(key, [...(index.get(key) ?? []), value]);
  }
  return { index, exportedOn: date, summary: { keys: index.size } };
}

class ToyClient extends ExportFileClient<ToyIndex, { keys: number }> {
  constructor(options: ExportFileClientOptions & { maxToyWarnings?: number }) {
    super(options, options.maxToyWarnings, { loggerName: 'toy:export-client', agency: 'toy', system: 'TOY', contents: 'toys', parse: parseToy });
  }

  find(keys: readonly string[]): Promise<ReadonlyMap<string, string[]>> {
    return this.index.lookup((index) => pickPresent(index, keys));
  }

  keys(): number {
    return this.index.status().summary?.keys ?? 0;
  }
}

let directory: string;
let client: ToyClient | undefined;

beforeEach(() => {
  directory = makeTempDir('export-file-client-');
});

afterEach(async () => {
  await client?.stop();
  client = undefined;
  removeTempDir(directory);
});

describe('ExportFileClient', () => {
  it('builds the ExportFileIndex from the common options and passes the lifecycle through', async () => {
    const file = path.join(directory, 'TOY.TXT');
    const logger = pino({ level: 'silent' });
    client = new ToyClient({ path: file, timeoutMs: 500, pollIntervalMs: 20, settleMs: 5, logger });
    expect(client.file).toBe(file);

    expect(await client.start()).toBe('missing');
    await expect(client.find(['a'])).rejects.toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'toy' });
    await expect(client.find(['a'])).rejects.toBeInstanceOf(LegacyError);

    fs.writeFileSync(file, '2025-06-10\na=1\na=2\nb=3\n');
    expect(await client.reload()).toBe('loaded');
    expect(await client.reload()).toBe('unchanged');
    expect(await client.find(['b', 'x', 'a'])).toEqual(
      new Map([
        ['b', ['3']],
        ['a', ['1', '2']],
      ]),
    );
    expect(client.lookupCount).toBe(3);
    expect(client.keys()).toBe(2);
  });

  it('reads through the injected readExport', async () => {
    const reads: string[] = [];
    client = new ToyClient({
      path: '/nowhere/TOY.TXT',
      timeoutMs: 500,
      pollIntervalMs: 60_000,
      logger: pino({ level: 'silent' }),
      readExport: async (file) => {
        reads.push(file);
        return { signature: 'one', bytes: Buffer.from('2025-06-10\nk=v\n') };
      },
    });
    expect(await client.start()).toBe('loaded');
    expect(reads).toEqual(['/nowhere/TOY.TXT']);
    expect(await client.find(['k'])).toEqual(new Map([['k', ['v']]]));
  });
});

describe('pickPresent', () => {
  it('keeps the requested keys that are in the index, in request order', () => {
    const index = new Map([
      ['a', [1]],
      ['b', [2]],
    ]);
    expect([...pickPresent(index, ['b', 'c', 'a'])]).toEqual([
      ['b', [2]],
      ['a', [1]],
    ]);
  });
});
