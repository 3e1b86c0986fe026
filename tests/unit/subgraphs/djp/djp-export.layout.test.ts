import fs from 'node:fs';
import path from 'node:path';
import {
  DETAIL_LAYOUT,
  HEADER_LAYOUT,
  RECORD_LENGTH,
  TRAILER_LAYOUT,
  assertLayout,
  exportDate,
  formatRecord,
  sliceRecord,
  type FieldSpec,
} from '../../../../subgraphs/djp/djp-export.layout';
import { DETAILS, detailLine } from './djp-fixtures';

const README = fs.readFileSync(path.join(__dirname, '../../../../subgraphs/djp/README.md'), 'utf8');

/** The rows of the README table that follows `heading`: [field, start, length, end]. */
function readmeTable(heading: string): Array<[string, number, number, number]> {
  const section = README.slice(README.indexOf(heading));
  const table = /\| Field \| Start \| Length \| End \|[^\n]*\n\|[-| ]+\|\n((?:\|[^\n]*\n)+)/.exec(section)?.[1] ?? '';
  return table
    .trim()
    .split('\n')
    .map((row) => row.split('|').map((cell) => cell.trim()))
    .map((cells) => [cells[1] ?? '', Number(cells[2]), Number(cells[3]), Number(cells[4])]);
}

describe('DJP export record layouts', () => {
  it.each([
    ['**Header record**', HEADER_LAYOUT],
    ['**Detail record**', DETAIL_LAYOUT],
    ['**Trailer record**', TRAILER_LAYOUT],
  ] as const)('README.md documents the %s exactly as the code reads it', (heading, layout) => {
    const expected = (layout as readonly FieldSpec[]).map((field) => [field.name, field.start, field.length, field.start + field.length - 1]);
    expect(readmeTable(heading)).toEqual(expected);
  });

  it('fills every record exactly, without gaps or overlaps; a bad layout is caught', () => {
    for (const layout of [HEADER_LAYOUT, DETAIL_LAYOUT, TRAILER_LAYOUT]) expect(() => assertLayout(layout)).not.toThrow();
    expect(() => assertLayout([{ name: 'A', start: 1, length: 10, format: '', padding: 'spaces-right' }])).toThrow(/ends at column 10/);
    expect(() =>
      assertLayout([
        { name: 'A', start: 1, length: 10, format: '', padding: 'spaces-right' },
        { name: 'B', start: 10, length: 311, format: '', padding: 'spaces-right' },
      ]),
    ).toThrow(/B starts at column 10, expected 11/);
  });

  it('slices a hand-written record by column, keeping the padding', () => {
    const fields = sliceRecord(detailLine(DETAILS.activeOld), DETAIL_LAYOUT);
    expect(fields.NIK).toBe('1471081203850001');
    expect(fields.NPWP15).toBe('092542943211000');
    expect(fields.NAMA_WP).toBe('H. AHMAD FAUZI, S.E.'.padEnd(60));
    expect([fields.TGL_LAHIR, fields.KD_KPP, fields.STATUS_WP, fields.FLAG_NIK_NPWP, fields.TGL_DAFTAR]).toEqual(['12031985', '211', 'A', 'Y', '14072009']);
    expect([fields.THN_SPT, fields.STATUS_SPT, fields.TGL_SPT, fields.FILLER]).toEqual(['2024', 'S', '21032025', '    ']);
    expect(sliceRecord(detailLine(DETAILS.nikOnly), DETAIL_LAYOUT).NPWP15).toBe(' '.repeat(15));
  });

  it('refuses to slice a record of the wrong length', () => {
    expect(() => sliceRecord('D1471', DETAIL_LAYOUT)).toThrow(RangeError);
    expect(() => sliceRecord(`${detailLine(DETAILS.activeOld)} `, DETAIL_LAYOUT)).toThrow(RangeError);
  });

  it('writes what it slices, byte for byte', () => {
    const line = detailLine(DETAILS.doubleCurrent);
    expect(formatRecord(DETAIL_LAYOUT, sliceRecord(line, DETAIL_LAYOUT))).toBe(line);
  });

  it('pads like the exporter: text cut at its width, unknown values blank, counts with zeros, ? outside ISO-8859-1, no line breaks', () => {
    const record = formatRecord(DETAIL_LAYOUT, {
      REC_TYPE: 'D',
      NIK: '1471081203850001',
      NAMA_WP: `${'A'.repeat(70)}`,
      ALAMAT: 'JL. MAWAR\r\nNO. 1 – RT 1 ÉLITE',
    });
    expect(record).toHaveLength(RECORD_LENGTH);
    const fields = sliceRecord(record, DETAIL_LAYOUT);
    expect(fields.NAMA_WP).toBe('A'.repeat(60));
    expect(fields.NPWP15).toBe(' '.repeat(15));
    expect(fields.ALAMAT.trimEnd()).toBe('JL. MAWAR  NO. 1 ? RT 1 ÉLITE');
    expect(sliceRecord(formatRecord(TRAILER_LAYOUT, { REC_TYPE: 'T', JML_RECORD: '42' }), TRAILER_LAYOUT).JML_RECORD).toBe('000000042');
  });

  it('throws on a writer bug: a fixed-length value of the wrong length, a count that does not fit', () => {
    expect(() => formatRecord(DETAIL_LAYOUT, { NIK: '147108' })).toThrow(/NIK: a value of 6 characters in a field of 16/);
    expect(() => formatRecord(TRAILER_LAYOUT, { JML_RECORD: '1234567890' })).toThrow(/JML_RECORD/);
    expect(() => formatRecord(TRAILER_LAYOUT, { JML_RECORD: '12a' })).toThrow(/JML_RECORD/);
  });

  it('writes dates ddMMyyyy', () => {
    expect(exportDate('2025-06-10')).toBe('10062025');
  });
});
