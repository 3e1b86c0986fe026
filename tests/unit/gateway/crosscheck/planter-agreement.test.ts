import { compareAttribute, formatRegistryAddress, type AttributeVerdict } from '../../../../gateway/crosscheck';
import { formatOracleDate } from '../../../../subgraphs/imigrasi/oracle-date';
import { generatePopulation } from '../../../../subgraphs/population/generate-population';
import { createIdentityPlanter } from '../../../../subgraphs/population/identity-planter';
import { addressLine } from '../../../../subgraphs/population/name-variants';
import type { Address, Person } from '../../../../subgraphs/population/person';
import { PLANTED_ATTRIBUTES, type PlantRates, type PlantedAttribute } from '../../../../subgraphs/population/plant-rates';
import { createRng } from '../../../../subgraphs/population/rng';
import type { PlantClass, PlantKind } from '../../../../subgraphs/population/seed-context';
import { formatOwnerAddress } from '../../../../subgraphs/samsat/legacy/samsat-export.seed';

/**
 * The engine against the population generator's planted differences (subgraphs/population):
 * every planted FORMAT kind must be MATCH, every VARIANT kind VARIANT, every MISMATCH kind
 * MISMATCH, and every unplanted copy MATCH. High rates so every kind occurs many times; each
 * agency style writes the copies in its own notation, as its legacy system does.
 */

const HIGH_RATES: PlantRates = {
  FULL_NAME: { mismatch: 0.2, variant: 0.5, format: 0.2 },
  BIRTH_DATE: { mismatch: 0.6, variant: 0, format: 0 },
  BIRTH_PLACE: { mismatch: 0.2, variant: 0.5, format: 0.2 },
  SEX: { mismatch: 0.4, variant: 0, format: 0 },
  MOTHER_NAME: { mismatch: 0.2, variant: 0.5, format: 0.2 },
  ADDRESS: { mismatch: 0, variant: 0.6, format: 0.3 },
};

const EXPECTED: Readonly<Record<PlantClass | 'NONE', AttributeVerdict>> = { FORMAT: 'MATCH', VARIANT: 'VARIANT', MISMATCH: 'MISMATCH', NONE: 'MATCH' };

/** How an agency writes its copies (the notations are each legacy system's, not plants). */
interface AgencyStyle {
  name: string;
  passport: boolean;
  date: (iso: string, index: number) => string;
  sex: (sex: Person['sex']) => string;
  address: (address: Address) => string;
}

const [dd, mm, yyyy] = [(iso: string) => iso.slice(8, 10), (iso: string) => iso.slice(5, 7), (iso: string) => iso.slice(0, 4)];
const STYLES: readonly AgencyStyle[] = [
  {
    name: 'samsat-like',
    passport: false,
    date: (iso, i) => [`${dd(iso)}/${mm(iso)}/${yyyy(iso)}`, iso.replace(/-/g, ''), `${dd(iso)}-${mm(iso)}-${yyyy(iso)}`][i % 3]!,
    sex: (sex) => (sex === 'MALE' ? 'L' : 'P'),
    address: formatOwnerAddress,
  },
  {
    name: 'imigrasi-like',
    passport: true,
    date: (iso, i) => formatOracleDate(iso, i % 2 === 0 ? 'AMERICAN' : 'INDONESIAN'),
    sex: (sex) => (sex === 'MALE' ? 'M' : 'F'),
    // SIMKIM holds no address; a third one-line layout (the ground truth's) is exercised here instead.
    address: addressLine,
  },
  {
    name: 'djp-like',
    passport: false,
    date: (iso) => iso,
    sex: (sex) => (sex === 'MALE' ? 'LAKI-LAKI' : 'PEREMPUAN'),
    // DJP's export line (subgraphs/djp/legacy/djp-export.seed.ts, formatTaxpayerAddress).
    address: (a) => `${a.street}, RT ${a.rt}/RW ${a.rw}, KEL. ${a.village}, KEC. ${a.district}, ${a.regency}, ${a.province} ${a.postalCode}`,
  },
];

const SEEDS = ['pekanbaru', 'crosscheck-1', 'crosscheck-2', 'crosscheck-3'];
const CITIZENS = 2500;

interface Tally {
  [key: string]: { total: number; agreed: number };
}

function registryValue(attribute: PlantedAttribute, person: Person): string {
  switch (attribute) {
    case 'FULL_NAME':
      return person.fullName;
    case 'BIRTH_DATE':
      return person.birthDate; // the public contract's Date scalar, yyyy-mm-dd
    case 'BIRTH_PLACE':
      return person.birthPlace;
    case 'SEX':
      return person.sex; // the public contract's Sex enum
    case 'MOTHER_NAME':
      return person.motherName;
    case 'ADDRESS':
      return formatRegistryAddress(person.address);
  }
}

describe('agreement with the population planter', () => {
  const tally: Tally = {};
  const disagreements: string[] = [];

  for (const seed of SEEDS) {
    const population = generatePopulation({ citizens: CITIZENS, seed });
    for (const style of STYLES) {
      const planter = createIdentityPlanter({ agency: style.name, rng: createRng(seed).fork(`#planter/${style.name}`), referenceDate: '2026-01-01', rates: HIGH_RATES });
      const copies = population.people.map((person, index) => ({
        person,
        values: {
          FULL_NAME: planter.copyFullName(person, { passport: style.passport }),
          BIRTH_DATE: style.date(planter.copyBirthDate(person), index),
          BIRTH_PLACE: planter.copyBirthPlace(person),
          SEX: style.sex(planter.copySex(person)),
          MOTHER_NAME: planter.copyMotherName(person),
          ADDRESS: style.address(planter.copyAddress(person)),
        } satisfies Record<PlantedAttribute, string>,
      }));
      const planted = new Map(planter.plants.map((p) => [`${p.attribute}/${p.nik}`, p]));
      for (const { person, values } of copies) {
        for (const attribute of PLANTED_ATTRIBUTES) {
          const plant = planted.get(`${attribute}/${person.nik}`);
          const kind: PlantKind | 'UNPLANTED' = plant?.kind ?? 'UNPLANTED';
          const expected = EXPECTED[plant?.class ?? 'NONE'];
          const result = compareAttribute(attribute, registryValue(attribute, person), values[attribute]);
          const key = `${attribute} ${kind}`;
          tally[key] ??= { total: 0, agreed: 0 };
          tally[key].total++;
          if (result.verdict === expected) tally[key].agreed++;
          else disagreements.push(`${style.name} ${key}: ${JSON.stringify(registryValue(attribute, person))} vs ${JSON.stringify(values[attribute])} -> ${result.verdict} (${result.rule}: ${result.reason}), expected ${expected}`);
        }
      }
    }
  }

  it('classifies every planted kind and every unplanted copy as the planter intends (100% agreement)', () => {
    if (process.env.SATU_PRINT_AGREEMENT) {
      const rows = Object.entries(tally).sort(([a], [b]) => a.localeCompare(b)).map(([key, { total, agreed }]) => `${key.padEnd(40)} ${String(agreed).padStart(6)} / ${total}`);
      process.stdout.write(`${rows.join('\n')}\n`);
    }
    expect(disagreements.slice(0, 20)).toEqual([]);
  });

  it('saw every planted kind that applies to these attributes', () => {
    const kinds = new Set(Object.keys(tally).map((key) => key.split(' ')[1]));
    for (const kind of ['CASE', 'SPACING', 'TITLE', 'MUHAMMAD_ABBREVIATION', 'ABDUL_ABBREVIATION', 'OLD_SPELLING', 'ALIAS', 'PASSPORT_BIN', 'SURNAME_SPLIT', 'REGENCY_PREFIX', 'DISTRICT_RENAME', 'OTHER_NAME', 'OTHER_BIRTH_DATE', 'DAY_MONTH_SWAP', 'OTHER_SEX', 'OTHER_BIRTH_PLACE']) {
      expect(kinds).toContain(kind);
    }
  });
});
