import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { clientErrorFormatter } from '../../../../gateway/errors/client-error-formatter';
import { runInRequestScope } from '../../../../subgraphs/kit/request-scope';
import { captureLog, type CapturedLog } from './log-capture';

const NIK = '1471100405960001';
const OWN_SERVICES = new Set(['crosscheck', 'audit']);

/** What Apollo Server hands formatError: the error's JSON with a code (INTERNAL_SERVER_ERROR when it had none). */
function apolloFormatted(error: GraphQLError): GraphQLFormattedError {
  return { ...error.toJSON(), extensions: { ...error.extensions, code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR' } };
}

/** An error as ApolloGateway makes it from a subgraph's error: the subgraph's extensions plus `serviceName`. */
function fromSubgraph(serviceName: string, message: string, extensions: Record<string, unknown>, path: Array<string | number> = ['citizen', 'passports']): GraphQLError {
  return new GraphQLError(message, { path, extensions: { ...extensions, serviceName } });
}

describe('clientErrorFormatter', () => {
  let log: CapturedLog;
  const format = (error: GraphQLError, options: { suggestions?: boolean; debug?: boolean } = {}) =>
    clientErrorFormatter({ isOwnService: (name) => OWN_SERVICES.has(name), fieldSuggestions: options.suggestions ?? false, debugErrors: options.debug ?? false, logger: log.logger })(apolloFormatted(error), error);

  beforeEach(() => {
    log = captureLog();
  });

  describe('errors from an agency subgraph', () => {
    const leaky = () =>
      fromSubgraph('imigrasi', `SIMKIM lookup for ${NIK} failed: connect ECONNREFUSED 10.20.30.40:8443 (http://simkim.imigrasi.internal/api)`, {
        code: 'SIMKIM_DOWN',
        stacktrace: ['Error: boom', '    at Simkim.lookup (/srv/imigrasi/client.js:10:5)'],
        exception: { host: 'simkim.imigrasi.internal' },
        agency: 'dukcapil',
      });

    it('shows only the catalogue sentence, the code, the agency (the subgraph name) and the path', () => {
      const formatted = format(leaky());
      expect(formatted).toEqual({
        message: "imigrasi: The agency's system answered something Satu could not read; only its fields are null.",
        path: ['citizen', 'passports'],
        extensions: { code: 'AGENCY_BAD_RESPONSE', agency: 'imigrasi' },
      });
    });

    it('logs the original with the NIK masked, the address kept and the request id', () => {
      runInRequestScope({ requestId: 'req-42' }, () => format(leaky()));
      const [entry] = log.entries();
      expect(entry).toMatchObject({ level: 40, requestId: 'req-42', agency: 'imigrasi', code: 'AGENCY_BAD_RESPONSE', msg: 'agency error hidden from the client' });
      expect(log.text()).toContain('1471********0001');
      expect(log.text()).toContain('10.20.30.40');
      expect(log.text()).not.toContain(NIK);
    });

    it.each([
      ['AGENCY_UNAVAILABLE', 'AGENCY_UNAVAILABLE', "samsat: The agency's system could not be reached or failed; only its fields are null. Retry later."],
      ['AGENCY_TIMEOUT', 'AGENCY_TIMEOUT', "samsat: The agency's system did not answer within its time limit; only its fields are null. Retry later."],
      ['BAD_USER_INPUT', 'BAD_USER_INPUT', 'samsat: the agency refused an argument of this field as malformed; check the arguments (retrying will not help).'],
      ['UNAUTHENTICATED', 'AGENCY_BAD_RESPONSE', "samsat: The agency's system answered something Satu could not read; only its fields are null."],
      ['INTERNAL_SERVER_ERROR', 'AGENCY_BAD_RESPONSE', "samsat: The agency's system answered something Satu could not read; only its fields are null."],
    ])('maps the subgraph code %s to %s with a generic message', (sent, shown, message) => {
      const formatted = format(fromSubgraph('samsat', `legacy said: ${NIK} at 192.168.1.9`, { code: sent }));
      expect(formatted.extensions).toEqual({ code: shown, agency: 'samsat' });
      expect(formatted.message).toBe(message);
    });

    it('does not log our own partial answers again (nothing is hidden from them)', () => {
      format(fromSubgraph('samsat', "samsat: The agency's system did not answer within its time limit; only its fields are null. Retry later.", { code: 'AGENCY_TIMEOUT', agency: 'samsat' }));
      expect(log.entries()).toEqual([]);
    });

    it('in debug mode adds the hidden original under extensions.debug, NIKs still masked', () => {
      const formatted = format(leaky(), { debug: true });
      const debug = formatted.extensions?.debug as { originalMessage: string; originalExtensions: Record<string, unknown> };
      expect(debug.originalMessage).toContain('SIMKIM lookup for 1471********0001 failed');
      expect(debug.originalMessage).not.toContain(NIK);
      expect(debug.originalExtensions).toMatchObject({ code: 'SIMKIM_DOWN', serviceName: 'imigrasi' });
    });
  });

  describe('errors of our own code', () => {
    it('keeps the message and extensions of a catalogued code from the gateway, minus internal extensions', () => {
      const error = new GraphQLError('The operation is too complex: depth 12, maximum 8. Ask for less nesting.', {
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'depth', value: 12, maximum: 8, stacktrace: ['at x'], exception: {} },
      });
      expect(format(error)).toEqual({ message: error.message, extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'depth', value: 12, maximum: 8 } });
    });

    it('keeps IDENTITY_MISMATCH with its discrepancy list', () => {
      const discrepancies = [{ attribute: 'BIRTH_DATE', agency: 'samsat', registryValue: '1990-01-01', agencyValue: '1990-01-02', severity: 'MISMATCH', reason: 'another date' }];
      const error = new GraphQLError('renewVehicleTax refused: the identity of citizen 1471********0001 disagrees with the civil registry', {
        path: ['renewVehicleTax'],
        extensions: { code: 'IDENTITY_MISMATCH', status: 'MISMATCH', discrepancies, correctAt: ['samsat'] },
      });
      expect(format(error)).toMatchObject({ message: error.message, path: ['renewVehicleTax'], extensions: { code: 'IDENTITY_MISMATCH', discrepancies, correctAt: ['samsat'] } });
    });

    it('keeps the message of an in-process subgraph (ours), dropping serviceName', () => {
      const error = fromSubgraph('audit', '"from" (2026-12-02) is after "to" (2026-12-01): give the earlier instant as from', { code: 'BAD_USER_INPUT' }, ['accessLog']);
      expect(format(error)).toEqual({ message: error.message, path: ['accessLog'], extensions: { code: 'BAD_USER_INPUT' } });
    });

    it('masks NIK-like runs and removes addresses even from our own messages', () => {
      const error = new GraphQLError(`The safelist could not be read; try again. (connect ECONNREFUSED 10.0.0.5:5432 postgres://satu@db.internal/satu, ${NIK}, fe80::1)`, {
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
      });
      const { message } = format(error);
      expect(message).toBe('The safelist could not be read; try again. (connect ECONNREFUSED [address] [address], 1471********0001, [address])');
    });

    it('strips "Did you mean" outside development and keeps it in development', () => {
      const error = new GraphQLError('Cannot query field "fulName" on type "Citizen". Did you mean "fullName"?', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      expect(format(error).message).toBe('Cannot query field "fulName" on type "Citizen".');
      expect(format(error, { suggestions: true }).message).toBe(error.message);
      const coercion = new GraphQLError('Variable "$sex" got invalid value "MALES"; Value "MALES" does not exist in "Sex" enum. Did you mean the enum value "MALE"?', { extensions: { code: 'BAD_USER_INPUT' } });
      expect(format(coercion).message).toBe('Variable "$sex" got invalid value "MALES"; Value "MALES" does not exist in "Sex" enum.');
    });
  });

  describe('anything else', () => {
    it('becomes "internal error (request id X)" and the original, stack included, goes to the log', () => {
      const thrown = new Error(`Invalid non-list value C ${NIK} returned by subgraph for list type [Licence!]`);
      const error = new GraphQLError(thrown.message, { originalError: thrown });
      const formatted = runInRequestScope({ requestId: 'req-7' }, () => format(error));
      expect(formatted).toEqual({ message: 'internal error (request id req-7)', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-7' } });
      const [entry] = log.entries();
      expect(entry).toMatchObject({ level: 50, requestId: 'req-7', msg: 'internal error hidden from the client' });
      expect(String(entry!.stack)).toContain('client-error-formatter.test.ts');
      expect(log.text()).not.toContain(NIK);
    });

    it.each([['DOWNSTREAM_SERVICE_ERROR'], ['INVALID_GRAPHQL'], ['SOMETHING_NEW']])('hides an unknown code (%s) from our own side too', (code) => {
      const formatted = format(new GraphQLError('details the client must not read', { extensions: { code } }));
      expect(formatted).toEqual({ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    });

    it('hides an in-process subgraph error without a catalogued code', () => {
      const formatted = format(fromSubgraph('crosscheck', 'TypeError: cannot read properties of undefined', { code: 'DOWNSTREAM_SERVICE_ERROR' }, ['citizen', 'identityCheck']));
      expect(formatted).toEqual({ message: 'internal error', path: ['citizen', 'identityCheck'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    });

    it('shows no stack in any extension unless in debug mode, where it is under extensions.debug', () => {
      const thrown = new Error('boom');
      const error = new GraphQLError('boom', { originalError: thrown, extensions: { stacktrace: ['at a'] } });
      expect(JSON.stringify(format(error))).not.toMatch(/stack/i);
      const debug = format(error, { debug: true }).extensions?.debug as { stacktrace: string[] };
      expect(debug.stacktrace[0]).toBe('Error: boom');
    });
  });
});
