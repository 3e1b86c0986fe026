import { SIDE_POSSESSIVE, incomplete, match, mismatch, q, variant, type AttributeComparison, type Side } from './comparison';
import { words } from './text.normalize';

/** SIAK's four labels (DOMAIN.md, code list "marital status"). */
export type MaritalStatusLabel = 'BELUM KAWIN' | 'KAWIN' | 'CERAI HIDUP' | 'CERAI MATI';

/**
 * Notations of each status, keyed by their words joined with one space (`BELUM_KAWIN`, `Belum-Kawin`
 * and `belum kawin` are one key). SIAK's newer labels KAWIN TERCATAT / KAWIN BELUM TERCATAT (married
 * by religion, not yet registered) are KAWIN: the status is the same, only its paperwork differs.
 */
const NOTATIONS: ReadonlyMap<string, MaritalStatusLabel> = (() => {
  const table: Record<MaritalStatusLabel, readonly string[]> = {
    'BELUM KAWIN': ['BELUM KAWIN', 'BELUMKAWIN', 'TIDAK KAWIN', 'BELUM MENIKAH', 'TIDAK MENIKAH', 'LAJANG', 'SINGLE', 'UNMARRIED', 'NEVER MARRIED', 'NOT MARRIED'],
    KAWIN: ['KAWIN', 'MENIKAH', 'NIKAH', 'SUDAH KAWIN', 'SUDAH MENIKAH', 'MARRIED', 'KAWIN TERCATAT', 'KAWIN BELUM TERCATAT', 'KAWIN TIDAK TERCATAT'],
    'CERAI HIDUP': ['CERAI HIDUP', 'CERAIHIDUP', 'CERAI', 'CERAI TERCATAT', 'CERAI BELUM TERCATAT', 'DIVORCED', 'DIVORCE', 'JANDA CERAI', 'DUDA CERAI'],
    'CERAI MATI': ['CERAI MATI', 'CERAIMATI', 'WIDOWED', 'WIDOW', 'WIDOWER', 'JANDA MATI', 'DUDA MATI', 'JANDA DITINGGAL MATI', 'DUDA DITINGGAL MATI'],
  };
  const map = new Map<string, MaritalStatusLabel>();
  for (const [label, list] of Object.entries(table) as [MaritalStatusLabel, readonly string[]][]) for (const key of list) map.set(key, label);
  return map;
})();

/** JANDA (widow or divorcee) and DUDA (widower or divorcé) say "was married" without saying how it ended. */
const EITHER_CERAI: ReadonlySet<string> = new Set(['JANDA', 'DUDA']);

/** SIAK's numeric codes, read only on the registry side (other systems' codes are their adapters' business). */
const SIAK_CODES: ReadonlyMap<string, MaritalStatusLabel> = new Map<string, MaritalStatusLabel>([
  ['1', 'BELUM KAWIN'],
  ['2', 'KAWIN'],
  ['3', 'CERAI HIDUP'],
  ['4', 'CERAI MATI'],
]);

/** What a difference most likely means, for the reason (registry -> agency). */
const WHY: Readonly<Record<string, string>> = {
  'BELUM KAWIN>KAWIN': 'a marriage not yet on the family card?',
  'BELUM KAWIN>CERAI HIDUP': 'the registry has no marriage on record',
  'BELUM KAWIN>CERAI MATI': 'the registry has no marriage on record',
  'KAWIN>BELUM KAWIN': "the agency's copy predates the marriage",
  'KAWIN>CERAI HIDUP': 'a divorce not yet on the family card?',
  'KAWIN>CERAI MATI': "a spouse's death not yet on the family card?",
  'CERAI HIDUP>BELUM KAWIN': "the agency's copy predates the marriage",
  'CERAI HIDUP>KAWIN': "a remarriage not yet on the family card, or the agency's copy predates the divorce?",
  'CERAI HIDUP>CERAI MATI': 'divorced versus widowed',
  'CERAI MATI>BELUM KAWIN': "the agency's copy predates the marriage",
  'CERAI MATI>KAWIN': "a remarriage not yet on the family card, or the agency's copy predates the spouse's death?",
  'CERAI MATI>CERAI HIDUP': 'widowed versus divorced',
};

type Reading = { label: MaritalStatusLabel } | { either: true } | { unknown: true };

function readStatus(text: string, side: Side): Reading {
  const key = words(text).join(' ');
  const label = NOTATIONS.get(key) ?? (side === 'registry' ? SIAK_CODES.get(key) : undefined);
  if (label) return { label };
  if (EITHER_CERAI.has(key)) return { either: true };
  return { unknown: true };
}

/** MARITAL_STATUS: SIAK labels, enum forms and common English and legacy forms. */
export function compareMaritalStatus(registryText: string, agencyText: string): AttributeComparison {
  const registry = readStatus(registryText, 'registry');
  const agency = readStatus(agencyText, 'agency');
  for (const [side, text, reading] of [['registry', registryText, registry], ['agency', agencyText, agency]] as const) {
    if ('unknown' in reading) return incomplete('unknown-marital-status', `unknown marital status ${q(text)} in ${SIDE_POSSESSIVE[side]} value`);
  }
  if ('either' in registry && 'either' in agency) return match('marital-notation', `both say ${q(registryText)} / ${q(agencyText)}: once married, no longer`);
  if ('either' in registry || 'either' in agency) {
    const [ambiguousText, other] = 'either' in agency ? [agencyText, registry] : [registryText, agency];
    const label = (other as { label: MaritalStatusLabel }).label;
    return label === 'CERAI HIDUP' || label === 'CERAI MATI'
      ? variant('janda-duda', `${q(ambiguousText)} covers both CERAI HIDUP and CERAI MATI, so it agrees with ${label}`)
      : mismatch('different-marital-status', `${q(ambiguousText)} (divorced or widowed) is not ${label}`);
  }
  const r = (registry as { label: MaritalStatusLabel }).label;
  const a = (agency as { label: MaritalStatusLabel }).label;
  if (r === a) {
    return registryText === agencyText
      ? match('identical', 'the same status, written the same way')
      : match('marital-notation', `the same status in another notation (${q(registryText)} = ${q(agencyText)} = ${r})`);
  }
  return mismatch('different-marital-status', `the registry says ${r}, the agency ${a}: ${WHY[`${r}>${a}`]}`);
}
