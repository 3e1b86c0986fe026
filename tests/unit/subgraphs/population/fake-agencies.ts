import fs from 'node:fs/promises';
import path from 'node:path';
import type { SeedContext } from '../../../../subgraphs/population/seed-context';
import type { SeedingAgency } from '../../../../subgraphs/population/write-data-dir';

/**
 * Small stand-ins for real agencies: each writes one text file of identity copies made with
 * the planter, so the orchestration, the ground truth and determinism can be tested without
 * the real agencies' code.
 */
export function fakeAgency(name: string, share: number, passport = false): SeedingAgency {
  return {
    name,
    async seed(context: SeedContext): Promise<void> {
      const lines: string[] = [];
      for (const person of context.population.people) {
        if (!context.rng.chance(share)) continue;
        const address = context.planter.copyAddress(person);
        lines.push(
          [
            person.nik,
            context.planter.copyFullName(person, { passport }),
            context.planter.copyBirthDate(person),
            context.planter.copySex(person),
            context.planter.copyBirthPlace(person),
            context.planter.copyMotherName(person),
            `${address.street}|${address.village}|${address.district}`,
          ].join(';'),
        );
      }
      await fs.writeFile(path.join(context.agencyDir, 'records.txt'), `${lines.join('\n')}\n`);
    },
  };
}

/** The civil registry stand-in: copies everyone through the planter (which must not plant for it). */
export const fakeRegistry: SeedingAgency = fakeAgency('dukcapil', 1);

export const FAKE_AGENCIES: readonly SeedingAgency[] = [
  fakeRegistry,
  fakeAgency('imigrasi', 0.25, true),
  fakeAgency('samsat', 0.5),
  fakeAgency('bpjs-kesehatan', 0.85),
];

/** An agency whose seeding fails halfway, to check that nothing half-written is left behind. */
export const failingAgency: SeedingAgency = {
  name: 'broken',
  async seed(context: SeedContext): Promise<void> {
    await fs.writeFile(path.join(context.agencyDir, 'partial.txt'), 'half');
    throw new Error('legacy export failed');
  },
};

/** Every file under a directory with its content, for byte-for-byte comparisons. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  async function walk(current: string): Promise<void> {
    for (const entry of (await fs.readdir(current, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files[path.relative(dir, full)] = await fs.readFile(full, 'utf8');
    }
  }
  await walk(dir);
  return files;
}
