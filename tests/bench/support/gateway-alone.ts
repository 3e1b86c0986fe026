/**
 * The gateway as these benchmarks measure it: access control off (no token to send, no purpose)
 * and a rate limit no load loop reaches. The cost of the safeguards is measured side by side by
 * `npm run bench:trust` (tests/bench/trust-overhead.bench.ts); the access ledger still writes here.
 */
export const GATEWAY_ALONE: Readonly<Record<string, string>> = Object.freeze({
  SATU_ACCESS_CONTROL: 'off',
  SATU_MODE: 'development',
  SATU_RATE_LIMIT_REQUESTS: '10000000',
});
