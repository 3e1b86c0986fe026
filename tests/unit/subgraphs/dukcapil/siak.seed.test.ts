import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { agency } from '../../../../subgraphs/dukcapil';
import { mapCitizenRow } from '../../../../subgraphs/dukcapil/dukcapil.mapper';
import { SIAK_ROW_FIELDS } from '../../../../subgraphs/dukcapil/siak.wire';
import type { Address, Person, Population } from '../../../../subgraphs/population/person';
import type { IdentityPlanter, Rng, SeedContext } from '../../../../subgraphs/population/seed-context';
import { ANI, BUDI, CITRA, KK } from './siak-fixtures';

const address: Address = {
  street: 'JL. HR SOEBRANTAS NO. 12',
  rt: '003',
  rw: '007',
  village: 'SIMPANG BARU',
  districtCode: '147108',
  district: 'BINAWIDYA',
  regency: 'PEKANBARU',
  province: 'RIAU',
  postalCode: '28293',
};

function person(overrides: Partial<Person> & Pick<Person, 'nik' | 'fullName' | 'birthDate' | 'sex'>): Person {
  return {
    familyCardNumber: KK,
    birthPlace: 'PEKANBARU',
    bloodType: 'O',
    religion: 'ISLAM',
    maritalStatus: 'KAWIN',
    familyRelation: 'KEPALA KELUARGA',
    education: 'SLTA/SEDERAJAT',
    occupation: 'WIRASWASTA',
    motherName: 'SITI AMINAH',
    motherNik: null,
    fatherName: 'AHMAD',
    fatherNik: null,
    address,
    ektpStatus: 'SUDAH REKAM',
    ...overrides,
  };
}

const LONER = '1471011505900003';
const population: Population = {
  // People deliberately not in card order: the store must follow the card.
  people: [
    person({ nik: CITRA, fullName: 'CITRA AYU LESTARI', birthDate: '2010-01-20', sex: 'FEMALE', familyRelation: 'ANAK', maritalStatus: 'BELUM KAWIN', ektpStatus: null, motherNik: ANI, fatherNik: BUDI }),
    person({ nik: ANI, fullName: 'ANI MARLINA', birthDate: '1985-03-12', sex: 'FEMALE', familyRelation: 'ISTRI', bloodType: 'TIDAK TAHU' }),
    person({ nik: BUDI, fullName: 'BUDI SANTOSO', birthDate: '1983-07-04', sex: 'MALE' }),
    person({
      nik: LONER,
      familyCardNumber: '1471011505900001',
      fullName: 'DEDI',
      birthDate: '1990-05-15',
      sex: 'MALE',
      address: { ...address, districtCode: '147101', district: 'SUKAJADI', village: 'KAMPUNG MELAYU' },
    }),
  ],
  families: [{ number: KK, headNik: BUDI, memberNiks: [BUDI, ANI, CITRA], address, issuedOn: '2010-01-15' }],
};

/** The registry is the truth: seeding must never plant a difference nor roll a die. */
const refuse = (): never => {
  throw new Error('dukcapil seed must not use the planter or the rng');
};
const planter: IdentityPlanter = {
  agency: 'dukcapil',
  copyFullName: refuse,
  copyBirthDate: refuse,
  copySex: refuse,
  copyBirthPlace: refuse,
  copyMotherName: refuse,
  copyAddress: refuse,
};
const rng: Rng = { next: refuse, int: refuse, chance: refuse, pick: refuse, fork: refuse };

const dirs: string[] = [];
async function seedInto(): Promise<string> {
  const agencyDir = await mkdtemp(path.join(os.tmpdir(), 'satu-dukcapil-seed-'));
  dirs.push(agencyDir);
  const context: SeedContext = {
    population,
    byNik: new Map(population.people.map((p) => [p.nik, p])),
    rng,
    planter,
    agencyDir,
    referenceDate: '2025-01-01',
  };
  await agency.seed(context);
  return readFile(path.join(agencyDir, 'penduduk.json'), 'utf8');
}

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('dukcapil seed', () => {
  it('writes penduduk.json: every resident, card order first, SIAK field names in SIAK order', async () => {
    const rows = JSON.parse(await seedInto()) as Array<Record<string, string>>;
    expect(rows.map((row) => row.NIK)).toEqual([BUDI, ANI, CITRA, LONER]);
    for (const row of rows) expect(Object.keys(row)).toEqual([...SIAK_ROW_FIELDS]);
    expect(rows[1]).toMatchObject({
      NAMA_LGKP: 'ANI MARLINA',
      TGL_LHR: '12-03-1985',
      JENIS_KLMIN: 'PEREMPUAN',
      STAT_HBKEL: 'ISTRI',
      GOL_DARAH: 'TIDAK TAHU',
      NO_RT: '3',
      NO_RW: '7',
      NO_PROP: '14',
      NO_KAB: '71',
      NO_KEC: '8',
      NO_KEL: '1001',
      KAB_NAME: 'PEKANBARU',
      NIK_IBU: '',
    });
    expect(rows[2]).toMatchObject({ EKTP_STATUS: '', NIK_IBU: ANI, NIK_AYAH: BUDI, STATUS_KAWIN: 'BELUM KAWIN' });
    expect(rows[3]).toMatchObject({ NO_KEC: '1', KEC_NAME: 'SUKAJADI', NO_KEL: '1001' });
  });

  it('is deterministic: same input, same bytes; one row per line', async () => {
    const first = await seedInto();
    expect(await seedInto()).toBe(first);
    expect(first.split('\n')).toHaveLength(population.people.length + 3);
  });

  it('round-trips through the adapter to the canonical values', async () => {
    const rows = JSON.parse(await seedInto()) as Array<Record<string, unknown>>;
    for (const row of rows) {
      const record = mapCitizenRow(row, (warning) => {
        throw new Error(`unexpected warning ${JSON.stringify(warning)}`);
      });
      const canonical = population.people.find((p) => p.nik === record.nik)!;
      expect(record).toMatchObject({
        fullName: canonical.fullName,
        birthDate: canonical.birthDate,
        birthPlace: canonical.birthPlace,
        sex: canonical.sex,
        motherName: canonical.motherName,
        familyCardNumber: canonical.familyCardNumber,
        address: canonical.address,
      });
    }
  });
});
