import fs from 'node:fs';
import path from 'node:path';
import { agency } from '../../../../subgraphs/samsat';
import { startSamsatExportJob, type SamsatExportJob } from '../../../../subgraphs/samsat/legacy/samsat-export.simulator';
import { ExportFormatError, parseExportText } from '../../../../subgraphs/samsat/samsat-export.format';
import { makeTempDir, removeTempDir } from '../../../support/temp-dir';
import { exportText } from './samsat-fixtures';

let dataDir: string;
let job: SamsatExportJob;

beforeEach(async () => {
  dataDir = makeTempDir('samsat-job-', 'samsat');
  fs.writeFileSync(path.join(dataDir, 'samsat', 'EXPORT_KENDARAAN.csv'), exportText());
  job = await startSamsatExportJob({ dataDir, random: () => 0.5, now: () => new Date('2025-06-10T03:00:00Z') });
});

afterEach(async () => {
  await job.stop();
  removeTempDir(dataDir);
});

const read = () => fs.readFileSync(job.file, 'utf8');
const leftovers = () => fs.readdirSync(path.dirname(job.file)).filter((name) => name !== 'EXPORT_KENDARAAN.csv');

describe('the SAMSAT export job (simulator)', () => {
  it("points at the export file and starts from the file's rows", () => {
    expect(job.url).toBe(path.join(dataDir, 'samsat', 'EXPORT_KENDARAAN.csv'));
    expect(job.rows()).toHaveLength(3);
  });

  it('publishes a complete export atomically (no temporary file left) and counts it', async () => {
    expect(await job.publish(job.rows().slice(0, 1))).toBe('published');
    expect(parseExportText(read())).toMatchObject({ declaredCount: 1, exportedOn: '10/06/2025' });
    expect(leftovers()).toEqual([]);
    expect(await job.publish()).toBe('published'); // re-exports the last rows
    expect(parseExportText(read()).declaredCount).toBe(1);
    expect(job.stats()).toEqual({ requests: 2, byOperation: { publish: 2 } });
  });

  it('errorRate: the next publish crashes mid-write and leaves a half-written file', async () => {
    job.setFaults({ errorRate: 1 });
    expect(await job.publish()).toBe('half-written');
    expect(() => parseExportText(read())).toThrow(ExportFormatError);
    expect(read()).not.toContain('TRAILER');
  });

  it('malformedRate: the next publish delivers something that is not an export', async () => {
    job.setFaults({ malformedRate: 1 });
    expect(await job.publish()).toBe('garbage');
    expect(() => parseExportText(read())).toThrow(ExportFormatError);
  });

  it('hangRate: the next publish stalls before its rename; the old export stays; stop cleans up', async () => {
    const before = read();
    job.setFaults({ hangRate: 1 });
    expect(await job.publish([])).toBe('hung');
    expect(read()).toBe(before);
    expect(leftovers()).toHaveLength(1);
    await job.stop();
    expect(leftovers()).toEqual([]);
  });

  it('delay: the previous export stays in place while a publish is under way', async () => {
    job.setFaults({ delayMinMs: 100, delayMaxMs: 100 });
    const before = read();
    const publishing = job.publish([]);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(read()).toBe(before);
    await publishing;
    expect(parseExportText(read()).declaredCount).toBe(0);
  });

  it('offers explicit faults: half-written, garbage, removal', async () => {
    await job.publishHalfWritten();
    expect(() => parseExportText(read())).toThrow(ExportFormatError);
    await job.publishGarbage();
    expect(() => parseExportText(read())).toThrow(ExportFormatError);
    await job.removeExport();
    expect(fs.existsSync(job.file)).toBe(false);
    await job.publishText(exportText());
    expect(parseExportText(read()).declaredCount).toBe(3);
  });

  it('starts through the agency module on a data directory without an export', async () => {
    const empty = makeTempDir('samsat-job-empty-');
    const started = await agency.startSimulator({ dataDir: empty, host: '127.0.0.1', port: 0 });
    expect(started.url).toBe(path.join(empty, 'samsat', 'EXPORT_KENDARAAN.csv'));
    expect(fs.existsSync(started.url)).toBe(false);
    await started.stop();
    removeTempDir(empty);
  });
});
