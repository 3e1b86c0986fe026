import type { GraphQLRequestContextWillSendResponse, BaseContext } from '@apollo/server';
import { valueCompletionPlugin } from '../../../../gateway/errors/value-completion.plugin';
import { captureLog } from './log-capture';

async function sendThrough(singleResult: Record<string, unknown>) {
  const log = captureLog();
  const plugin = valueCompletionPlugin<BaseContext>({ logger: log.logger });
  const listener = await plugin.requestDidStart!({} as never);
  const response = { body: { kind: 'single' as const, singleResult }, http: { headers: new Map(), status: undefined } };
  await listener!.willSendResponse!({ response } as unknown as GraphQLRequestContextWillSendResponse<BaseContext>);
  return { result: response.body.singleResult, log };
}

describe('valueCompletionPlugin', () => {
  it('turns the values ApolloGateway dropped into AGENCY_BAD_RESPONSE errors at their paths and removes the extension', async () => {
    const { result, log } = await sendThrough({
      data: { citizen: { age: null } },
      errors: [{ message: 'samsat: ...', path: ['citizen', 'vehicles'], extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'samsat' } }],
      extensions: { valueCompletion: [{ message: 'Invalid value found for field Citizen.age.', path: ['citizen', 'age'], extensions: { code: 'INVALID_GRAPHQL' } }], other: 1 },
    });
    expect(result).toEqual({
      data: { citizen: { age: null } },
      errors: [
        { message: 'samsat: ...', path: ['citizen', 'vehicles'], extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'samsat' } },
        { message: 'An agency answered a value of the wrong type here; it is null, and the rest of the answer stands.', path: ['citizen', 'age'], extensions: { code: 'AGENCY_BAD_RESPONSE' } },
      ],
      extensions: { other: 1 },
    });
    expect(log.entries()).toEqual([expect.objectContaining({ msg: 'the gateway dropped values while shaping the answer', count: 1 })]);
  });

  it('leaves an answer without dropped values alone', async () => {
    const { result, log } = await sendThrough({ data: { citizen: { age: 3 } } });
    expect(result).toEqual({ data: { citizen: { age: 3 } } });
    expect(log.entries()).toEqual([]);
  });
});
