import { RateLimiter } from '../../../../subgraphs/kit/simulator/rate-limiter';

describe('RateLimiter', () => {
  it('lets perSecond requests per key pass in one second, then asks to wait until the next window', () => {
    let now = 10_000;
    const limiter = new RateLimiter(2, () => now);
    expect(limiter.retryAfter('a')).toBe(0);
    expect(limiter.retryAfter('a')).toBe(0);
    now = 10_400;
    expect(limiter.retryAfter('a')).toBe(1);
    // Another key has its own window.
    expect(limiter.retryAfter('b')).toBe(0);
    now = 11_000;
    expect(limiter.retryAfter('a')).toBe(0);
  });

  it('answers whole seconds, at least 1', () => {
    let now = 5_999;
    const limiter = new RateLimiter(0, () => now);
    expect(limiter.retryAfter('k')).toBe(0);
    expect(limiter.retryAfter('k')).toBe(1);
    now = 6_000;
    expect(limiter.retryAfter('k')).toBe(0);
    expect(limiter.retryAfter('k')).toBe(1);
  });
});
