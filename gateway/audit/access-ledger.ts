import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { auditUnavailable } from './audit-unavailable';
import type { LedgerCheckpoint } from './checkpoint';
import { commitEntries, type CommitResult } from './ledger-commit';
import { isPostgres } from './dialect';
import { entryContentOf, type LedgerEntryContent, type LedgerEntryDraft } from './ledger-entry';
import { migrateLedger } from './ledger-migrations';
import type { LedgerSigner } from './ledger-signing-key';
import { ACCESS_CHAIN, type LedgerTables } from './ledger-tables';

/** At most one log line about failing commits per this interval. */
const FAILURE_LOG_INTERVAL_MS = 5000;

export interface AccessLedgerOptions {
  /** The database (the gateway's own, or one from openLedgerDatabase); AccessLedger.open migrates it. */
  db: Kysely<any>;
  /** Signs checkpoints (loadOrCreateLedgerSigner). */
  signer: LedgerSigner;
  /** At most this many entries per transaction. @default 500 */
  maxBatchEntries?: number;
  /**
   * How long an idle ledger waits for more entries before committing the first; 0 commits at the end
   * of the current turn of the event loop. Entries that arrive while a commit runs always wait for
   * it and go into the next transaction, so under load batches form without any delay. @default 0
   */
  flushDelayMs?: number;
  /** Entries waiting beyond this are refused at once (AUDIT_UNAVAILABLE): back-pressure when the database is slower than the traffic. @default 20000 */
  maxPendingEntries?: number;
  /** An append not committed within this rejects with AUDIT_UNAVAILABLE. @default 10000 */
  appendTimeoutMs?: number;
  /** PostgreSQL: lock and statement timeout of each commit, so a locked table fails a batch instead of hanging it. @default 3000 */
  databaseTimeoutMs?: number;
  /** A checkpoint every this many entries... @default 1000 */
  checkpointEveryEntries?: number;
  /** ... or this often while entries come in (an idle ledger is sealed within 1.5x this). @default 60000 */
  checkpointEveryMs?: number;
  /** Close the database on close(). @default false */
  ownsDatabase?: boolean;
  logger?: Pick<Logger, 'warn' | 'error'>;
  now?: () => Date;
}

/** Where an entry landed. */
export interface LedgerReceipt {
  sequence: number;
  hash: string;
}

export interface LedgerStats {
  committedEntries: number;
  committedBatches: number;
  failedBatches: number;
  largestBatch: number;
  checkpoints: number;
  pending: number;
}

interface PendingAppend {
  content: LedgerEntryContent;
  resolve(receipt: LedgerReceipt): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  settled: boolean;
  inFlight: boolean;
  /** Rejected by its timeout while its transaction was running: if that commits, the log says so. */
  timedOut: boolean;
}

interface CheckpointWaiter {
  resolve(checkpoint: LedgerCheckpoint | null): void;
  reject(error: Error): void;
}

/**
 * The tamper-evident access ledger (issue 6, item 6): one hash-chained entry per operation,
 * written with group commit. append() resolves only once its entry is durably committed; entries
 * that arrive while a transaction runs go into the next one, so the gateway never waits in line
 * for one transaction per request. A failed commit rejects every append of its batch with
 * AUDIT_UNAVAILABLE (nothing of the batch is written) and the next batch simply tries again, so the
 * ledger recovers by itself once the database takes writes again.
 */
export class AccessLedger {
  private readonly db: Kysely<LedgerTables>;
  private readonly pending: PendingAppend[] = [];
  private readonly checkpointWaiters: CheckpointWaiter[] = [];
  private checkpointWanted = false;
  private draining: Promise<void> | null = null;
  private flushTimer: NodeJS.Timeout | undefined;
  private flushImmediate: NodeJS.Immediate | undefined;
  private readonly checkpointTimer: NodeJS.Timeout;
  private closing: Promise<void> | null = null;
  private lastFailureLogAt = Number.NEGATIVE_INFINITY;
  private failuresSinceLog = { batches: 0, entries: 0 };
  private readonly counters = { committedEntries: 0, committedBatches: 0, failedBatches: 0, largestBatch: 0, checkpoints: 0 };
  private readonly settings: Required<Omit<AccessLedgerOptions, 'db' | 'signer' | 'logger' | 'now' | 'ownsDatabase'>>;
  private readonly postgres: boolean;
  private readonly now: () => Date;

  /** Migrates the ledger's tables on `options.db` and opens the ledger. */
  static async open(options: AccessLedgerOptions): Promise<AccessLedger> {
    await migrateLedger(options.db);
    return new AccessLedger(options);
  }

  constructor(private readonly options: AccessLedgerOptions) {
    this.db = options.db as Kysely<LedgerTables>;
    this.settings = {
      maxBatchEntries: positive(options.maxBatchEntries ?? 500, 'maxBatchEntries'),
      flushDelayMs: atLeastZero(options.flushDelayMs ?? 0, 'flushDelayMs'),
      maxPendingEntries: positive(options.maxPendingEntries ?? 20_000, 'maxPendingEntries'),
      appendTimeoutMs: positive(options.appendTimeoutMs ?? 10_000, 'appendTimeoutMs'),
      databaseTimeoutMs: positive(options.databaseTimeoutMs ?? 3000, 'databaseTimeoutMs'),
      checkpointEveryEntries: positive(options.checkpointEveryEntries ?? 1000, 'checkpointEveryEntries'),
      checkpointEveryMs: positive(options.checkpointEveryMs ?? 60_000, 'checkpointEveryMs'),
    };
    this.postgres = isPostgres(options.db);
    this.now = options.now ?? (() => new Date());
    // An idle ledger still gets its last entries sealed: every half interval, see whether one is due.
    this.checkpointTimer = setInterval(() => {
      this.checkpointWanted = true;
      this.startDrain();
    }, Math.max(10, Math.floor(this.settings.checkpointEveryMs / 2)));
    this.checkpointTimer.unref();
  }

  /**
   * Records one operation. Resolves once the entry is committed (with its sequence and hash);
   * rejects with a GraphQLError AUDIT_UNAVAILABLE when it cannot be (invalid draft, database
   * failure, timeout, backlog, ledger closed): the gateway must then release no personal data.
   */
  append(draft: LedgerEntryDraft): Promise<LedgerReceipt> {
    if (this.closing) return Promise.reject(auditUnavailable(new Error('the access ledger is closed')));
    let content: LedgerEntryContent;
    try {
      content = entryContentOf(draft, this.now());
    } catch (error) {
      return Promise.reject(auditUnavailable(error));
    }
    if (this.pending.length >= this.settings.maxPendingEntries) {
      return Promise.reject(auditUnavailable(new Error(`${this.pending.length} ledger entries are already waiting for the database; refusing more until it catches up`)));
    }
    return new Promise<LedgerReceipt>((resolve, reject) => {
      const append: PendingAppend = {
        content,
        resolve,
        reject,
        settled: false,
        inFlight: false,
        timedOut: false,
        timer: setTimeout(() => this.expire(append), this.settings.appendTimeoutMs),
      };
      append.timer.unref();
      this.pending.push(append);
      this.kick();
    });
  }

  /** Seals the chain as it stands with a signed checkpoint (null when nothing is new since the last one). */
  checkpointNow(): Promise<LedgerCheckpoint | null> {
    return new Promise((resolve, reject) => {
      this.checkpointWaiters.push({ resolve, reject });
      this.startDrain();
    });
  }

  /** Waits until every append made so far has been committed or refused. */
  async flush(): Promise<void> {
    while (this.draining || this.pending.length > 0) {
      this.startDrain();
      await this.draining;
    }
  }

  /** Stops taking entries, commits what is waiting, seals the chain with a checkpoint, and closes the database if it owns it. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.checkpointTimer);
      await this.flush();
      try {
        await this.checkpointNow();
      } catch (error) {
        this.options.logger?.error({ err: (error as { originalError?: Error }).originalError ?? error }, 'access ledger: the closing checkpoint could not be written');
      }
      if (this.options.ownsDatabase) await this.db.destroy();
    })();
    return this.closing;
  }

  stats(): LedgerStats {
    return { ...this.counters, pending: this.pending.length };
  }

  private kick(): void {
    if (this.draining) return; // the running drain takes these next: group commit
    if (this.pending.length >= this.settings.maxBatchEntries) {
      this.startDrain();
    } else if (!this.flushTimer && !this.flushImmediate) {
      const flush = (): void => {
        this.flushTimer = undefined;
        this.flushImmediate = undefined;
        this.startDrain();
      };
      // 0: commit at the end of this turn of the event loop, with every append made in it.
      if (this.settings.flushDelayMs === 0) this.flushImmediate = setImmediate(flush);
      else this.flushTimer = setTimeout(flush, this.settings.flushDelayMs);
    }
  }

  private startDrain(): void {
    if (this.draining) return;
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    if (this.flushImmediate) {
      clearImmediate(this.flushImmediate);
      this.flushImmediate = undefined;
    }
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.pending.length > 0 || this.checkpointWaiters.length > 0) this.startDrain();
    });
  }

  /** Commits batch after batch while there is anything to commit; one transaction at a time per ledger. */
  private async drain(): Promise<void> {
    for (;;) {
      const batch = this.pending.splice(0, this.settings.maxBatchEntries);
      const waiters = this.checkpointWaiters.splice(0);
      const timed = this.checkpointWanted;
      this.checkpointWanted = false;
      if (batch.length === 0 && waiters.length === 0 && !timed) return;
      // The timer's turn with nothing of ours waiting: a plain read first, so an idle ledger takes no lock.
      if (batch.length === 0 && waiters.length === 0 && !(await this.timedCheckpointDue())) continue;
      for (const append of batch) append.inFlight = true;
      let result: CommitResult;
      try {
        result = await commitEntries(
          this.db,
          batch.map((append) => append.content),
          {
            signer: this.options.signer,
            checkpointEveryEntries: this.settings.checkpointEveryEntries,
            checkpointEveryMs: this.settings.checkpointEveryMs,
            now: this.now,
            postgresTimeoutMs: this.postgres ? this.settings.databaseTimeoutMs : null,
            forceCheckpoint: waiters.length > 0,
          },
        );
      } catch (error) {
        this.counters.failedBatches += 1;
        const failure = auditUnavailable(error);
        this.logFailure(error, batch.length);
        for (const append of batch) settle(append, () => append.reject(failure));
        for (const waiter of waiters) waiter.reject(failure);
        continue;
      }
      this.counters.committedBatches += 1;
      this.counters.committedEntries += result.entries.length;
      this.counters.largestBatch = Math.max(this.counters.largestBatch, result.entries.length);
      if (result.checkpoint) this.counters.checkpoints += 1;
      const late = batch.filter((append) => append.timedOut).length;
      if (late > 0) {
        this.options.logger?.warn({ entries: late, firstSequence: result.entries[0]?.sequence }, 'access ledger: entries were committed after their operations had been refused for taking too long');
      }
      batch.forEach((append, index) => {
        const entry = result.entries[index]!;
        settle(append, () => append.resolve({ sequence: entry.sequence, hash: entry.hash }));
      });
      for (const waiter of waiters) waiter.resolve(result.checkpoint);
    }
  }

  /**
   * One error line for the first failed commit and then at most one every few seconds, with the
   * count since: under load a database outage fails many batches a second, and the log must stay readable.
   */
  private logFailure(error: unknown, entries: number): void {
    this.failuresSinceLog.batches += 1;
    this.failuresSinceLog.entries += entries;
    const now = Date.now();
    if (now - this.lastFailureLogAt < FAILURE_LOG_INTERVAL_MS) return;
    this.lastFailureLogAt = now;
    this.options.logger?.error(
      { err: error, failedBatches: this.failuresSinceLog.batches, refusedEntries: this.failuresSinceLog.entries },
      'access ledger: commits failed; their operations are refused (AUDIT_UNAVAILABLE) until the database takes writes again',
    );
    this.failuresSinceLog = { batches: 0, entries: 0 };
  }

  /** Whether the chain (appended to by any process) has entries no checkpoint covers, older than the interval allows. */
  private async timedCheckpointDue(): Promise<boolean> {
    try {
      const head = await this.db.selectFrom('audit_ledger_head').select(['sequence', 'checkpoint_sequence', 'checkpoint_at']).where('chain', '=', ACCESS_CHAIN).executeTakeFirst();
      if (!head || Number(head.sequence) <= Number(head.checkpoint_sequence)) return false;
      const lastAt = head.checkpoint_at ? Date.parse(head.checkpoint_at) : Number.NEGATIVE_INFINITY;
      return this.now().getTime() - lastAt >= this.settings.checkpointEveryMs;
    } catch (error) {
      this.options.logger?.warn({ err: error }, 'access ledger: could not read the chain head to see whether a checkpoint is due');
      return false;
    }
  }

  private expire(append: PendingAppend): void {
    if (append.settled) return;
    if (append.inFlight) {
      append.timedOut = true;
    } else {
      // Not in a transaction yet: it is dropped, so it will never be written.
      const index = this.pending.indexOf(append);
      if (index >= 0) this.pending.splice(index, 1);
    }
    settle(append, () => append.reject(auditUnavailable(new Error(`the access ledger did not commit the entry within ${this.settings.appendTimeoutMs} ms`))));
  }
}

function settle(append: PendingAppend, action: () => void): void {
  if (append.settled) return;
  append.settled = true;
  clearTimeout(append.timer);
  action();
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 1) throw new RangeError(`AccessLedger option ${name} must be at least 1, not ${value}`);
  return Math.floor(value);
}

function atLeastZero(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`AccessLedger option ${name} must be 0 or more, not ${value}`);
  return Math.floor(value);
}
