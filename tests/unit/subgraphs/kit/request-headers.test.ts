import type { IncomingMessage } from 'node:http';
import { header } from '../../../../subgraphs/kit/simulator/request-headers';

function request(headers: IncomingMessage['headers']): IncomingMessage {
  return { headers } as IncomingMessage;
}

describe('header', () => {
  it('reads a header by name, case-insensitively (Node lower-cases the names it receives)', () => {
    expect(header(request({ 'x-cons-id': '1234' }), 'X-Cons-ID')).toBe('1234');
  });

  it('answers the first value of a repeated header, and undefined for an absent one', () => {
    expect(header(request({ 'set-cookie': ['a=1', 'b=2'] }), 'set-cookie')).toBe('a=1');
    expect(header(request({}), 'user_key')).toBeUndefined();
  });
});
