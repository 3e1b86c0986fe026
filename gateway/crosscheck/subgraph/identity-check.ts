import { compareAttribute } from '../compare-attribute';
import type { AttributeVerdict } from '../comparison';
import { formatRegistryAddress } from '../format-registry-address';
import type { IdentityAttributeName } from '../../../subgraphs/kit/directives';
import { InvalidNikError, parseNik } from '../../../subgraphs/kit/nik';
import { REGISTRY_AGENCY, type IdentityModel } from './identity-claims';

export type IdentityStatus = 'CONSISTENT' | 'VARIANT' | 'MISMATCH' | 'INCOMPLETE';

export interface IdentityDiscrepancy {
  attribute: IdentityAttributeName;
  agency: string;
  registryValue: string | null;
  agencyValue: string | null;
  severity: IdentityStatus;
  reason: string;
}

/** The verdict for one (agency, attribute) of this citizen: the worst over the agency's records. */
export interface AttributeObservation {
  agency: string;
  attribute: IdentityAttributeName;
  verdict: AttributeVerdict;
  registryValue: string | null;
  agencyValue: string | null;
  reason: string;
}

export interface IdentityCheckResult {
  status: IdentityStatus;
  discrepancies: IdentityDiscrepancy[];
  comparedAgencies: string[];
  unreachableAgencies: string[];
  /** Every compared copy, matches included (not in the GraphQL type: for synchronization requests and data quality). */
  observations: AttributeObservation[];
}

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function registryValueOf(model: IdentityModel, citizen: Record<string, unknown>, attribute: IdentityAttributeName): unknown {
  const field = model.registry.find((candidate) => candidate.attribute === attribute);
  if (!field) return undefined;
  const value = citizen[field.citizenField];
  if (attribute === 'ADDRESS') return value && typeof value === 'object' ? formatRegistryAddress(value as Record<string, string | null>) : null;
  return value;
}

function whereToCorrect(agency: string): string {
  return `Synchronize: correct the copy at ${agency}, or the civil registry (Disdukcapil) if the registry is the one in error.`;
}

/**
 * The NIK is never reissued, so a corrected birth date or sex may legitimately disagree with
 * what the NIK encodes (DOMAIN.md): reported as VARIANT, never blocking.
 */
function nikDiscrepancies(citizen: Record<string, unknown>, registry: { birthDate: unknown; sex: unknown }): IdentityDiscrepancy[] {
  let parts;
  try {
    parts = parseNik(citizen.nik);
  } catch (error) {
    if (error instanceof InvalidNikError) return [];
    throw error;
  }
  const found: IdentityDiscrepancy[] = [];
  if (typeof registry.birthDate === 'string' && registry.birthDate !== parts.encodedBirthDate && registry.birthDate.slice(2) !== parts.encodedBirthDate.slice(2)) {
    found.push({
      attribute: 'BIRTH_DATE',
      agency: REGISTRY_AGENCY,
      registryValue: registry.birthDate,
      agencyValue: parts.encodedBirthDate,
      severity: 'VARIANT',
      reason: `the NIK encodes the birth date ${parts.encodedBirthDate.slice(2)} (ddmmyy digits 7-12), the registry holds ${registry.birthDate}; the NIK is never reissued, so a corrected date is expected to differ`,
    });
  }
  if (typeof registry.sex === 'string' && registry.sex !== parts.encodedSex) {
    found.push({
      attribute: 'SEX',
      agency: REGISTRY_AGENCY,
      registryValue: registry.sex,
      agencyValue: parts.encodedSex,
      severity: 'VARIANT',
      reason: `the NIK encodes ${parts.encodedSex} (day ${parts.encodedSex === 'FEMALE' ? 'plus' : 'without'} 40), the registry holds ${registry.sex}; the NIK is never reissued`,
    });
  }
  return found;
}

const RANK: Record<IdentityStatus, number> = { CONSISTENT: 0, VARIANT: 1, INCOMPLETE: 2, MISMATCH: 3 };
const VERDICT_RANK: Record<AttributeVerdict, number> = { MATCH: 0, VARIANT: 1, INCOMPLETE: 2, MISMATCH: 3 };

function severityOf(verdict: AttributeVerdict): IdentityStatus | null {
  return verdict === 'MATCH' ? null : verdict;
}

const groupedClaims = new WeakMap<IdentityModel, ReadonlyMap<string, IdentityModel['claims']>>();

/** The model's claims grouped by the Citizen field holding them, computed once per model (not per citizen). */
function claimsByCitizenField(model: IdentityModel): ReadonlyMap<string, IdentityModel['claims']> {
  let grouped = groupedClaims.get(model);
  if (!grouped) {
    const byField = new Map<string, IdentityModel['claims']>();
    for (const claim of model.claims) byField.set(claim.citizenField, [...(byField.get(claim.citizenField) ?? []), claim]);
    grouped = byField;
    groupedClaims.set(model, grouped);
  }
  return grouped;
}

/**
 * Compares every agency's copy in a Citizen representation (what `@requires` delivered) with
 * the registry's values. A null agency field means the agency could not answer (its fetch
 * failed: the gateway's data source nulls it), an empty list or a record without copies means
 * it holds none. MISMATCH outranks INCOMPLETE, which outranks VARIANT (DESIGN.md section 3).
 */
export function checkIdentity(model: IdentityModel, citizen: Record<string, unknown>): IdentityCheckResult {
  const discrepancies: IdentityDiscrepancy[] = [];
  const compared = new Set<string>();
  const unreachable = new Set<string>();
  const seen = new Set<string>();
  const observations = new Map<string, AttributeObservation>();

  const claimsByField = claimsByCitizenField(model);

  for (const [citizenField, claims] of claimsByField) {
    const agency = claims[0]?.agency ?? '';
    const value = citizen[citizenField];
    if (value === null || value === undefined) {
      unreachable.add(agency);
      continue;
    }
    const records = (Array.isArray(value) ? value : [value]).filter((record): record is Record<string, unknown> => typeof record === 'object' && record !== null);
    for (const record of records) {
      for (const claim of claims) {
        const agencyValue = record[claim.claimField];
        if (agencyValue === null || agencyValue === undefined) continue; // the agency holds no copy of this attribute
        compared.add(agency);
        const registryValue = registryValueOf(model, citizen, claim.attribute);
        const comparison = compareAttribute(claim.attribute, registryValue, agencyValue);
        const observationKey = `${agency}|${claim.attribute}`;
        const previous = observations.get(observationKey);
        if (!previous || VERDICT_RANK[comparison.verdict] > VERDICT_RANK[previous.verdict]) {
          observations.set(observationKey, { agency, attribute: claim.attribute, verdict: comparison.verdict, registryValue: asText(registryValue), agencyValue: asText(agencyValue), reason: comparison.reason });
        }
        const severity = severityOf(comparison.verdict);
        if (!severity) continue;
        const key = `${agency}|${claim.attribute}|${asText(agencyValue)}`;
        if (seen.has(key)) continue; // the same copy on two records (two vehicles) is one discrepancy
        seen.add(key);
        discrepancies.push({
          attribute: claim.attribute,
          agency,
          registryValue: asText(registryValue),
          agencyValue: asText(agencyValue),
          severity,
          reason: severity === 'MISMATCH' ? `${comparison.reason}. ${whereToCorrect(agency)}` : comparison.reason,
        });
      }
    }
  }
  discrepancies.push(...nikDiscrepancies(citizen, { birthDate: registryValueOf(model, citizen, 'BIRTH_DATE'), sex: registryValueOf(model, citizen, 'SEX') }));

  let status: IdentityStatus = 'CONSISTENT';
  for (const discrepancy of discrepancies) if (RANK[discrepancy.severity] > RANK[status]) status = discrepancy.severity;
  if (unreachable.size > 0 && RANK[status] < RANK.INCOMPLETE) status = 'INCOMPLETE';
  return {
    status,
    discrepancies,
    comparedAgencies: [...compared].sort(),
    unreachableAgencies: [...unreachable].sort(),
    observations: [...observations.values()],
  };
}
