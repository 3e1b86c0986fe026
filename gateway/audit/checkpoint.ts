import { canonicalJson } from './canonical-json';

/** A signed statement "the chain up to this sequence ends in this hash", made every N entries or T seconds. */
export interface LedgerCheckpoint {
  upToSequence: number;
  headHash: string;
  createdAt: string;
  keyId: string;
  /** Ed25519 signature (base64) of checkpointPayload(...). */
  signature: string;
}

/** Names what is signed, so a signature over a ledger checkpoint can never be passed off as one over anything else. */
export const CHECKPOINT_STATEMENT = 'satu-access-ledger-checkpoint/v1';

/** The canonical text a checkpoint's signature covers. */
export function checkpointPayload(checkpoint: Omit<LedgerCheckpoint, 'signature'>): string {
  return canonicalJson({
    statement: CHECKPOINT_STATEMENT,
    upToSequence: checkpoint.upToSequence,
    headHash: checkpoint.headHash,
    createdAt: checkpoint.createdAt,
    keyId: checkpoint.keyId,
  });
}
