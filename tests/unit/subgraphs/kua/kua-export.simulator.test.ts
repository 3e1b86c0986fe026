import fs from 'node:fs';
import path from 'node:path';
import { agency } from '../../../../subgraphs/kua';
import { startKuaExportJob, type KuaExportJob } from '../../../../subgraphs/kua/legacy/kua-export.simulator';
import { ExportFormatError, parseExportText } from '../../../../subgraphs/kua/kua-export.format';
import { makeTempDir, removeTempDir } from '../../../support/temp-dir';
import { exportText } from './kua-fixtures';

let dataDir: string;
let job: KuaExportJob;

beforeEach(async () => {
  dataDir = makeTempDir('kua-job-', 'kua');
  fs.writeFileSync(path.join(dataDir, 'kua', 'SIMKAH_EKSPOR_NIKAH.csv'), exportText());
  job = await startKuaExportJob({ dataDir, random: () => 0.5, now: () => new Date('2025-06-10T18:00:00Z') });
});

afterEach(async () => {
  await job.stop();
  removeTempDir(dataDir);
});

const read = () => fs.readFileSync(job.file, 'utf8');
const leftovers = () => fs.readdirSync(path.dirname(job.file)).filter((name) => name !== 'SIMKAH_EKSPOR_NIKAH.csv');

describe('the SIMKAH export job (simulator)', () => {
  it("points at the export file and starts from the file's rows", () => {
    expect(job.url).toBe(path.join(dataDir, 'kua', 'SIMKAH_EKSPOR_NIKAH.csv'));
    expect(job.rows()).toHaveLength(3);
  });

  it('publishes a complete export atomically, in SIMKAH notation, dated today in Pekanbaru, and counts it', async () => {
    expect(await job.publish(job.rows().slice(0, 1))).toBe('published');
    // 18:00 UTC is already the next day in Pekanbaru (UTC+7).
    expect(parseExportText(read())).toMatchObject({ declaredCount: 1, exportedOn: '11-06-2025' });
    expect(read().startsWith('\uFEFF"NO_AKTA","KODE_KUA"')).toBe(true);
    expect(read().endsWith('"#JUMLAH_BARIS","1","11-06-2025"\n')).toBe(true);
    expect(leftovers()).toEqual([]);
    expect(await job.publish()).toBe('published'); // re-exports the last rows
    expect(parseExportText(read()).declaredCount).toBe(1);
    expect(job.stats()).toEqual({ requests: 2, byOperation: { publish: 2 } });
  });

  it('errorRate: the next publish crashes mid-write and leaves a half-written file', async () => {
    job.setFaults({ errorRate: 1 });
    expect(await job.publish()).toBe('half-written');
    expect(() => parseExportText(read())).toThrow(ExportFormatError);
    expect(read()).not.toContain('#JUMLAH_BARIS');
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
    expect(job.stats().byOperation).toEqual({ 'half-written': 1, garbage: 1, remove: 1, 'publish-text': 1 });
  });

  it('starts through the agency module on a data directory without an export', async () => {
    const empty = makeTempDir('kua-job-empty-');
    const started = await agency.startSimulator({ dataDir: empty, host: '127.0.0.1', port: 0 });
    expect(started.url).toBe(path.join(empty, 'kua', 'SIMKAH_EKSPOR_NIKAH.csv'));
    expect(fs.existsSync(started.url)).toBe(false);
    await started.stop();
    removeTempDir(empty);
  });
});
