import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunningSimulator } from '../../../../subgraphs/kit/agency-module';
import { createImigrasiClient, type ImigrasiClient } from '../../../../subgraphs/imigrasi/imigrasi.client';
import { DEFAULT_SIMKIM_CREDENTIALS } from '../../../../subgraphs/imigrasi/imigrasi.config';
import { PASSPORT_NUMBER_PATTERN } from '../../../../subgraphs/imigrasi/imigrasi.mapper';
import { SIMKIM_SEED_RATES, buildPasporRows, seedSimkim, splitPassportName } from '../../../../subgraphs/imigrasi/legacy/simkim.seed';
import { startSimkimSimulator } from '../../../../subgraphs/imigrasi/legacy/simkim.simulator';
import { PASPOR_COLUMNS, formatPasporTable, parsePasporTable } from '../../../../subgraphs/imigrasi/legacy/simkim.store';
import { removeDataDir, writeSimkimDataDir } from './simkim-fixture';
import { testSeedContext } from './seed-fixture';

const REFERENCE_DATE = '2026-11-28';

describe('SIMKIM seed', () => {
  it('is deterministic: same input, same bytes; another seed, other bytes', () => {
    const a = formatPasporTable(buildPasporRows(testSeedContext('/unused', 7)));
    const b = formatPasporTable(buildPasporRows(testSeedContext('/unused', 7)));
    const c = formatPasporTable(buildPasporRows(testSeedContext('/unused', 8)));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('gives passports to roughly 8-12% of residents, adults more than minors, some with an older one', () => {
    const context = testSeedContext('/unused', 11, 5000);
    const rows = buildPasporRows(context);
    const holders = new Set(rows.map((row) => row.NIK));
    const share = holders.size / context.population.people.length;
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.12);

    const isAdult = (nik: string): boolean => {
      const person = context.byNik.get(nik)!;
      return Number(REFERENCE_DATE.slice(0, 4)) - Number(person.birthDate.slice(0, 4)) > 17;
    };
    const adults = context.population.people.filter((person) => isAdult(person.nik));
    const adultShare = adults.filter((person) => holders.has(person.nik)).length / adults.length;
    const minors = context.population.people.filter((person) => !isAdult(person.nik));
    const minorShare = minors.filter((person) => holders.has(person.nik)).length / minors.length;
    expect(adultShare).toBeGreaterThan(minorShare * 2);

    const perHolder = new Map<string, number>();
    for (const row of rows) perHolder.set(row.NIK, (perHolder.get(row.NIK) ?? 0) + 1);
    const withTwo = [...perHolder.values()].filter((count) => count === 2).length;
    expect(withTwo / holders.size).toBeGreaterThan(SIMKIM_SEED_RATES.previousPassport * 0.5);
    expect(Math.max(...perHolder.values())).toBe(2);
  });

  it('writes well-formed rows: unique numbers in the documented pattern, codes from the lists, DD-MON-RR dates', () => {
    const rows = buildPasporRows(testSeedContext('/unused', 3));
    expect(new Set(rows.map((row) => row.NO_PASPOR)).size).toBe(rows.length);
    for (const row of rows) {
      expect(row.NO_PASPOR).toMatch(PASSPORT_NUMBER_PATTERN);
      expect(['PB', 'PE', 'PD', 'PN']).toContain(row.JNS_PASPOR);
      expect(['A', 'C', 'H']).toContain(row.STATUS_PASPOR);
      expect(['M', 'F']).toContain(row.JNS_KELAMIN);
      for (const date of [row.TGL_LAHIR, row.TGL_TERBIT, row.TGL_HABIS_BERLAKU]) expect(date).toMatch(/^\d{2}-[A-Z]{3}-\d{2}$/);
    }
    expect(rows.some((row) => /-(MEI|AGU|OKT|DES)-/.test(row.TGL_TERBIT))).toBe(true);
  });

  it('asks the planter once per holder for name (passport conventions), birth date, birth place and sex', () => {
    const context = testSeedContext('/unused', 5);
    const rows = buildPasporRows(context);
    const holders = new Set(rows.map((row) => row.NIK));
    expect(context.planter.calls.length).toBe(holders.size * 4);
    expect(context.planter.calls.filter((call) => call.startsWith('name:')).every((call) => call.endsWith(':true'))).toBe(true);
  });

  it('splits names as the MRZ does: SURNAME = last word, GIVEN_NAMES = the rest', () => {
    expect(splitPassportName('MUHAMMAD RIZKI')).toEqual({ surname: 'RIZKI', givenNames: 'MUHAMMAD' });
    expect(splitPassportName('SITI BINTI AHMAD')).toEqual({ surname: 'AHMAD', givenNames: 'SITI BINTI' });
    expect(splitPassportName('SUKARNO')).toEqual({ surname: 'SUKARNO', givenNames: '' });
  });

  it('the store export parses back to the same rows', () => {
    const rows = buildPasporRows(testSeedContext('/unused', 9, 800));
    const text = formatPasporTable(rows);
    expect(text.split('\r\n')[0]).toBe(PASPOR_COLUMNS.map((column) => `"${column}"`).join(','));
    expect(parsePasporTable(text)).toEqual(rows);
  });

  describe('round trip: seed -> T_PASPOR.csv -> simulator -> SOAP -> client', () => {
    let dataDir: string;
    let simulator: RunningSimulator;
    let client: ImigrasiClient;
    let context: ReturnType<typeof testSeedContext>;

    beforeAll(async () => {
      dataDir = await writeSimkimDataDir('');
      await mkdir(path.join(dataDir, 'imigrasi'), { recursive: true });
      context = testSeedContext(path.join(dataDir, 'imigrasi'), 21, 1500);
      await seedSimkim(context);
      simulator = await startSimkimSimulator({ dataDir, host: '127.0.0.1', port: 0, credentials: DEFAULT_SIMKIM_CREDENTIALS });
      client = await createImigrasiClient({
        endpoint: simulator.url,
        timeoutMs: 2000,
        credentials: DEFAULT_SIMKIM_CREDENTIALS,
        today: () => REFERENCE_DATE,
      });
    });
    afterAll(async () => {
      client.close();
      await simulator.stop();
      await removeDataDir(dataDir);
    });

    it("gives back exactly the planter's name, birth date, birth place and sex for every holder", async () => {
      const text = await readFile(path.join(dataDir, 'imigrasi', 'T_PASPOR.csv'), 'utf8');
      const holders = [...new Set(parsePasporTable(text).map((row) => row.NIK))];
      expect(holders.length).toBeGreaterThan(50);
      // The awkward shapes are among them: a double space, a single word, BIN/BINTI.
      const names = holders.map((nik) => context.planter.names.get(nik)!);
      expect(names.some((name) => name.includes('  '))).toBe(true);
      expect(names.some((name) => !name.includes(' '))).toBe(true);
      expect(names.some((name) => / BINTI? /.test(name))).toBe(true);
      for (let start = 0; start < holders.length; start += 50) {
        const found = await client.passportsByNiks(holders.slice(start, start + 50));
        for (const nik of holders.slice(start, start + 50)) {
          const person = context.byNik.get(nik)!;
          for (const passport of found.get(nik) ?? []) {
            expect({ nik, name: passport.holderName, birthDate: passport.holderBirthDate }).toEqual({
              nik,
              name: context.planter.names.get(nik),
              birthDate: person.birthDate,
            });
            expect(passport.holderBirthPlace).toBe(person.birthPlace);
            expect(passport.holderSex).toBe(person.sex);
            expect(passport.issueDate! <= REFERENCE_DATE).toBe(true);
            expect(passport.expiryDate! > passport.issueDate!).toBe(true);
            expect(passport.issueDate! >= person.birthDate).toBe(true);
            expect(passport.status).not.toBeNull();
          }
          expect(found.get(nik)?.length).toBeGreaterThan(0);
        }
      }
    });
  });
});
