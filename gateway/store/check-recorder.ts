import type { Logger } from 'pino';
import type { IdentityObservation, IdentitySyncStore } from './identity-sync.store';

/**
 * Identity checks are recorded off the request path: observations queue up and are written
 * in one transaction per flush, so a query for 100 citizens costs one commit, not 1,000.
 */
export class CheckRecorder {
  private queue: IdentityObservation[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: IdentitySyncStore,
    private readonly logger: Logger,
    private readonly flushAfterMs = 50,
  ) {}

  add(observations: readonly IdentityObservation[]): void {
    if (observations.length === 0) return;
    this.queue.push(...observations);
    this.timer ??= setTimeout(() => void this.flush(), this.flushAfterMs);
  }

  /** Writes what is queued; resolves when everything queued so far is committed. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    this.flushing = this.flushing.then(async () => {
      if (batch.length === 0) return;
      try {
        await this.store.record(batch);
      } catch (error) {
        this.logger.error({ err: (error as Error).message, observations: batch.length }, 'could not record identity checks');
      }
    });
    return this.flushing;
  }
}
