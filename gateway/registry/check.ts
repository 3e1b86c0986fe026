import { GraphQLError, parse, type DocumentNode } from 'graphql';
import { composeSupergraph, CompositionError, type ComposedSupergraph } from '../../schema/compose';
import { RegistryError } from './errors';
import { personalDataOf, privacyChanges, type PrivacyChange } from './personal-data';
import { sha256, type CoordinateUsage, type RegistrySnapshot } from './registry.store';
import { diffApi, diffSubgraph, type SchemaChange } from './schema-diff';

/** What a check needs from the registry; the store satisfies it, tests may hand in a stand-in. */
export interface CheckRegistry {
  snapshot(): Promise<RegistrySnapshot>;
  usageSince(sinceIso: string): Promise<Map<string, CoordinateUsage>>;
}

export interface CheckInput {
  subgraph: string;
  sdl: string;
  /** Where the subgraph will be served; default the URL the registry has. */
  url?: string;
  /** Usage window: a breaking change hits a client if the coordinate was used in the last N days. @default 30 */
  usageDays?: number;
  now?: Date;
}

/** A client-visible change, with the usage that makes a breaking one matter. */
export interface ApiChange extends SchemaChange {
  usage: CoordinateUsage[];
}

export interface CheckResult {
  subgraph: string;
  agency: string;
  url: string;
  candidateHash: string;
  /** What the check compared with; a publish must find the registry still there. */
  basedOn: { versionId: string | null; versionSequence: number | null; supergraphId: string | null; supergraphSequence: number | null };
  usageDays: number;
  passed: boolean;
  /** The candidate is byte-for-byte the current version. */
  unchanged: boolean;
  composition: { ok: boolean; errors: string[] };
  subgraphChanges: SchemaChange[];
  apiChanges: ApiChange[];
  privacyChanges: PrivacyChange[];
  /** Why the check fails; empty when it passes. */
  failures: string[];
  /** Worth knowing, not failing. */
  notes: string[];
  /** The supergraph the candidate composes to (not part of the JSON report). */
  composed: (ComposedSupergraph & { members: Record<string, string> }) | null;
}

export const DEFAULT_USAGE_DAYS = 30;
/** Ten years: recorded usage is never that old, and a larger window is a typo (and past Date's range). */
export const MAX_USAGE_DAYS = 3650;

/** Parses a subgraph SDL, or says in one line what is wrong with it (where, and whether it looks truncated). */
export function parseSubgraphSdl(sdl: string, source = 'the schema'): DocumentNode {
  if (sdl.trim() === '') throw new RegistryError('BAD_INPUT', `${source} is empty: give the subgraph's SDL (e.g. schema/subgraphs/<name>.graphql)`);
  try {
    return parse(sdl);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const where = error.locations?.[0];
    const at = where ? ` at line ${where.line}, column ${where.column}` : '';
    // A cut-off file fails at its very end: an unexpected <EOF>, or a string that never closes on the last line.
    const lastLine = sdl.trimEnd().split('\n').length;
    const atEnd = /<EOF>/.test(error.message) || (/Unterminated/.test(error.message) && where !== undefined && where.line >= lastLine);
    const truncated = atEnd ? ' The file ends in the middle of a definition: it looks truncated; print it again from code (npm run schema).' : '';
    throw new RegistryError('BAD_INPUT', `${source} does not parse${at}: ${error.message.replace(/\.$/, '')}.${truncated}`);
  }
}

/**
 * Only plain http(s) URLs: the gateway fetches subgraphs over HTTP, and the URL is written into
 * the supergraph, which every gateway and the lineage page read, so it must carry no secret; a
 * pasted URL with a stray space or newline would be stored as it is and fail only at reload.
 */
export function validateSubgraphUrl(url: string): string {
  // Whitespace, C0 controls and DEL anywhere, the ends included.
  const stray = /[\s\u0000-\u001f\u007f]/.exec(url);
  if (stray) {
    // Not echoed: the URL may hold a password (refused below, but only once it parses).
    throw new RegistryError('BAD_INPUT', `the subgraph URL contains a space or control character (at position ${stray.index + 1}): give it without, e.g. http://10.0.0.5:4102/graphql`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RegistryError('BAD_INPUT', `${JSON.stringify(url)} is not a URL: give the subgraph's http(s) address, e.g. http://10.0.0.5:4102/graphql`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new RegistryError('BAD_INPUT', `the subgraph URL must be http or https, not ${parsed.protocol.replace(/:$/, '')} (${JSON.stringify(url)})`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new RegistryError('BAD_INPUT', `the subgraph URL must not carry a user name or password: it is stored in the supergraph for every gateway and auditor to read; give ${parsed.protocol}//${parsed.host}${parsed.pathname} and authenticate the gateway another way`);
  }
  return url;
}

/**
 * The recorded usage a change at `coordinate` hits: the coordinate itself, anything under it (a
 * removed type hits its used fields) and anything it is under (a removed argument hits its used field).
 */
export function usageHit(coordinate: string, usage: ReadonlyMap<string, CoordinateUsage>): CoordinateUsage[] {
  const hits: CoordinateUsage[] = [];
  for (const [used, entry] of usage) {
    if (used === coordinate || used.startsWith(`${coordinate}.`) || coordinate.startsWith(`${used}.`)) hits.push(entry);
  }
  return hits;
}

/**
 * Checks a candidate SDL for one subgraph against the registry (issue 5, item 2): composes it with
 * the current versions of every other subgraph, diffs it with its current version and the new API
 * schema with the current one, fails breaking changes that recorded operations used in the last
 * N days, and fails personal-data changes (they need sign-off). Throws RegistryError BAD_INPUT for
 * input it cannot judge (SDL that does not parse, unknown subgraph, bad URL).
 */
export async function checkSubgraph(registry: CheckRegistry, input: CheckInput): Promise<CheckResult> {
  const document = parseSubgraphSdl(input.sdl);
  if (input.url !== undefined) validateSubgraphUrl(input.url);
  const usageDays = input.usageDays ?? DEFAULT_USAGE_DAYS;
  if (!Number.isInteger(usageDays) || usageDays < 0 || usageDays > MAX_USAGE_DAYS) {
    throw new RegistryError('BAD_INPUT', `the usage window must be a whole number of days from 0 to ${MAX_USAGE_DAYS}, not ${usageDays}`);
  }
  const snapshot = await registry.snapshot();
  const target = snapshot.subgraphs.find((subgraph) => subgraph.name === input.subgraph);
  if (!target) {
    const known = snapshot.subgraphs.map((subgraph) => subgraph.name).join(', ') || '(none: the registry is empty)';
    throw new RegistryError('BAD_INPUT', `there is no subgraph ${JSON.stringify(input.subgraph)} in the registry; registered subgraphs: ${known}`);
  }
  const url = input.url ?? target.url;
  const current = target.version;
  const failures: string[] = [];
  const notes: string[] = [];
  const candidateHash = sha256(input.sdl);
  const unchanged = current !== null && current.hash === candidateHash;
  if (unchanged) notes.push(`the candidate is identical to version ${current.sequence}`);

  // Composition with the current versions of every other subgraph.
  const others = snapshot.subgraphs.filter((subgraph) => subgraph.name !== input.subgraph && subgraph.version !== null);
  let composed: CheckResult['composed'] = null;
  const compositionErrors: string[] = [];
  try {
    const supergraph = composeSupergraph([...others.map((other) => ({ name: other.name, url: other.url, sdl: other.version!.sdl })), { name: input.subgraph, url, sdl: input.sdl }]);
    composed = { ...supergraph, members: Object.fromEntries(others.map((other) => [other.name, other.version!.id])) };
  } catch (error) {
    if (!(error instanceof CompositionError)) throw error;
    compositionErrors.push(...error.problems);
    failures.push(`the candidate does not compose with the current versions of the other ${others.length} subgraphs (${compositionErrors.length} error${compositionErrors.length === 1 ? '' : 's'}); this cannot be overridden`);
  }

  const subgraphChanges = current ? await diffSubgraph(parse(current.sdl), document) : [];
  if (!current) notes.push(`${input.subgraph} has no published version yet: this is its first`);

  const apiChanges: ApiChange[] = [];
  if (composed && snapshot.supergraph) {
    const since = new Date((input.now ?? new Date()).getTime() - usageDays * 86_400_000).toISOString();
    const usage = await registry.usageSince(since);
    for (const change of await diffApi(snapshot.supergraph.apiSdl, composed.apiSdl)) {
      const hits = change.criticality === 'BREAKING' ? (change.coordinate ? usageHit(change.coordinate, usage) : []) : [];
      apiChanges.push({ ...change, usage: hits });
      if (change.criticality !== 'BREAKING') continue;
      if (change.coordinate === null) {
        failures.push(`breaking change with no coordinate to look up usage for: ${change.message}`);
      } else if (hits.length > 0) {
        const operations = hits.reduce((sum, hit) => sum + hit.count, 0);
        const clients = [...new Set(hits.flatMap((hit) => hit.clients))].sort();
        failures.push(`breaking change to ${change.coordinate}, used ${operations} time${operations === 1 ? '' : 's'} in the last ${usageDays} days by ${clients.join(', ')}: ${change.message}`);
      } else {
        notes.push(`breaking change to ${change.coordinate} passes: no recorded operation used it in the last ${usageDays} days (${change.message})`);
      }
    }
  }
  const apiBreaking = new Set(apiChanges.filter((change) => change.criticality === 'BREAKING').map((change) => change.coordinate));
  for (const change of subgraphChanges) {
    if (change.criticality === 'BREAKING' && composed && !apiBreaking.has(change.coordinate)) {
      notes.push(`breaking in the subgraph but not for clients (another subgraph still serves it, or it is not client-facing): ${change.message}`);
    }
  }

  const privacy = privacyChanges(current ? personalDataOf(parse(current.sdl)) : new Map(), personalDataOf(document));
  if (privacy.length > 0) failures.push(`${privacy.length} personal-data change${privacy.length === 1 ? '' : 's'} need${privacy.length === 1 ? 's' : ''} the data protection officer's sign-off (publish with --override "reason, who signed off")`);

  return {
    subgraph: input.subgraph,
    agency: target.agency,
    url,
    candidateHash,
    basedOn: {
      versionId: current?.id ?? null,
      versionSequence: current?.sequence ?? null,
      supergraphId: snapshot.supergraph?.id ?? null,
      supergraphSequence: snapshot.supergraph?.sequence ?? null,
    },
    usageDays,
    passed: failures.length === 0,
    unchanged,
    composition: { ok: compositionErrors.length === 0, errors: compositionErrors },
    subgraphChanges,
    apiChanges,
    privacyChanges: privacy,
    failures,
    notes,
    composed,
  };
}

/** The check result as JSON (without the composed SDLs): what `--json` prints and what a version records. */
export function checkResultJson(result: CheckResult): Omit<CheckResult, 'composed'> & { supergraphHash: string | null } {
  const { composed, ...rest } = result;
  return { ...rest, supergraphHash: composed ? sha256(composed.supergraphSdl) : null };
}

function changeLine(change: SchemaChange): string {
  return `  ${change.criticality.padEnd(9)} ${(change.coordinate ?? '-').padEnd(36)} ${change.message}`;
}

/** The check result for people: plain text, failures first. */
export function renderCheckText(result: CheckResult): string {
  const lines: string[] = [];
  const against = result.basedOn.versionSequence === null ? 'no previous version' : `version ${result.basedOn.versionSequence}`;
  const supergraph = result.basedOn.supergraphSequence === null ? 'no supergraph yet' : `supergraph ${result.basedOn.supergraphSequence}`;
  lines.push(`${result.passed ? 'PASS' : 'FAIL'}  ${result.subgraph} (${result.agency}), candidate sha256 ${result.candidateHash.slice(0, 12)}, checked against ${against} and ${supergraph}`);
  if (result.failures.length > 0) {
    lines.push('', 'Fails because:');
    for (const failure of result.failures) lines.push(`  - ${failure}`);
  }
  if (!result.composition.ok) {
    lines.push('', 'Composition errors:');
    for (const error of result.composition.errors) lines.push(`  - ${error}`);
  }
  if (result.privacyChanges.length > 0) {
    lines.push('', 'Personal-data changes (need sign-off):');
    for (const change of result.privacyChanges) lines.push(`  ${change.kind.padEnd(12)} ${change.coordinate.padEnd(36)} ${change.before ?? '-'} -> ${change.after ?? '-'}`);
  }
  lines.push('', `Changes clients see (${result.apiChanges.length}):`);
  if (result.apiChanges.length === 0) lines.push(result.composition.ok ? '  none' : '  unknown: the candidate did not compose');
  for (const change of result.apiChanges) {
    const usage = change.usage.length > 0 ? `  [used by ${[...new Set(change.usage.flatMap((hit) => hit.clients))].sort().join(', ')}]` : '';
    lines.push(changeLine(change) + usage);
  }
  lines.push('', `Changes to the subgraph (${result.subgraphChanges.length}):`);
  if (result.subgraphChanges.length === 0) lines.push('  none');
  for (const change of result.subgraphChanges) lines.push(changeLine(change));
  if (result.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const note of result.notes) lines.push(`  - ${note}`);
  }
  return lines.join('\n') + '\n';
}
