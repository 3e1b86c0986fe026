import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../../../subgraphs/kit/logger';
import { temporaryPathFor, writeExportAtomically } from '../../../../subgraphs/kit/export-file/atomic-write';
import { startExportJob, type ExportJob, type ExportJobSpec } from '../../../../subgraphs/kit/export-file/export-job';
import { todayInPekanbaru } from '../../../../subgraphs/kit/pekanbaru-time';
import { makeTempDir, removeTempDir } from '../../../support/temp-dir';

let directory: string;
let file: string;
const jobs: ExportJob<string>[] = [];

beforeEach(() => {
  directory = makeTempDir('export-job-');
  file = path.join(directory, 'agency', 'EXPORT.TXT');
});

afterEach(async () => {
  await Promise.all(jobs.splice(0).map((job) => job.stop()));
  removeTempDir(directory);
});

/** A toy format: one row per line, then a trailer. */
const render = (rows: readonly string[]): string => [...rows, `TRAILER ${rows.length}`].join('\n') + '\n';

async function job(spec: Partial<ExportJobSpec<string>> = {}): Promise<ExportJob<string>> {
  const started = await startExportJob<string>({
    name: 'toy',
    system: 'TOY',
    file,
    logger: createLogger('simulator:toy'),
    initialRows: ['one', 'two'],
    render,
    halfWritten: (rows) => render(rows).slice(0, render(rows).indexOf('TRAILER')),
    garbagePage: Buffer.from('<html>502</html>\n'),
    ...spec,
  });
  jobs.push(started);
  return started;
}

const read = (): string => fs.readFileSync(file, 'utf8');
const temporaries = (): string[] => fs.readdirSync(path.dirname(file)).filter((name) => name.endsWith('.tmp'));

describe('writeExportAtomically', () => {
  it('creates the directory, replaces the file by rename and leaves no temporary file', async () => {
    await writeExportAtomically(file, 'first\n');
    const before = fs.statSync(file).ino;
    await writeExportAtomically(file, Buffer.from('second\n'));
    expect(read()).toBe('second\n');
    expect(fs.statSync(file).ino).not.toBe(before); // a new inode: renamed over, never rewritten in place
    expect(temporaries()).toEqual([]);
  });

  it('names temporaries next to the file, dot-prefixed and unique', () => {
    const [one, two] = [temporaryPathFor(file), temporaryPathFor(file)];
    expect(path.dirname(one)).toBe(path.dirname(file));
    expect(path.basename(one)).toMatch(/^\.EXPORT\.TXT\.\d+\.\d+\.tmp$/);
    expect(one).not.toBe(two);
  });
});

describe('startExportJob', () => {
  it('publishes atomically: the previous export stays whole until the rename', async () => {
    const toy = await job({ faults: { delayMinMs: 150, delayMaxMs: 150 } });
    await toy.publish();
    const publishing = toy.publish(['three']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(read()).toBe(render(['one', 'two'])); // mid-publish: the old export, complete
    expect(temporaries()).toHaveLength(1);
    expect(await publishing).toBe('published');
    expect(read()).toBe(render(['three']));
    expect(temporaries()).toEqual([]);
    expect(toy.rows()).toEqual(['three']);
    expect([toy.url, toy.file, toy.name]).toEqual([file, file, 'toy']);
  });

  it('maps faults to files: error = half-written in place, malformed = garbage, hang = stale export and a leftover cleaned on stop', async () => {
    const rolls = [0.05, 0.15, 0.25];
    const toy = await job({ faults: { hangRate: 0.1, errorRate: 0.1, malformedRate: 0.1 }, random: () => rolls.shift() ?? 0.9 });
    await toy.publishText('before\n');
    expect(await toy.publish()).toBe('hung');
    expect(read()).toBe('before\n');
    expect(temporaries()).toHaveLength(1);
    expect(await toy.publish()).toBe('half-written');
    expect(read()).toBe('one\ntwo\n');
    expect(await toy.publish()).toBe('garbage');
    const garbage = fs.readFileSync(file);
    expect(garbage.subarray(0, 17).toString()).toBe('<html>502</html>\n');
    expect(garbage.length).toBe(17 + 256);
    expect(toy.rows()).toEqual(['one', 'two']); // no fault changes what the next good publish writes
    await toy.stop();
    expect(temporaries()).toEqual([]);
    await expect(toy.publish()).rejects.toThrow('the TOY export job is stopped');
  });

  it('writes hand-made files through encodeText, and counts every operation', async () => {
    const toy = await job({ encodeText: (text) => Buffer.from(text, 'latin1') });
    await toy.publishText('ANDRÉ\n');
    expect(fs.readFileSync(file)).toEqual(Buffer.from('ANDRÉ\n', 'latin1'));
    await toy.publishHalfWritten(['x', 'y']);
    expect(read()).toBe('x\ny\n');
    await toy.publishGarbage();
    await toy.removeExport();
    expect(fs.existsSync(file)).toBe(false);
    await toy.publish();
    expect(toy.stats()).toEqual({
      requests: 5,
      byOperation: { 'publish-text': 1, 'half-written': 1, garbage: 1, remove: 1, publish: 1 },
    });
  });
});

describe('todayInPekanbaru', () => {
  it('is the calendar date at UTC+7', () => {
    expect(todayInPekanbaru(new Date('2025-12-31T16:59:59Z'))).toBe('2025-12-31');
    expect(todayInPekanbaru(new Date('2025-12-31T17:00:00Z'))).toBe('2026-01-01');
  });
});
