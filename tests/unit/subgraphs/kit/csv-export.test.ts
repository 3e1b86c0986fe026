import { formatCsvExport, isoToDayMonthYear, parseCsvExport, type CsvExportFormat } from '../../../../subgraphs/kit/export-file/csv-export';
import { ExportFormatError } from '../../../../subgraphs/kit/export-file/export-format-error';

type Column = 'ID' | 'NAME';
const COLUMNS: readonly Column[] = ['ID', 'NAME'];

const EXCEL: CsvExportFormat<Column> = {
  columns: COLUMNS,
  delimiter: ',',
  lineEnd: '\n',
  quoteAll: true,
  bom: '\uFEFF',
  blankIsEmpty: true,
  trailerMarker: '#COUNT',
  trailerDate: /^\d{2}-\d{2}-\d{4}$/,
  trailerDateNotation: 'dd-mm-yyyy',
};

const PLAIN: CsvExportFormat<Column> = {
  ...EXCEL,
  delimiter: ';',
  lineEnd: '\r\n',
  quoteAll: false,
  bom: '',
  blankIsEmpty: false,
  trailerMarker: 'TRAILER',
  trailerDate: /^\d{2}\/\d{2}\/\d{4}$/,
  trailerDateNotation: 'dd/mm/yyyy',
};

const ROWS = [
  { ID: '1', NAME: 'Siti' },
  { ID: '2', NAME: '' },
];

function rejection(format: CsvExportFormat<Column>, text: string): string {
  try {
    parseCsvExport(format, text);
  } catch (error) {
    expect(error).toBeInstanceOf(ExportFormatError);
    return (error as Error).message;
  }
  throw new Error('expected the export to be rejected');
}

describe('formatCsvExport', () => {
  it('writes the BOM, quotes every field and ends lines as the format says', () => {
    expect(formatCsvExport(EXCEL, ROWS, '10-06-2025')).toBe('\uFEFF"ID","NAME"\n"1","Siti"\n"2",""\n"#COUNT","2","10-06-2025"\n');
    expect(formatCsvExport(PLAIN, ROWS, '10/06/2025')).toBe('ID;NAME\r\n1;Siti\r\n2;\r\nTRAILER;2;10/06/2025\r\n');
  });

  it('refuses a date in another notation', () => {
    expect(() => formatCsvExport(PLAIN, ROWS, '10-06-2025')).toThrow('export date must be dd/mm/yyyy, got "10-06-2025"');
  });
});

describe('parseCsvExport', () => {
  it('reads back what it writes, with physical line numbers', () => {
    for (const [format, date] of [
      [EXCEL, '10-06-2025'],
      [PLAIN, '10/06/2025'],
    ] as const) {
      const parsed = parseCsvExport(format, formatCsvExport(format, ROWS, date));
      expect(parsed).toEqual({
        rows: [
          { line: 2, values: ROWS[0] },
          { line: 3, values: ROWS[1] },
        ],
        declaredCount: 2,
        exportedOn: date,
      });
    }
  });

  it('finds columns by name in any order and case, and returns a line with the wrong field count as values: null', () => {
    const parsed = parseCsvExport(PLAIN, 'name;id;extra\r\nSiti;1;x\r\nonly-one\r\nTRAILER;2;10/06/2025\r\n');
    expect(parsed.rows).toEqual([
      { line: 2, values: { ID: '1', NAME: 'Siti' } },
      { line: 3, fieldCount: 1, values: null },
    ]);
  });

  it('tells an empty file: blank counts as empty only where the format says so', () => {
    expect(rejection(EXCEL, '\uFEFF  \n')).toBe('the export file is empty');
    expect(rejection(PLAIN, '')).toBe('the export file is empty');
    expect(rejection(PLAIN, '  \n')).toBe("the export's header lacks every known column");
  });

  it('refuses a cut, incomplete or inconsistent file', () => {
    expect(rejection(PLAIN, 'ID;NAME\r\nTRAILER;0;10/06/20')).toBe('the export does not end with a line break after its trailer (half-written?)');
    expect(rejection(EXCEL, '"ID","NAME"\n"1","Si\n')).toMatch(/^the export is not readable CSV \(CSV_QUOTE_NOT_CLOSED/);
    expect(rejection(PLAIN, 'ID\r\nTRAILER;0;10/06/2025\r\n')).toBe("the export's header lacks NAME");
    expect(rejection(PLAIN, 'ID;NAME\r\n1;Siti\r\n')).toBe("the export's last line is not a TRAILER record (half-written?)");
    expect(rejection(PLAIN, 'ID;NAME\r\nTRAILER;x;10/06/2025\r\n')).toBe('the trailer does not carry a line count');
    expect(rejection(PLAIN, 'ID;NAME\r\nTRAILER;1;10/06/2025\r\n')).toBe('the trailer declares 1 detail lines but the export holds 0');
    expect(rejection(PLAIN, 'ID;NAME\r\nTRAILER;0;10-06-2025\r\n')).toBe('the trailer does not carry an export date dd/mm/yyyy');
  });
});

describe('isoToDayMonthYear', () => {
  it('turns yyyy-mm-dd into the trailer notation', () => {
    expect(isoToDayMonthYear('2025-06-10', '-')).toBe('10-06-2025');
    expect(isoToDayMonthYear('2025-06-10', '/')).toBe('10/06/2025');
  });
});
