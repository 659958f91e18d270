// Readers, sniffing, limits and detection together, without a database (the full path with
// Postgres and NATS is in test/hostile-corpus.int-spec.ts).
import { chunksOf, ingestBuffer } from './ingest-buffer.testing';
import { sniffDelimiter } from './readers/delimited-reader';
import { peek, decodeText } from './byte-streams';
import { NotUtf8Error } from './ingest-errors';

describe('sniffDelimiter', () => {
  it.each([
    ['a,b,c\n1,2,3\n4,5,6\n', ','],
    ['a;b;c\n1,5;2;3\n4;5,5;6\n', ';'],
    ['a\tb\n1\t2\n', '\t'],
    ['a|b|c\n1|2|3\n', '|'],
    ['url\nhttps://a.example.com\n', ','],
    ['name,notes\n"x","a;b;c"\n"y","d;e"\n', ','],
    ['a;b\n"multi\nline;with;semicolons";2\n3;4\n', ';'],
  ])('%j → %j', (sample, delimiter) => {
    expect(sniffDelimiter(sample)).toBe(delimiter);
  });
});

describe('byte streams', () => {
  it('peek gives the head back with the rest', async () => {
    const { head, rest } = await peek(chunksOf(Buffer.from('abcdefghij'), 3), 4);
    expect(head.toString()).toBe('abcdef');
    const all: Buffer[] = [];
    for await (const chunk of rest) all.push(Buffer.from(chunk));
    expect(Buffer.concat(all).toString()).toBe('abcdefghij');
  });

  it('decodes UTF-8 across chunk boundaries and refuses invalid bytes', async () => {
    const text = async (bytes: Buffer) => {
      let out = '';
      for await (const part of decodeText(chunksOf(bytes, 1), 'utf-8', 0)) out += part;
      return out;
    };
    await expect(text(Buffer.from('café 東京'))).resolves.toBe('café 東京');
    await expect(text(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).rejects.toThrow(NotUtf8Error);
  });
});

describe('ingestRecords limits', () => {
  const csv = (rows: number) => Buffer.from(['url', ...Array.from({ length: rows }, (_, i) => `https://s${i}.example.com`)].join('\n'));

  it('stops at the row limit, saying which row', async () => {
    await expect(ingestBuffer(csv(50), { limits: { maxRows: 20 } })).rejects.toMatchObject({
      code: 'payload_too_large',
      message: 'row 21: the file has more than 20 rows; the limit is 20 (FIELDWORK_DATASET_MAX_ROWS)',
    });
    await expect(ingestBuffer(csv(20), { limits: { maxRows: 20 } })).resolves.toMatchObject({ rowCount: 20 });
  });

  it('refuses a row wider than the column limit', async () => {
    await expect(ingestBuffer(Buffer.from(`url,a\nhttps://x.example.com,${'1,'.repeat(30)}1\n`), { limits: { maxColumns: 10 } })).rejects.toMatchObject({
      message: 'row 1: the row has 32 cells; the limit is 10 (FIELDWORK_DATASET_MAX_COLUMNS)',
    });
  });

  it('cuts off a runaway quoted field without holding it', async () => {
    const runaway = Buffer.concat([Buffer.from('url,notes\nhttps://a.example.com,"'), Buffer.alloc(200_000, 0x61)]);
    await expect(ingestBuffer(runaway, { limits: { maxCellChars: 100, maxColumns: 10 } })).rejects.toMatchObject({
      code: 'payload_too_large',
      details: { limit: 'maxCellChars', row: 1 },
    });
  });

  it('refuses NUL characters inside the text', async () => {
    const late = Buffer.from(`url,name\n${'https://a.example.com,A\n'.repeat(4000)}https://b.example.com,B\u0000C\n`);
    await expect(ingestBuffer(late)).rejects.toMatchObject({ code: 'unprocessable', details: { reason: 'nul_character', row: 4001 } });
  });

  it('refuses malformed JSON and an unclosed quote, saying where', async () => {
    await expect(ingestBuffer(Buffer.from('[{"url": "https://a.example.com"}, {"url": '))).rejects.toMatchObject({ code: 'unprocessable', details: { reason: 'json_malformed' } });
    await expect(ingestBuffer(Buffer.from('{"url": 1}\n{oops}\n'))).rejects.toMatchObject({ details: { reason: 'ndjson_malformed', line: 2 } });
    await expect(ingestBuffer(Buffer.from('{"data": [1, 2]'))).rejects.toMatchObject({ details: { reason: 'ndjson_malformed', line: 1 } });
    await expect(ingestBuffer(Buffer.from('url,name\nhttps://a.example.com,"open\n'))).rejects.toMatchObject({ details: { reason: 'csv_quote_not_closed' } });
  });
});
