import { rmSync } from 'node:fs';
import { CsvRecordSplitter, MAX_RECORD_CHARS, MAX_RECORD_LINES, detectDelimiter } from '../../../../gateway/reconcile/csv-records';
import { canonicalColumnName, layoutOf } from '../../../../gateway/reconcile/input-columns';
import { InputFileError, countDataLines, readInputBatches, readInputFormat, type InputBatch } from '../../../../gateway/reconcile/input-reader';
import { nikOf, tempDir, writeCsv } from './fixtures';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(text: string, batchSize = 100, afterLine = 0): Promise<InputBatch[]> {
  const file = writeCsv(dir, `input-${Math.random().toString(36).slice(2)}.csv`, text);
  const format = await readInputFormat(file);
  const batches: InputBatch[] = [];
  for await (const batch of readInputBatches(file, format, { batchSize, afterLine })) batches.push(batch);
  return batches;
}

const rowsOf = (batches: InputBatch[]) => batches.flatMap((batch) => batch.rows);
const badOf = (batches: InputBatch[]) => batches.flatMap((batch) => batch.badRows);

describe('header', () => {
  it.each([
    ['nik', 'nik'],
    ['NIK', 'nik'],
    ['Full Name', 'full_name'],
    ['full-name', 'full_name'],
    ['fullName', 'full_name'],
    ['NAMA_LGKP', 'full_name'],
    ['TGL_LHR', 'birth_date'],
    ['TMPT_LHR', 'birth_place'],
    ['JENIS_KLMIN', 'sex'],
    ['NAMA_LGKP_IBU', 'mother_name'],
    ['STATUS_KAWIN', 'marital_status'],
    ['ALAMAT', 'address'],
    ['\uFEFFnik', 'nik'],
  ])('reads %p as %p', (raw, canonical) => {
    expect(canonicalColumnName(raw)).toBe(canonical);
  });

  it('refuses an unknown, a repeated or a missing nik column, and a header with nothing to compare', () => {
    expect(() => layoutOf(['nik', 'fullname2'])).toThrow(/unknown column "fullname2" \(column 2 of the header\); accepted columns: nik, full_name/);
    expect(() => layoutOf(['nik', 'full_name', 'NAMA_LGKP'])).toThrow(/column "NAMA_LGKP" \(column 3\) repeats full_name \(column 2\)/);
    expect(() => layoutOf(['full_name', 'sex'])).toThrow(/no nik column/);
    expect(() => layoutOf(['nik'])).toThrow(/nothing to compare/);
  });

  it('says what is wrong with an empty or missing file', async () => {
    await expect(readInputFormat(writeCsv(dir, 'empty.csv', '\n\n'))).rejects.toThrow(/is empty: it needs a header line/);
    await expect(readInputFormat(`${dir}/nope.csv`)).rejects.toThrow(InputFileError);
    await expect(readInputFormat(`${dir}/nope.csv`)).rejects.toThrow(/does not exist/);
    await expect(readInputFormat(writeCsv(dir, 'bad-header.csv', 'nik,nama_panggilan\n'))).rejects.toThrow(/header on line 1: unknown column "nama_panggilan"/);
  });

  it.each([
    ['nik,full_name,sex', ','],
    ['NIK;NAMA_LGKP;ALAMAT', ';'],
    ['nik\tfull_name', '\t'],
    ['nik|full_name|sex', '|'],
    ['"nik;x",full_name', ','],
    ['nik', ','],
  ])('detects the delimiter of %p', (header, delimiter) => {
    expect(detectDelimiter(header)).toBe(delimiter);
  });
});

describe('rows and notations', () => {
  it('reads ; separated SIAK headers, a BOM, CRLF line ends, and quoted fields with delimiters, quotes and line breaks', async () => {
    const text =
      '\uFEFFNIK;NAMA_LGKP;TGL_LHR;JENIS_KLMIN;ALAMAT\r\n' +
      `${nikOf(1)};MUH. RIZKI;12/03/1985;L;"JL. MANUNGGAL; NO. 139 RT 012 RW 004, KEL. TIRTA SIAK"\r\n` +
      `${nikOf(2)};"SITI ""UCI"" AMINAH";19850312;P;"JL. A\r\nRT 001"\r\n` +
      `${nikOf(3)};Nur Hayati;12-MAR-85;PEREMPUAN;JL. "MAWAR" 5\r\n`;
    const batches = await readAll(text);
    const rows = rowsOf(batches);
    expect(badOf(batches)).toEqual([]);
    expect(rows.map((row) => row.line)).toEqual([2, 3, 5]);
    expect(rows.map((row) => row.nik)).toEqual([nikOf(1), nikOf(2), nikOf(3)]);
    const value = (index: number, column: string) => rows[index]!.values.find((entry) => entry.column.name === column)?.value;
    expect(value(0, 'address')).toBe('JL. MANUNGGAL; NO. 139 RT 012 RW 004, KEL. TIRTA SIAK');
    expect(value(1, 'full_name')).toBe('SITI "UCI" AMINAH');
    expect(value(1, 'address')).toBe('JL. A\nRT 001');
    // A quote inside an unquoted field is a character like any other.
    expect(value(2, 'address')).toBe('JL. "MAWAR" 5');
    expect(value(2, 'birth_date')).toBe('12-MAR-85');
    expect(rows[0]!.values.map((entry) => entry.column.attribute)).toEqual(['FULL_NAME', 'BIRTH_DATE', 'SEX', 'ADDRESS']);
  });

  it('trims the NIK, skips blank lines and all-empty records, and counts them', async () => {
    const batches = await readAll(`nik,full_name\n\n ${nikOf(1)} ,A\n,\n   \n${nikOf(2)},B\n\n`);
    expect(rowsOf(batches).map((row) => [row.line, row.nik])).toEqual([
      [3, nikOf(1)],
      [6, nikOf(2)],
    ]);
    expect(batches.reduce((sum, batch) => sum + batch.blankLines, 0)).toBe(4);
  });

  it('reports each bad row with its line number and goes on', async () => {
    const text = [
      'nik,full_name,sex', // 1
      `${nikOf(1)},GOOD ONE,L`, // 2
      '147101120385000,SHORT NIK,L', // 3
      '1471-01120385-0001,DASHES,L', // 4
      '3171011203850001,JAKARTA IS NOT KNOWN HERE,L', // 5
      '1471011303850000,SERIAL ZERO,L', // 6
      `${nikOf(2)},TOO,MANY,FIELDS`, // 7
      `${nikOf(3)},TOO FEW`, // 8
      `${nikOf(4)},"CLOSED"AND MORE,L`, // 9
      ',NO NIK,L', // 10
      `${nikOf(5)},"NEVER CLOSED,L`, // 11
      `${nikOf(6)},AFTER THE UNCLOSED QUOTE,L`, // 12
      ...Array.from({ length: MAX_RECORD_LINES }, (_, i) => `${nikOf(7 + i)},ROW ${i},P`), // 13..32
      `${nikOf(40)},${'X'.repeat(MAX_RECORD_CHARS + 1)},L`, // 33
      `${nikOf(41)},LAST,L`, // 34
    ].join('\n');
    const batches = await readAll(text);
    expect(badOf(batches).map((bad) => [bad.line, bad.problem])).toEqual([
      [3, 'malformed-nik'],
      [4, 'malformed-nik'],
      [5, 'malformed-nik'],
      [6, 'malformed-nik'],
      [7, 'column-count'],
      [8, 'column-count'],
      [9, 'text-after-quote'],
      [10, 'malformed-nik'],
      [11, 'unclosed-quote'],
      [33, 'record-too-long'],
    ]);
    const bad = badOf(batches);
    expect(bad[0]!.detail).toBe('NIK must have exactly 16 digits, got 15');
    expect(bad[1]!.detail).toMatch(/character 5 is not one/);
    expect(bad[2]!.detail).toMatch(/province code 31/);
    expect(bad[4]!.detail).toBe('4 fields where the header has 3');
    expect(bad[7]!.detail).toBe('the NIK is empty');
    expect(bad[8]!.detail).toMatch(/not closed within 20 lines/);
    expect(bad[9]!.raw.length).toBeLessThan(300);
    // Every good row survives, the ones after the unclosed quote included.
    expect(rowsOf(batches).map((row) => row.line)).toEqual([2, 12, ...Array.from({ length: MAX_RECORD_LINES }, (_, i) => 13 + i), 34]);
  });

  it('reports a quote left open at the end of the file and keeps the lines after it', async () => {
    const batches = await readAll(`nik,full_name\n${nikOf(1)},"OPEN\n${nikOf(2)},FINE\n`);
    expect(badOf(batches).map((bad) => [bad.line, bad.problem, bad.detail])).toEqual([[2, 'unclosed-quote', 'a quoted field is not closed before the end of the file']]);
    expect(rowsOf(batches).map((row) => row.line)).toEqual([3]);
  });
});

describe('batches', () => {
  const text = `nik,full_name\n${Array.from({ length: 250 }, (_, i) => `${nikOf(i)},NAME`).join('\n')}\n`;

  it('cuts the file into batches of the given size, the last one shorter, each with the last line it covers', async () => {
    const batches = await readAll(text, 100);
    expect(batches.map((batch) => batch.rows.length)).toEqual([100, 100, 50]);
    expect(batches.map((batch) => batch.lastLine)).toEqual([101, 201, 251]);
    expect(rowsOf(batches).map((row) => row.nik)).toEqual(Array.from({ length: 250 }, (_, i) => nikOf(i)));
  });

  it('counts good and bad records together towards the batch size', async () => {
    const batches = await readAll(`nik,full_name\n${nikOf(1)},A\nbad,B\n${nikOf(2)},C\n${nikOf(3)},D\n`, 2);
    expect(batches.map((batch) => [batch.rows.length, batch.badRows.length, batch.lastLine])).toEqual([
      [1, 1, 3],
      [2, 0, 5],
    ]);
  });

  it('resumes after a line: skips every record up to it, never reads it twice', async () => {
    const batches = await readAll(text, 100, 101);
    expect(rowsOf(batches).map((row) => row.line)).toEqual(Array.from({ length: 150 }, (_, i) => 102 + i));
  });

  it('resumes correctly when a multi-line record sits just before the checkpoint', async () => {
    const body = `nik,address\n${nikOf(1)},"L1\nL2\nL3"\n${nikOf(2)},X\n${nikOf(3)},Y\n`;
    const all = await readAll(body, 1);
    expect(all.map((batch) => batch.lastLine)).toEqual([4, 5, 6]);
    const resumed = await readAll(body, 1, 4);
    expect(rowsOf(resumed).map((row) => row.nik)).toEqual([nikOf(2), nikOf(3)]);
  });

  it('counts the data lines for the progress bar', async () => {
    const file = writeCsv(dir, 'count.csv', text);
    expect(await countDataLines(file, await readInputFormat(file))).toBe(250);
    const noTrailingNewline = writeCsv(dir, 'count2.csv', 'nik,sex\n1,L\n2,P');
    expect(await countDataLines(noTrailingNewline, await readInputFormat(noTrailingNewline))).toBe(2);
  });
});

describe('CsvRecordSplitter', () => {
  it('joins a quoted line break and gives the record its first and last line', () => {
    const splitter = new CsvRecordSplitter(',');
    const out = [...splitter.push(1, 'a,"b'), ...splitter.push(2, 'c",d'), ...splitter.end()];
    expect(out).toEqual([{ kind: 'record', line: 1, endLine: 2, text: 'a,"b\nc",d' }]);
  });

  it('reads doubled quotes inside a quoted field as a quote', () => {
    const splitter = new CsvRecordSplitter(';');
    expect(splitter.push(1, '"a "" b";"""x"""')).toEqual([{ kind: 'record', line: 1, endLine: 1, text: '"a "" b";"""x"""' }]);
  });
});
