import { match, mismatch, q, variant, type AttributeComparison } from './comparison';
import { districtRelation, splitPlace, type RegionKind } from './region-names';
import { compact, upperClean } from './text.normalize';

/**
 * BIRTH_PLACE: a city or regency written with or without its kind is a VARIANT (the planter's
 * REGENCY_PREFIX: `KOTA PEKANBARU` for `PEKANBARU`); a district under its former name is a VARIANT
 * (`TAMPAN` for `BINAWIDYA`); another place is a MISMATCH. The same kind written two ways
 * (`KAB. KAMPAR` = `KABUPATEN KAMPAR`) is formatting; two different kinds (`KOTA BEKASI` vs
 * `KABUPATEN BEKASI`) are two different regions, so a MISMATCH.
 */
export function compareBirthPlace(registryText: string, agencyText: string): AttributeComparison {
  if (compact(registryText) === compact(agencyText)) {
    return registryText === agencyText
      ? match('identical', 'the same place, written the same way')
      : match('format', `the same place once case, spacing and punctuation are normalized (${q(registryText)} = ${q(agencyText)})`);
  }
  const registry = splitPlace(registryText);
  const agency = splitPlace(agencyText);
  const kindRule = (kind: RegionKind): string => (kind === 'KECAMATAN' ? 'district-prefix' : 'regency-prefix');

  if (registry.key === agency.key) {
    if (registry.kind && agency.kind) {
      return registry.kind === agency.kind
        ? match('format', `the same place with its kind written two ways (${q(registryText)} = ${q(agencyText)})`)
        : mismatch('different-region-kind', `${registry.kind} ${registry.name} and ${agency.kind} ${agency.name} are two different regions`);
    }
    const [withKind, kind, bare] = agency.kind ? [agencyText, agency.kind, registry.name] : [registryText, registry.kind!, agency.name];
    return variant(kindRule(kind), `${q(upperClean(withKind))} is ${q(bare)} written with its kind (${kind})`);
  }

  const relation = districtRelation(registry.name, agency.name);
  if (relation.kind === 'renamed') {
    const rules = ['district-rename'];
    const kinds = [registry.kind, agency.kind].filter((k): k is RegionKind => k !== null);
    if (kinds.length === 1) rules.unshift(kindRule(kinds[0]!));
    return variant(rules.join('+'), `${q(relation.formerName)} is the former name of the district ${q(relation.currentName)} (${relation.code})`);
  }
  const note = relation.kind === 'different' ? relation.note : '';
  return mismatch('different-place', `another place: the registry says ${q(registryText)}, the agency ${q(agencyText)}${note}`);
}
