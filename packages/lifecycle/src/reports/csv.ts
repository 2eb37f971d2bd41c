/**
 * CSV per RFC 4180 (CRLF line ends, fields quoted when they contain a quote,
 * comma or line break, quotes doubled) with a guard against formula injection:
 * a cell a spreadsheet would evaluate (starting with =, +, -, @, tab or CR)
 * is prefixed with a single quote (OWASP "CSV Injection").
 */
const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;

export type CsvValue = string | number | Date | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = value instanceof Date ? value.toISOString() : value;
  const guarded = formulaStart.test(text) ? `'${text}` : text;
  return needsQuotes.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export interface CsvStreamOptions {
  /** Characters buffered before a chunk is yielded (default 64 KiB): fewer, larger writes. */
  chunkSize?: number;
}

/**
 * Turns rows into CSV text chunks, header first. Reads `rows` lazily, so the
 * memory used stays that of one chunk and one batch of rows, whatever the count.
 */
export async function* csvChunks<T>(
  header: readonly string[],
  rows: AsyncIterable<T>,
  toValues: (row: T) => readonly CsvValue[],
  options: CsvStreamOptions = {},
): AsyncGenerator<string> {
  const chunkSize = options.chunkSize ?? 65_536;
  let buffer = csvRow(header);
  for await (const row of rows) {
    buffer += csvRow(toValues(row));
    if (buffer.length >= chunkSize) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) yield buffer;
}
