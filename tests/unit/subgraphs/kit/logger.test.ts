import { createLogger } from '../../../../subgraphs/kit/logger';
import { runInRequestScope } from '../../../../subgraphs/kit/request-scope';

function capture() {
  const lines: string[] = [];
  const logger = createLogger('test', { level: 'info', destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('masks NIKs wherever they are on the line: message, fields, nested values, bindings, error stacks', () => {
    const { logger, lines, entries } = capture();
    const child = logger.child({ nik: '1471100405960001' });
    child.info({ citizen: { niks: ['1471084101900002', 1471080101900001] } }, 'looked up 1471100405960001');
    logger.error({ err: new Error('no record for 1471100405960001') }, 'failed');
    expect(lines.join('')).not.toMatch(/\d{16}/);
    const [first, second] = entries();
    expect(first).toMatchObject({ component: 'test', nik: '1471********0001', citizen: { niks: ['1471********0002', '1471********0001'] }, msg: 'looked up 1471********0001' });
    expect((second!.err as { stack: string }).stack).toContain('no record for 1471********0001');
  });

  it('puts the request id on every line logged while serving a request, and none outside', async () => {
    const { logger, entries } = capture();
    logger.info('before');
    await runInRequestScope({ requestId: 'req-9' }, async () => {
      logger.info('start');
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.child({ component: 'child' }).warn('after an await');
    });
    expect(entries().map((entry) => [entry.msg, entry.requestId])).toEqual([
      ['before', undefined],
      ['start', 'req-9'],
      ['after an await', 'req-9'],
    ]);
  });
});
