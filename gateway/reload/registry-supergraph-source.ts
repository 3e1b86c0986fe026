import type { SupergraphManager, SupergraphSdlUpdateFunction } from '@apollo/gateway';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Logger } from 'pino';
import { sha256 } from '../registry/registry.store';
import { readLastGood, writeLastGood, type LastGoodSupergraph } from './last-good-file';
import type { RegistryCandidate, RegistryReader, SupergraphHead } from './registry-reader';
import type { ReloadStatus } from './reload-status';
import { preflightSupergraph } from './supergraph-preflight';
import type { SupergraphAcceptor, SupergraphSource } from './supergraph-source';
import { verifySubgraphs, type VerificationProblem } from './verify-subgraphs';

export const RELOAD_DEFAULTS = {
  /** How often the registry is asked for a new current supergraph. */
  pollIntervalMs: 1000,
  /** Time each subgraph has to answer `{ _service { sdl } }` during verification. */
  verifyTimeoutMs: 2000,
  /** A refused supergraph is looked at again after this long (an agency that comes up later makes it pass). */
  refusalRetryMs: 10_000,
} as const;

export interface RegistrySupergraphSourceOptions {
  registry: RegistryReader;
  /** The last-good SDL file; its sidecar is `<file>.json`. */
  lastGoodFile: string;
  /** Served on a fresh install (no registry content, no last-good file), e.g. schema/supergraph.graphql. */
  fallback?: { sdl: string; description: string };
  /** @default 1000 */
  pollIntervalMs?: number;
  /** @default 2000 */
  verifyTimeoutMs?: number;
  /** @default 10000 */
  refusalRetryMs?: number;
  /** The gateway context for a subgraph, for verification questions to subgraphs that require one. */
  contextFor?: (subgraph: string) => Promise<string>;
  logger: Logger;
}

interface Served {
  sdl: string;
  hash: string;
  sequence: number | null;
  source: ReloadStatus['source'];
  loadedAt: string;
  verified: boolean;
}

function describeProblems(problems: readonly VerificationProblem[]): string {
  return `subgraph verification failed: ${problems.map((problem) => `${problem.subgraph} at ${problem.url} ${problem.problem}`).join('; ')}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The gateway's supergraph, following the schema registry (issue 5, item 4). An ApolloGateway
 * SupergraphManager: `initialize` picks the start-up supergraph (registry, else last good, else
 * the fallback file), then the registry is polled; a new current supergraph is loaded in a dry
 * run (preflight + the gateway's own acceptor), every network subgraph must serve the SDL
 * published for it, and only then is it handed to the gateway's `update`. Anything that fails
 * leaves the working supergraph in place, with the reason logged and in `status()`.
 *
 * `update` swaps the schema and query planner synchronously; requests already executing keep the
 * plan, data sources and supergraph schema they captured, so they finish on the old supergraph.
 */
export class RegistrySupergraphSource implements SupergraphSource {
  private readonly pollIntervalMs: number;
  private readonly verifyTimeoutMs: number;
  private readonly refusalRetryMs: number;
  private served: Served | undefined;
  private registryState: NonNullable<ReloadStatus['registry']> = { reachable: false, lastError: null, checkedAt: null };
  private lastRefused: ReloadStatus['lastRefused'] = null;
  /** The most recently refused supergraph and when: not looked at again before refusalRetryMs. */
  private refusedAt: { hash: string; atMs: number } | undefined;
  private lastUnverifiedCheckMs = 0;
  private update: SupergraphSdlUpdateFunction | undefined;
  private accept: SupergraphAcceptor = () => undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly stopSignal = new AbortController();
  /** Polls run one after another, whether the timer or `checkNow` started them. */
  private polling: Promise<void> = Promise.resolve();

  constructor(private readonly options: RegistrySupergraphSourceOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? RELOAD_DEFAULTS.pollIntervalMs;
    this.verifyTimeoutMs = options.verifyTimeoutMs ?? RELOAD_DEFAULTS.verifyTimeoutMs;
    this.refusalRetryMs = options.refusalRetryMs ?? RELOAD_DEFAULTS.refusalRetryMs;
  }

  manager(accept: SupergraphAcceptor): SupergraphManager {
    this.accept = accept;
    return {
      initialize: async ({ update }) => {
        this.update = update;
        const served = await this.startUpSupergraph();
        this.served = served;
        this.options.logger.info({ source: served.source, sequence: served.sequence, hash: served.hash, verified: served.verified }, 'serving supergraph');
        this.scheduleNextPoll();
        return { supergraphSdl: served.sdl, cleanup: () => this.stop() };
      },
    };
  }

  status(): ReloadStatus {
    const served = this.served;
    return {
      source: served?.source ?? 'file',
      sequence: served?.sequence ?? null,
      hash: served?.hash ?? '',
      loadedAt: served?.loadedAt ?? '',
      verified: served?.verified ?? false,
      registry: { ...this.registryState },
      lastRefused: this.lastRefused ? { ...this.lastRefused } : null,
    };
  }

  /** Polls the registry now (after any poll in progress); what the timer does every interval. */
  checkNow(): Promise<void> {
    this.polling = this.polling.then(() => this.poll()).catch((error: unknown) => this.options.logger.error({ err: messageOf(error) }, 'registry poll failed unexpectedly'));
    return this.polling;
  }

  private scheduleNextPoll(): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      void this.checkNow().finally(() => this.scheduleNextPoll());
    }, this.pollIntervalMs);
    // The poll must never keep a process alive that is otherwise done.
    this.timer.unref();
  }

  private async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.stopSignal.abort();
    await this.polling;
  }

  private markReachable(): void {
    const now = new Date().toISOString();
    if (!this.registryState.reachable && this.registryState.lastError !== null) this.options.logger.info('the registry is reachable again');
    this.registryState = { reachable: true, lastError: null, checkedAt: now };
  }

  private markUnreachable(error: unknown): void {
    const message = messageOf(error);
    // Logged when it starts or changes, not every interval.
    if (this.registryState.reachable || this.registryState.lastError !== message) {
      this.options.logger.error({ err: message }, 'the registry cannot be read; keeping the current supergraph');
    }
    this.registryState = { reachable: false, lastError: message, checkedAt: new Date().toISOString() };
  }

  private refuse(head: SupergraphHead, reason: string): void {
    const at = new Date();
    this.refusedAt = { hash: head.hash, atMs: at.getTime() };
    this.lastRefused = { sequence: head.sequence, hash: head.hash, reason, at: at.toISOString() };
    this.options.logger.error({ sequence: head.sequence, hash: head.hash, reason, retryInMs: this.refusalRetryMs }, 'refused the registry supergraph; keeping the current one');
  }

  /** Throws when the gateway could not load the SDL (dry run of the gateway's update, plus its acceptor). */
  private dryRun(sdl: string): ReturnType<typeof preflightSupergraph> {
    const preflighted = preflightSupergraph(sdl);
    this.accept(sdl);
    return preflighted;
  }

  /** Why the candidate must not be served (null when it may), and whether it failed already in the dry run. */
  private async rejectionReason(candidate: RegistryCandidate): Promise<{ reason: string | null; loads: boolean }> {
    let subgraphs;
    try {
      subgraphs = this.dryRun(candidate.sdl).subgraphs;
    } catch (error) {
      return { reason: messageOf(error), loads: false };
    }
    // The dry run is CPU work on the gateway's event loop: let waiting requests run before more of it.
    await yieldToEventLoop();
    const members = new Map(candidate.members.map((member) => [member.subgraph, member]));
    const missing = subgraphs.filter((subgraph) => !members.has(subgraph.name)).map((subgraph) => subgraph.name);
    if (missing.length > 0) return { reason: `the supergraph names subgraphs with no published version in it: ${missing.join(', ')}`, loads: true };
    const problems = await verifySubgraphs(
      subgraphs.map((subgraph) => {
        const member = members.get(subgraph.name)!;
        return { name: subgraph.name, url: subgraph.url, publishedSdl: member.sdl, versionSequence: member.versionSequence };
      }),
      { timeoutMs: this.verifyTimeoutMs, signal: this.stopSignal.signal, contextFor: this.options.contextFor },
    );
    return { reason: problems.length === 0 ? null : describeProblems(problems), loads: true };
  }

  private readLastGood(): LastGoodSupergraph | undefined {
    const read = readLastGood(this.options.lastGoodFile);
    if (read.status === 'found') return read.lastGood;
    if (read.status === 'unusable') this.options.logger.error({ file: this.options.lastGoodFile, reason: read.reason }, 'ignoring the last-good supergraph');
    return undefined;
  }

  private saveLastGood(served: Served): void {
    if (served.sequence === null) return;
    try {
      writeLastGood(this.options.lastGoodFile, { sdl: served.sdl, sequence: served.sequence, hash: served.hash });
    } catch (error) {
      // The switch stands; only the fallback for the next start is older than it could be.
      this.options.logger.error({ file: this.options.lastGoodFile, err: messageOf(error) }, 'could not write the last-good supergraph');
    }
  }

  private loads(sdl: string, what: string): boolean {
    try {
      this.dryRun(sdl);
      return true;
    } catch (error) {
      this.options.logger.error({ reason: messageOf(error) }, `cannot serve ${what}`);
      return false;
    }
  }

  /**
   * Start-up order: the registry's current supergraph when it verifies; else the last-good file;
   * else (no last good, or the last good is that same supergraph) the registry's supergraph
   * anyway, marked unverified: an unreachable agency costs only its own fields, refusing to
   * start would cost all of them. With the registry unreachable or empty: the last-good file,
   * else the fallback file.
   */
  private async startUpSupergraph(): Promise<Served> {
    const loadedAt = new Date().toISOString();
    let candidate: RegistryCandidate | undefined;
    try {
      const head = await this.options.registry.head();
      candidate = head ? await this.options.registry.load(head) : undefined;
      this.markReachable();
    } catch (error) {
      this.markUnreachable(error);
    }
    const lastGood = this.readLastGood();
    if (candidate) {
      const { reason, loads } = await this.rejectionReason(candidate);
      const fromRegistry = (verified: boolean): Served => ({ sdl: candidate.sdl, hash: candidate.hash, sequence: candidate.sequence, source: 'registry', loadedAt, verified });
      if (reason === null) {
        const served = fromRegistry(true);
        if (lastGood?.hash !== served.hash) this.saveLastGood(served);
        return served;
      }
      this.refuse(candidate, reason);
      if (lastGood && lastGood.hash !== candidate.hash && this.loads(lastGood.sdl, 'the last-good supergraph')) {
        return { sdl: lastGood.sdl, hash: lastGood.hash, sequence: lastGood.sequence, source: 'last-good', loadedAt, verified: true };
      }
      if (loads) {
        this.options.logger.warn({ sequence: candidate.sequence, reason }, 'serving the registry supergraph UNVERIFIED: there is no other supergraph to serve; it is re-verified until it passes');
        this.lastRefused = null;
        this.lastUnverifiedCheckMs = Date.now();
        return fromRegistry(false);
      }
    } else if (lastGood && this.loads(lastGood.sdl, 'the last-good supergraph')) {
      return { sdl: lastGood.sdl, hash: lastGood.hash, sequence: lastGood.sequence, source: 'last-good', loadedAt, verified: true };
    }
    const fallback = this.options.fallback;
    if (fallback) {
      this.dryRun(fallback.sdl);
      this.options.logger.warn({ fallback: fallback.description }, 'serving the fallback supergraph: the registry offers none that can be served and there is no usable last-good file');
      return { sdl: fallback.sdl, hash: sha256(fallback.sdl), sequence: null, source: 'file', loadedAt, verified: true };
    }
    throw new Error(
      `no supergraph to serve: the registry ${this.registryState.reachable ? 'has no usable supergraph' : `cannot be read (${this.registryState.lastError})`}, ` +
        `there is no usable last-good file at ${this.options.lastGoodFile}, and no fallback supergraph file was given`,
    );
  }

  private async poll(): Promise<void> {
    if (this.stopping || !this.served) return;
    let head: SupergraphHead | null;
    try {
      head = await this.options.registry.head();
      this.markReachable();
    } catch (error) {
      this.markUnreachable(error);
      return;
    }
    if (!head) return;
    const served = this.served;
    if (head.hash === served.hash) {
      await this.settleCurrent(head);
      return;
    }
    if (this.refusedAt?.hash === head.hash && Date.now() - this.refusedAt.atMs < this.refusalRetryMs) return;
    let candidate: RegistryCandidate;
    try {
      candidate = await this.options.registry.load(head);
    } catch (error) {
      this.markUnreachable(error);
      return;
    }
    const { reason } = await this.rejectionReason(candidate);
    if (this.stopping) return;
    if (reason !== null) {
      this.refuse(candidate, reason);
      return;
    }
    await yieldToEventLoop();
    if (this.stopping) return;
    this.switchTo(candidate);
  }

  private switchTo(candidate: RegistryCandidate): void {
    const previous = this.served!;
    try {
      this.update!(candidate.sdl);
    } catch (error) {
      // The gateway may have taken part of the new supergraph before throwing; handing it the
      // old one again rebuilds its state from the working supergraph (a no-op if nothing changed).
      try {
        this.update!(previous.sdl);
      } catch (restoreError) {
        this.options.logger.error({ err: messageOf(restoreError) }, 'could not hand the previous supergraph back to the gateway');
      }
      this.refuse(candidate, `the gateway failed to load it: ${messageOf(error)}`);
      return;
    }
    const served: Served = { sdl: candidate.sdl, hash: candidate.hash, sequence: candidate.sequence, source: 'registry', loadedAt: new Date().toISOString(), verified: true };
    this.served = served;
    this.refusedAt = undefined;
    if (this.lastRefused && this.lastRefused.sequence <= candidate.sequence) this.lastRefused = null;
    this.saveLastGood(served);
    this.options.logger.info({ from: previous.sequence, to: candidate.sequence, hash: candidate.hash }, 'switched to the registry supergraph');
  }

  /**
   * The registry's current supergraph is the one being served: take its sequence (the same SDL
   * may come back under a later sequence, or the last-good file may be it), and re-verify a
   * supergraph served unverified at start, at the refusal pace, until it passes.
   */
  private async settleCurrent(head: SupergraphHead): Promise<void> {
    const served = this.served!;
    if (served.source !== 'registry' || served.sequence !== head.sequence) {
      this.served = { ...served, source: 'registry', sequence: head.sequence };
      this.options.logger.info({ sequence: head.sequence, was: served.source }, 'the served supergraph is the registry\'s current one');
    }
    if (served.verified || Date.now() - this.lastUnverifiedCheckMs < this.refusalRetryMs) return;
    this.lastUnverifiedCheckMs = Date.now();
    let candidate: RegistryCandidate;
    try {
      candidate = await this.options.registry.load(head);
    } catch (error) {
      this.markUnreachable(error);
      return;
    }
    const { reason } = await this.rejectionReason(candidate);
    if (reason !== null) {
      this.options.logger.warn({ sequence: head.sequence, reason }, 'the served supergraph still fails verification');
      return;
    }
    this.served = { ...this.served!, verified: true };
    this.saveLastGood(this.served);
    this.options.logger.info({ sequence: head.sequence }, 'the served supergraph now passes verification');
  }
}
