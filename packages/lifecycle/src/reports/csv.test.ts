import { csvCell, csvChunks, csvRow } from './csv';

async function* rows<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

describe('CSV cells', () => {
  it('quotes fields with commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(new Date('2025-03-01T10:00:00Z'))).toBe('2025-03-01T10:00:00.000Z');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('ends rows with CRLF', () => {
    expect(csvRow(['a', null, 'c'])).toBe('a,,c\r\n');
  });
});

describe('CSV chunks', () => {
  it('yields the header then every row, grouped in chunks of about the given size', async () => {
    const chunks = await collect(
      csvChunks(['id', 'title'], rows([1, 2, 3, 4]), (n) => [n, `T${n}`], { chunkSize: 12 }),
    );
    expect(chunks.join('')).toBe('id,title\r\n1,T1\r\n2,T2\r\n3,T3\r\n4,T4\r\n');
    expect(chunks.length).toBeGreaterThan(1);
  });

  it('yields the header alone for no rows', async () => {
    expect(await collect(csvChunks(['id'], rows([]), () => []))).toEqual(['id\r\n']);
  });
});
