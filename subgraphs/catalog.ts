import type { AgencyModule } from './kit/agency-module';
import { agency as bpjsKesehatan } from './bpjs-kesehatan';
import { agency as bpjsKetenagakerjaan } from './bpjs-ketenagakerjaan';
import { agency as bpn } from './bpn';
import { agency as djp } from './djp';
import { agency as dukcapil } from './dukcapil';
import { agency as imigrasi } from './imigrasi';
import { agency as kua } from './kua';
import { agency as oss } from './oss';
import { agency as polri } from './polri';
import { agency as samsat } from './samsat';

/**
 * Every agency Satu runs in the demo, the schema pipeline and the population generator.
 * The civil registry comes first: it owns the Citizen root fields.
 */
export const AGENCIES: readonly AgencyModule[] = [dukcapil, imigrasi, samsat, bpjsKesehatan, polri, bpjsKetenagakerjaan, djp, bpn, oss, kua];

export function agencyByName(name: string): AgencyModule {
  const found = AGENCIES.find((agency) => agency.name === name);
  if (!found) {
    throw new Error(`unknown agency "${name}"; known: ${AGENCIES.map((a) => a.name).join(', ')}`);
  }
  return found;
}
