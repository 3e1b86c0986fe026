/**
 * Counts requests per key (a cons-id, an API key, a user_key) in fixed one-second windows, the
 * way the API gateways in front of the legacy services throttle a consumer; over the limit the
 * simulator answers HTTP 429 with Retry-After (seconds).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { second: number; count: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {}

  /** Seconds to wait, or 0 when the request may pass. */
  retryAfter(key: string): number {
    const nowMs = this.now();
    const second = Math.floor(nowMs / 1000);
    const window = this.windows.get(key);
    if (!window || window.second !== second) {
      this.windows.set(key, { second, count: 1 });
      return 0;
    }
    window.count += 1;
    if (window.count <= this.perSecond) return 0;
    // Retry-After is whole seconds; the next window opens within one.
    return Math.max(1, Math.ceil(((second + 1) * 1000 - nowMs) / 1000));
  }
}
