import { checkResultJson, checkSubgraph, validateSubgraphUrl, type CheckInput, type CheckResult } from './check';
import { RegistryError } from './errors';
import type { UsageSource } from './usage-sources';
import { authorizePublish, type PublisherCredential } from './publisher-tokens';
import type { RegistryStore, StoredChange, SubgraphVersion, SupergraphRecord } from './registry.store';

export interface PublishInput extends CheckInput {
  credential: PublisherCredential;
  /** Where the check learns which fields clients use. @default the registry's usage table */
  usage?: UsageSource;
  /** Publishes despite failing checks (never despite composition errors); recorded with the version. */
  overrideReason?: string;
}

export type PublishOutcome =
  | { status: 'PUBLISHED'; check: CheckResult; version: SubgraphVersion; supergraph: SupergraphRecord; overridden: boolean }
  | { status: 'UNCHANGED'; check: CheckResult }
  | { status: 'REFUSED'; check: CheckResult; reason: string };

function storedChanges(check: CheckResult): StoredChange[] {
  return [
    ...check.subgraphChanges.map((change) => ({ scope: 'SUBGRAPH' as const, criticality: change.criticality, changeType: change.type, coordinate: change.coordinate, message: change.message })),
    ...check.apiChanges.map((change) => ({ scope: 'API' as const, criticality: change.criticality, changeType: change.type, coordinate: change.coordinate, message: change.message })),
    ...check.privacyChanges.map((change) => ({ scope: 'PRIVACY' as const, criticality: 'DANGEROUS' as const, changeType: `PERSONAL_DATA_${change.kind}`, coordinate: change.coordinate, message: change.message })),
  ];
}

/**
 * `satu publish` without the command line (issue 5, item 3): authorizes the publisher for the
 * subgraph's agency, runs the checks, refuses on failure unless overridden with a reason, and
 * stores the version, its change list and the new supergraph in one transaction. A publish that
 * lost a race with another gets RegistryError STALE and stores nothing.
 */
export async function publishSubgraph(store: RegistryStore, input: PublishInput): Promise<PublishOutcome> {
  const overrideReason = input.overrideReason?.trim();
  if (input.overrideReason !== undefined && overrideReason === '') {
    throw new RegistryError('BAD_INPUT', '--override needs a reason (who signed off and why); it is recorded with the version');
  }
  if (input.url !== undefined) validateSubgraphUrl(input.url);
  const subgraph = await store.subgraph(input.subgraph);
  if (!subgraph) {
    const known = (await store.subgraphs()).map((known) => known.name).join(', ') || '(none: the registry is empty)';
    throw new RegistryError('BAD_INPUT', `there is no subgraph ${JSON.stringify(input.subgraph)} in the registry; registered subgraphs: ${known}`);
  }
  authorizePublish(input.credential, subgraph);

  const check = await checkSubgraph(input.usage ? { snapshot: () => store.snapshot(), usageSince: (since) => input.usage!.usageSince(since) } : store, input);
  if (check.unchanged && check.url === subgraph.url) return { status: 'UNCHANGED', check };
  if (!check.composed) return { status: 'REFUSED', check, reason: 'the candidate does not compose; composition errors cannot be overridden' };
  if (!check.passed && !overrideReason) return { status: 'REFUSED', check, reason: 'the checks failed; publish with --override "reason" only with sign-off' };

  const { version, supergraph } = await store.publish({
    subgraph: input.subgraph,
    sdl: input.sdl,
    url: check.url,
    publisher: `${input.credential.publisher} (${input.credential.agency})`,
    checkResults: checkResultJson(check),
    overrideReason: check.passed ? null : (overrideReason ?? null),
    expectedPreviousVersionId: check.basedOn.versionId,
    expectedSupergraphId: check.basedOn.supergraphId,
    changes: storedChanges(check),
    supergraph: { sdl: check.composed.supergraphSdl, apiSdl: check.composed.apiSdl, members: check.composed.members },
    at: input.now?.toISOString(),
  });
  return { status: 'PUBLISHED', check, version, supergraph, overridden: !check.passed };
}
