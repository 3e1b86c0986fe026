import fs from 'node:fs';
import path from 'node:path';
import { agency } from '../../../../subgraphs/djp';
import { ExportFormatError, decodeExport, parseExportText } from '../../../../subgraphs/djp/djp-export.format';
import { startDjpExportJob, type DjpExportJob } from '../../../../subgraphs/djp/legacy/djp-export.simulator';
import { todayInPekanbaru } from '../../../../subgraphs/kit/pekanbaru-time';
import { makeTempDir, removeTempDir } from '../../../support/temp-dir';
import { exportBytes, exportText } from './djp-fixtures';

let dataDir: string;
let job: DjpExportJob;

beforeEach(async () => {
  dataDir = makeTempDir('djp-job-', 'djp');
  fs.writeFileSync(path.join(dataDir, 'djp', 'EXPORT_WP_OP.TXT'), exportBytes(exportText()));
  // 20:00 UTC is already the next day in Pekanbaru (WIB, UTC+7).
  job = await startDjpExportJob({ dataDir, random: () => 0.5, now: () => new Date('2025-06-10T20:00:00Z') });
});

afterEach(async () => {
  await job.stop();
  removeTempDir(dataDir);
});

const read = () => parseExportText(decodeExport(fs.readFileSync(job.file)));
const leftovers = () => fs.readdirSync(path.dirname(job.file)).filter((name) => name !== 'EXPORT_WP_OP.TXT');

describe('the DJP export job (simulator)', () => {
  it("points at the export file and starts from the file's records", () => {
    expect(job.url).toBe(path.join(dataDir, 'djp', 'EXPORT_WP_OP.TXT'));
    expect(job.rows()).toHaveLength(5);
  });

  it('publishes a complete export atomically, dated today in Pekanbaru, byte for byte the same records', async () => {
    const before = fs.readFileSync(job.file);
    expect(await job.publish()).toBe('published');
    expect(read()).toMatchObject({ declaredCount: 5, exportedOn: '2025-06-11' });
    // Only the header's date differs from the hand-written file.
    const after = fs.readFileSync(job.file);
    expect(after.subarray(322).equals(before.subarray(322))).toBe(true);
    expect(await job.publish(job.rows().slice(0, 1))).toBe('published');
    expect(read().declaredCount).toBe(1);
    expect(leftovers()).toEqual([]);
    expect(job.stats()).toEqual({ requests: 2, byOperation: { publish: 2 } });
  });

  it('errorRate: the next publish crashes mid-write and leaves a half-written file without its trailer', async () => {
    job.setFaults({ errorRate: 1 });
    expect(await job.publish()).toBe('half-written');
    expect(read).toThrow(ExportFormatError);
    expect(decodeExport(fs.readFileSync(job.file))).not.toMatch(/\r\nT\d{9}/);
  });

  it('a half-written empty export still lacks its trailer', async () => {
    await job.publishHalfWritten([]);
    expect(read).toThrow(/trailer/);
  });

  it('malformedRate: the next publish delivers something that is not an export', async () => {
    job.setFaults({ malformedRate: 1 });
    expect(await job.publish()).toBe('garbage');
    expect(read).toThrow(ExportFormatError);
  });

  it('hangRate: the next publish stalls before its rename; the old export stays; stop cleans up', async () => {
    const before = fs.readFileSync(job.file);
    job.setFaults({ hangRate: 1 });
    expect(await job.publish([])).toBe('hung');
    expect(fs.readFileSync(job.file).equals(before)).toBe(true);
    expect(leftovers()).toHaveLength(1);
    await job.stop();
    expect(leftovers()).toEqual([]);
  });

  it('delay: the previous export stays in place while a publish is under way', async () => {
    job.setFaults({ delayMinMs: 100, delayMaxMs: 100 });
    const publishing = job.publish([]);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(read().declaredCount).toBe(5);
    await publishing;
    expect(read().declaredCount).toBe(0);
  });

  it('offers explicit faults: half-written, garbage, removal; and hand-made text', async () => {
    await job.publishHalfWritten();
    expect(read).toThrow(ExportFormatError);
    await job.publishGarbage();
    expect(read).toThrow(ExportFormatError);
    await job.removeExport();
    expect(fs.existsSync(job.file)).toBe(false);
    await job.publishText(exportText());
    expect(read().declaredCount).toBe(5);
  });

  it('starts through the agency module on a data directory without an export', async () => {
    const empty = makeTempDir('djp-job-empty-');
    const started = await agency.startSimulator({ dataDir: empty, host: '127.0.0.1', port: 0 });
    expect(started.url).toBe(path.join(empty, 'djp', 'EXPORT_WP_OP.TXT'));
    expect(fs.existsSync(started.url)).toBe(false);
    await started.stop();
    removeTempDir(empty);
  });

  it('knows the date in Pekanbaru', () => {
    expect(todayInPekanbaru(new Date('2025-12-31T16:59:59Z'))).toBe('2025-12-31');
    expect(todayInPekanbaru(new Date('2025-12-31T17:00:00Z'))).toBe('2026-01-01');
  });
});
