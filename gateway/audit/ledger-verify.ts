import type { KeyObject } from 'node:crypto';
import { checkpointPayload } from './checkpoint';
import { ENTRY_FORMAT_VERSION, entryHash, GENESIS_HASH, type LedgerEntry } from './ledger-entry';
import { checkpointOfRow, entryOfRow, MalformedRowError } from './ledger-rows';
import { signatureMatches } from './ledger-signing-key';
import type { LedgerCheckpointsTable, LedgerEntriesTable } from './ledger-tables';

/**
 * Verifying the ledger (issue 6, item 7): every entry's hash recomputed from its content, every
 * link to the previous entry, the sequence without gaps, and every checkpoint's signature and head
 * hash. Pure: rows and public keys in, a report out; no database, no clock. It stops at the first
 * problem and names it: later ones are usually consequences of the first.
 */

export type LedgerProblemKind =
  /** A column holds something the ledger never writes (not JSON, an unknown outcome, an unknown format). */
  | 'malformed-row'
  /** The entry's content no longer hashes to its stored hash: it was changed after it was written. */
  | 'content-changed'
  /** The row holds an entry written under another sequence: rows were swapped or renumbered. */
  | 'reordered'
  /** The entry's previous hash is not the hash of the entry before it. */
  | 'link-broken'
  /** Sequences jump: entries are missing (deleted). */
  | 'sequence-gap'
  /** A sequence repeats or goes backwards. */
  | 'sequence-order'
  /** A checkpoint's signature does not verify: forged or altered. */
  | 'checkpoint-signature'
  /** A checkpoint signed by a key the verifier was not given. */
  | 'checkpoint-unknown-key'
  /** A validly signed checkpoint disagrees with the entries: the chain was rewritten and re-hashed after it was signed. */
  | 'checkpoint-mismatch'
  /** A checkpoint seals entries that are no longer there: the end of the chain was cut off. */
  | 'checkpoint-beyond-end'
  /** Checkpoints repeat, go backwards, or name an impossible sequence. */
  | 'checkpoint-order'
  /** The chain's head row disagrees with the last entry. */
  | 'head-mismatch';

export interface LedgerProblem {
  kind: LedgerProblemKind;
  /** The first entry that is bad (or missing, or not trustworthy). */
  sequence: number;
  /** The checkpoint involved, by the sequence it seals. */
  checkpoint?: number;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  /** Entries checked (all of them when ok). */
  entries: number;
  /** The last good entry's sequence (0: none). */
  lastSequence: number;
  /** Its hash (the genesis value when there is none). */
  headHash: string;
  /** Checkpoints whose signature and head hash verified. */
  checkpoints: number;
  lastCheckpoint: { upToSequence: number; keyId: string; createdAt: string } | null;
  /** Good entries after the last good checkpoint: chained, but not yet sealed by a signature. */
  unsealedEntries: number;
  /** The keys that signed the good checkpoints. */
  keyIds: string[];
  problem: LedgerProblem | null;
}

export interface LedgerHeadRow {
  sequence: number | string;
  hash: string;
}

/** How far from its row a swapped entry is looked for (only once, for the first bad entry). */
const REORDER_SEARCH = 1000;

/**
 * The verifier, fed in order: checkpoints queued in ascending order (queueCheckpoint) no later than
 * the entry they seal, entries in ascending sequence (addEntry), then finish(). Streaming: it keeps
 * only the previous entry, so a ledger of any length is verified in constant memory.
 */
export class ChainVerifier {
  private entries = 0;
  private lastSequence = 0;
  private lastHash = GENESIS_HASH;
  private goodCheckpoints = 0;
  private lastCheckpoint: VerifyReport['lastCheckpoint'] = null;
  private readonly keyIds = new Set<string>();
  private readonly queue: LedgerCheckpointsTable[] = [];
  private queuedUpTo = 0;
  private problem: LedgerProblem | null = null;

  constructor(private readonly publicKeys: ReadonlyMap<string, KeyObject>) {}

  get failed(): boolean {
    return this.problem !== null;
  }

  /** Queues a checkpoint row; they must come in ascending order of the sequence they seal. */
  queueCheckpoint(row: LedgerCheckpointsTable): void {
    if (this.problem) return;
    const upTo = Number(row.up_to_sequence);
    if (!Number.isSafeInteger(upTo) || upTo < 1) {
      this.fail({ kind: 'checkpoint-order', sequence: this.lastSequence + 1, message: `a checkpoint claims to seal sequence ${String(row.up_to_sequence)}, which no entry can have` });
      return;
    }
    if (upTo <= this.queuedUpTo) {
      this.fail({ kind: 'checkpoint-order', sequence: upTo, checkpoint: upTo, message: `two checkpoints seal sequence ${upTo}, or they are out of order (after one at ${this.queuedUpTo})` });
      return;
    }
    this.queuedUpTo = upTo;
    this.queue.push(row);
  }

  /** Checks the next entry row; false once a problem has been found (stop feeding). */
  addEntry(row: LedgerEntriesTable): boolean {
    if (this.problem) return false;
    const expected = this.lastSequence + 1;
    let entry: LedgerEntry;
    try {
      entry = entryOfRow(row);
      if (entry.formatVersion !== ENTRY_FORMAT_VERSION) throw new MalformedRowError(`format version ${entry.formatVersion} is not one this verifier knows (${ENTRY_FORMAT_VERSION})`);
    } catch (error) {
      if (!(error instanceof MalformedRowError)) throw error;
      const at = Number(row.sequence);
      return this.fail({ kind: 'malformed-row', sequence: Number.isSafeInteger(at) ? at : expected, message: `entry ${String(row.sequence)}: ${error.message}` });
    }
    if (entry.sequence > expected) {
      const missing = entry.sequence - expected === 1 ? `entry ${expected} is missing` : `entries ${expected} to ${entry.sequence - 1} are missing`;
      return this.fail({ kind: 'sequence-gap', sequence: expected, message: `${missing} (deleted?): the chain goes from ${this.lastSequence} to ${entry.sequence}` });
    }
    if (entry.sequence < expected) {
      return this.fail({ kind: 'sequence-order', sequence: entry.sequence, message: `entry ${entry.sequence} comes after entry ${this.lastSequence}: rows are duplicated or out of order` });
    }
    if (entryHash(entry) !== entry.hash) {
      const writtenAs = writtenSequence(entry);
      if (writtenAs !== null) {
        return this.fail({ kind: 'reordered', sequence: entry.sequence, message: `the row at sequence ${entry.sequence} holds the entry written as sequence ${writtenAs}: rows were swapped or renumbered` });
      }
      return this.fail({ kind: 'content-changed', sequence: entry.sequence, message: `entry ${entry.sequence} was changed after it was written: its content no longer matches its hash ${entry.hash.slice(0, 16)}…` });
    }
    if (entry.previousHash !== this.lastHash) {
      const before = this.lastSequence === 0 ? 'the genesis value' : `entry ${this.lastSequence}'s hash`;
      const suspect = this.lastSequence === 0 ? 'the first entry was replaced' : `entry ${this.lastSequence} was changed and re-hashed, or entry ${entry.sequence} was re-linked`;
      return this.fail({ kind: 'link-broken', sequence: entry.sequence, message: `entry ${entry.sequence}'s previous hash is not ${before}: ${suspect}` });
    }
    this.entries += 1;
    this.lastSequence = entry.sequence;
    this.lastHash = entry.hash;
    return this.checkQueuedCheckpoints();
  }

  /** The report; `head` (the chain's head row) also catches a cut-off end that no checkpoint sealed yet. */
  finish(head?: LedgerHeadRow): VerifyReport {
    if (!this.problem && this.queue.length > 0) {
      const beyond = Number(this.queue[0]!.up_to_sequence);
      this.fail({
        kind: 'checkpoint-beyond-end',
        sequence: this.lastSequence + 1,
        checkpoint: beyond,
        message: `a checkpoint seals the chain up to ${beyond}, but it ends at ${this.lastSequence}: entries ${this.lastSequence + 1} to ${beyond} were deleted`,
      });
    }
    if (!this.problem && head) {
      const headSequence = Number(head.sequence);
      if (headSequence !== this.lastSequence || head.hash !== this.lastHash) {
        const message =
          headSequence > this.lastSequence
            ? `the chain's head says it ends at ${headSequence}, but the last entry is ${this.lastSequence}: entries ${this.lastSequence + 1} to ${headSequence} were deleted`
            : headSequence < this.lastSequence
              ? `the chain's head says it ends at ${headSequence}, but entries go on to ${this.lastSequence}: entries after ${headSequence} were added around the ledger`
              : `the chain's head hash differs from entry ${this.lastSequence}'s: the head row or the last entry was altered`;
        this.fail({ kind: 'head-mismatch', sequence: Math.min(headSequence, this.lastSequence) + 1, message });
      }
    }
    const sealed = this.lastCheckpoint?.upToSequence ?? 0;
    return {
      ok: this.problem === null,
      entries: this.entries,
      lastSequence: this.lastSequence,
      headHash: this.lastHash,
      checkpoints: this.goodCheckpoints,
      lastCheckpoint: this.lastCheckpoint,
      unsealedEntries: this.lastSequence - sealed,
      keyIds: [...this.keyIds].sort(),
      problem: this.problem,
    };
  }

  private checkQueuedCheckpoints(): boolean {
    while (this.queue.length > 0 && Number(this.queue[0]!.up_to_sequence) <= this.lastSequence) {
      const checkpoint = checkpointOfRow(this.queue.shift()!);
      const upTo = checkpoint.upToSequence;
      const since = (this.lastCheckpoint?.upToSequence ?? 0) + 1;
      if (upTo < this.lastSequence) {
        return this.fail({ kind: 'checkpoint-order', sequence: upTo, checkpoint: upTo, message: `the checkpoint sealing ${upTo} was given after entry ${this.lastSequence}: feed checkpoints before the entries after them` });
      }
      const key = this.publicKeys.get(checkpoint.keyId);
      if (!key) {
        return this.fail({
          kind: 'checkpoint-unknown-key',
          sequence: since,
          checkpoint: upTo,
          message: `the checkpoint sealing ${upTo} is signed by key ${checkpoint.keyId}, which is not among the public keys given (${[...this.publicKeys.keys()].join(', ') || 'none'}): add that gateway's public key, or it is forged`,
        });
      }
      if (!signatureMatches(checkpointPayload(checkpoint), checkpoint.signature, key)) {
        return this.fail({ kind: 'checkpoint-signature', sequence: since, checkpoint: upTo, message: `the checkpoint sealing ${upTo} does not carry a valid signature of key ${checkpoint.keyId}: it was forged or altered` });
      }
      if (checkpoint.headHash !== this.lastHash) {
        return this.fail({
          kind: 'checkpoint-mismatch',
          sequence: since,
          checkpoint: upTo,
          message: `the checkpoint signed at ${checkpoint.createdAt} says the chain up to ${upTo} ended in ${checkpoint.headHash.slice(0, 16)}…, but the entries now end in ${this.lastHash.slice(0, 16)}…: entries from ${since} to ${upTo} were rewritten and re-hashed after it was signed`,
        });
      }
      this.goodCheckpoints += 1;
      this.keyIds.add(checkpoint.keyId);
      this.lastCheckpoint = { upToSequence: upTo, keyId: checkpoint.keyId, createdAt: checkpoint.createdAt };
    }
    return true;
  }

  private fail(problem: LedgerProblem): false {
    this.problem ??= problem;
    return false;
  }
}

/** The sequence under which a moved entry was hashed, when it was near its current row; null when none matches. */
function writtenSequence(entry: LedgerEntry): number | null {
  for (let distance = 1; distance <= REORDER_SEARCH; distance += 1) {
    for (const sequence of [entry.sequence - distance, entry.sequence + distance]) {
      if (sequence >= 1 && entryHash({ ...entry, sequence }) === entry.hash) return sequence;
    }
  }
  return null;
}

/**
 * Verifies rows held in memory, in the order given (a dump, a test): entries as they come,
 * checkpoints sorted by the sequence they seal.
 */
export function verifyLedgerRows(
  entries: Iterable<LedgerEntriesTable>,
  checkpoints: Iterable<LedgerCheckpointsTable>,
  publicKeys: ReadonlyMap<string, KeyObject>,
  head?: LedgerHeadRow,
): VerifyReport {
  const verifier = new ChainVerifier(publicKeys);
  const sorted = [...checkpoints].sort((a, b) => Number(a.up_to_sequence) - Number(b.up_to_sequence));
  for (const checkpoint of sorted) verifier.queueCheckpoint(checkpoint);
  for (const entry of entries) {
    if (!verifier.addEntry(entry)) break;
  }
  return verifier.finish(head);
}
