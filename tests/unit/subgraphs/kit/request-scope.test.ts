import { currentRequestId, isSaneRequestId, requestIdFrom, runInRequestScope } from '../../../../subgraphs/kit/request-scope';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request scope', () => {
  it.each([
    ['550e8400-e29b-41d4-a716-446655440000', true],
    ['01HZX3J5R4K2V9Q8M7N6P5T4S3', true],
    ['trace:abc.def_1-2', true],
    ['a'.repeat(64), true],
    ['a'.repeat(65), false],
    ['', false],
    ['-starts-with-a-dash', false],
    ['has space', false],
    ['req<script>', false],
    ['nik-1471100405960001', false],
    ['line\nbreak', false],
  ])('%j is sane: %s', (value, sane) => {
    expect(isSaneRequestId(value)).toBe(sane);
  });

  it('keeps a sane incoming id and generates a UUID otherwise', () => {
    expect(requestIdFrom('req-1')).toBe('req-1');
    expect(requestIdFrom(['req-2', 'req-3'])).toBe('req-2');
    expect(requestIdFrom('1471100405960001')).toMatch(UUID);
    expect(requestIdFrom(undefined)).toMatch(UUID);
  });

  it('gives each request its own id across awaits, and none outside', async () => {
    const seen = await Promise.all(
      ['a', 'b', 'c'].map((requestId, index) =>
        runInRequestScope({ requestId }, async () => {
          await new Promise((resolve) => setTimeout(resolve, 15 - index * 5));
          return currentRequestId();
        }),
      ),
    );
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(currentRequestId()).toBeUndefined();
  });
});
