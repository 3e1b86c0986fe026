import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, graphql, parse, print, type GraphQLSchema } from 'graphql';
import { LedgerReader } from '../../../../gateway/audit/ledger-reader';
import { auditSdl, AUDIT_SUBGRAPH } from '../../../../gateway/audit/subgraph/audit-sdl';
import { buildAuditSubgraphSchema } from '../../../../gateway/audit/subgraph/audit-schema';
import { composeSupergraph } from '../../../../schema/compose';
import { draft, LEDGER_BACKENDS, NIK_A, NIK_B, NIK_C, openTestLedger, operationHashOf, type OpenedLedger } from './ledger-fixtures';

const ACCESS_LOG = `query Log($nik: NIK!, $from: DateTime, $to: DateTime, $first: Int) {
  accessLog(nik: $nik, from: $from, to: $to, first: $first) {
    sequence time clientId role purpose operationName fields agencies outcome errorCodes latencyMs inArguments inAnswer hash hashMatches
  }
}`;
const FIELD_USAGE = `query Usage($coordinate: String!, $from: DateTime, $to: DateTime) {
  fieldUsage(coordinate: $coordinate, from: $from, to: $to) { coordinate clientId count operations lastReadAt }
}`;

describe('audit subgraph SDL', () => {
  it('puts @access(scopes: ["audit:read"]) on both queries and composes with the committed subgraphs (it is one of them)', () => {
    const document = parse(auditSdl());
    const query = document.definitions.find((definition) => definition.kind === 'ObjectTypeDefinition' && definition.name.value === 'Query');
    const fields = query && 'fields' in query ? query.fields ?? [] : [];
    expect(fields.map((field) => [field.name.value, field.directives?.map((directive) => directive.name.value)])).toEqual([
      ['accessLog', ['access']],
      ['fieldUsage', ['access']],
    ]);
    expect(auditSdl()).toContain('@access(scopes: ["audit:read"])');

    const dir = path.resolve('schema', 'subgraphs');
    const subgraphs = readdirSync(dir)
      .filter((file) => file.endsWith('.graphql'))
      .map((file) => ({ name: path.basename(file, '.graphql'), url: `http://127.0.0.1:1/${file}`, sdl: readFileSync(path.join(dir, file), 'utf8') }));
    // schema/subgraphs/audit.graphql is printed from auditSdl() by `npm run schema`.
    expect(subgraphs.find((subgraph) => subgraph.name === AUDIT_SUBGRAPH)?.sdl).toBe(auditSdl());
    const composed = composeSupergraph(subgraphs.map((subgraph) => (subgraph.name === AUDIT_SUBGRAPH ? { ...subgraph, url: 'in-process://audit' } : subgraph)));
    // The API schema is printed sorted, arguments too.
    const accessLog = buildSchema(composed.apiSdl).getQueryType()!.getFields().accessLog!;
    expect([String(accessLog.type), accessLog.args.map((arg) => `${arg.name}: ${String(arg.type)}`)]).toEqual(['[AccessLogEntry!]!', ['first: Int', 'from: DateTime', 'nik: NIK!', 'to: DateTime']]);
    // The gateway reads @access from the supergraph: it must survive composition on both fields.
    const supergraphQuery = parse(composed.supergraphSdl).definitions.find((definition) => definition.kind === 'ObjectTypeDefinition' && definition.name.value === 'Query');
    const composedFields = supergraphQuery && 'fields' in supergraphQuery ? supergraphQuery.fields ?? [] : [];
    for (const name of ['accessLog', 'fieldUsage']) {
      const field = composedFields.find((candidate) => candidate.name.value === name)!;
      expect(field.directives?.map((directive) => print(directive))).toEqual(['@join__field(graph: AUDIT)', '@access(scopes: ["audit:read"])']);
    }
  });
});

describe.each(LEDGER_BACKENDS)('audit subgraph over the ledger on $name', (backend) => {
  let t: OpenedLedger;
  let schema: GraphQLSchema;
  const run = async (source: string, variableValues: Record<string, unknown>) => graphql({ schema, source, variableValues });

  beforeAll(async () => {
    t = await openTestLedger(backend);
    const at = (minute: number) => new Date(Date.UTC(2026, 11, 5, 1, minute));
    const citizenQuery = operationHashOf('citizen query');
    await t.ledger.append(draft({ time: at(0), clientId: 'counter-1', argumentNiks: [NIK_A], answerNiks: [NIK_A, NIK_B], coordinates: ['Citizen.familyCard', 'Citizen.fullName', 'Query.citizen'], operationHash: citizenQuery }));
    await t.ledger.append(draft({ time: at(5), clientId: 'samsat-app', purpose: 'vehicle-tax', argumentNiks: [NIK_B], answerNiks: [NIK_B], coordinates: ['Citizen.vehicles', 'Query.citizen'], agencies: ['dukcapil', 'samsat'], outcome: 'PARTIAL', errorCodes: ['AGENCY_TIMEOUT'] }));
    await t.ledger.append(draft({ time: at(10), clientId: 'counter-1', argumentNiks: [NIK_A], answerNiks: [NIK_A], coordinates: ['Citizen.fullName', 'Query.citizen'], operationHash: citizenQuery }));
    await t.ledger.append(draft({ time: at(20), clientId: 'counter-2', argumentNiks: [NIK_A], answerNiks: [], coordinates: ['Citizen.fullName', 'Query.citizen'], operationHash: operationHashOf('other document'), outcome: 'REFUSED', errorCodes: ['FORBIDDEN'] }));
    // Another hour, naming no citizen (a field read for a statistics page, say).
    await t.ledger.append(draft({ time: new Date(Date.UTC(2026, 11, 5, 2, 30)), clientId: 'counter-3', argumentNiks: [], answerNiks: [], coordinates: ['Citizen.fullName'] }));
    schema = buildAuditSubgraphSchema({ reader: new LedgerReader(t.db) });
  });

  afterAll(async () => {
    await t.cleanup();
  });

  it('accessLog: every read naming the citizen, oldest first, with why, which fields and agencies, and how the NIK appeared', async () => {
    const result = await run(ACCESS_LOG, { nik: NIK_B });
    expect(result.errors).toBeUndefined();
    expect(result.data?.accessLog).toEqual([
      expect.objectContaining({ sequence: 1, time: '2026-12-05T01:00:00.000Z', clientId: 'counter-1', purpose: 'passport-application', fields: ['Citizen.familyCard', 'Citizen.fullName', 'Query.citizen'], inArguments: false, inAnswer: true, hashMatches: true }),
      expect.objectContaining({ sequence: 2, clientId: 'samsat-app', purpose: 'vehicle-tax', agencies: ['dukcapil', 'samsat'], outcome: 'PARTIAL', errorCodes: ['AGENCY_TIMEOUT'], inArguments: true, inAnswer: true }),
    ]);
    expect((await run(ACCESS_LOG, { nik: NIK_C })).data?.accessLog).toEqual([]);
  });

  it('accessLog: a window in any zone, inclusive, and a bound on the count', async () => {
    const window = await run(ACCESS_LOG, { nik: NIK_A, from: '2026-12-05T08:05:00+07:00', to: '2026-12-05T01:20:00Z' });
    expect((window.data?.accessLog as Array<{ sequence: number }>).map((entry) => entry.sequence)).toEqual([3, 4]);
    const first = await run(ACCESS_LOG, { nik: NIK_A, first: 1 });
    expect((first.data?.accessLog as Array<{ sequence: number }>).map((entry) => entry.sequence)).toEqual([1]);
  });

  it('accessLog: flags an entry whose content no longer matches its hash', async () => {
    await t.db.updateTable('audit_ledger_entries').set({ purpose: 'edited' }).where('sequence', '=', 3).execute();
    try {
      const result = await run(ACCESS_LOG, { nik: NIK_A, from: '2026-12-05T01:10:00Z', to: '2026-12-05T01:10:00Z' });
      expect(result.data?.accessLog).toEqual([expect.objectContaining({ sequence: 3, purpose: 'edited', hashMatches: false })]);
    } finally {
      await t.db.updateTable('audit_ledger_entries').set({ purpose: 'passport-application' }).where('sequence', '=', 3).execute();
    }
  });

  it.each([
    [{ nik: '147110040596000' }, /NIK must have exactly 16 digits, got 15/],
    [{ nik: "1471100405960001' OR 1=1 --" }, /NIK must contain only the digits 0-9; character 17 is not one/],
    [{ nik: NIK_A, from: 'yesterday' }, /DateTime must be an ISO 8601 date and time with its zone/],
    [{ nik: NIK_A, from: '2026-12-05T01:00:00' }, /DateTime must be an ISO 8601 date and time with its zone/],
    [{ nik: NIK_A, from: '2026-12-06T00:00:00Z', to: '2026-12-05T00:00:00Z' }, /"from" \(2026-12-06T00:00:00.000Z\) is after "to" \(2026-12-05T00:00:00.000Z\)/],
    [{ nik: NIK_A, first: 0 }, /"first" must be from 1 to 5000, got 0/],
    [{ nik: NIK_A, first: 5001 }, /"first" must be from 1 to 5000/],
  ])('accessLog refuses %j with BAD_USER_INPUT', async (variables, message) => {
    const result = await run(ACCESS_LOG, variables);
    expect(result.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT' } });
    expect(result.data?.accessLog ?? null).toBeNull();
  });

  it('fieldUsage: which clients read a field, how often, by how many documents, and when last', async () => {
    const result = await run(FIELD_USAGE, { coordinate: 'Citizen.fullName' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.fieldUsage).toEqual([
      { coordinate: 'Citizen.fullName', clientId: 'counter-1', count: 2, operations: 1, lastReadAt: '2026-12-05T01:10:00.000Z' },
      { coordinate: 'Citizen.fullName', clientId: 'counter-2', count: 1, operations: 1, lastReadAt: '2026-12-05T01:20:00.000Z' },
      { coordinate: 'Citizen.fullName', clientId: 'counter-3', count: 1, operations: 1, lastReadAt: '2026-12-05T02:30:00.000Z' },
    ]);
    expect((await run(FIELD_USAGE, { coordinate: 'Citizen.passports' })).data?.fieldUsage).toEqual([]);
  });

  it('fieldUsage: a window counts every hour (UTC) it touches', async () => {
    const third = { coordinate: 'Citizen.fullName', clientId: 'counter-3', count: 1, operations: 1, lastReadAt: '2026-12-05T02:30:00.000Z' };
    expect((await run(FIELD_USAGE, { coordinate: 'Citizen.fullName', from: '2026-12-05T09:00:00+07:00', to: '2026-12-05T02:59:59Z' })).data?.fieldUsage).toEqual([third]);
    const touching = await run(FIELD_USAGE, { coordinate: 'Citizen.fullName', from: '2026-12-05T01:59:00Z', to: '2026-12-05T02:01:00Z' });
    expect((touching.data?.fieldUsage as Array<{ clientId: string }>).map((usage) => usage.clientId)).toEqual(['counter-1', 'counter-2', 'counter-3']);
    expect((await run(FIELD_USAGE, { coordinate: 'Citizen.fullName', from: '2026-12-05T03:00:00Z' })).data?.fieldUsage).toEqual([]);
  });

  it.each(['Citizen', 'Citizen.', 'Citizen.vehicles.plate.number', "Citizen.name'; DROP TABLE x"])('fieldUsage refuses the coordinate %j with BAD_USER_INPUT', async (coordinate) => {
    const result = await run(FIELD_USAGE, { coordinate });
    expect(result.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^coordinate must be Type.field \(Citizen.vehicles\) or Type.field.argument/), extensions: { code: 'BAD_USER_INPUT' } });
  });
});
