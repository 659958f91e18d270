import iconv from 'iconv-lite';
import { charsetFromContentType, decodeBody } from './decode-body';

describe('decoding page bodies', () => {
  it('follows the Content-Type charset', () => {
    const bytes = iconv.encode('<p>Café 25 €</p>', 'windows-1252');
    expect(decodeBody(bytes, 'text/html; charset=windows-1252')).toEqual({ text: '<p>Café 25 €</p>', charset: 'windows-1252', source: 'header' });
  });

  it('falls back to a <meta charset> declaration', () => {
    const bytes = iconv.encode('<html><head><meta charset="iso-8859-1"></head><body>Zürich</body></html>', 'latin1');
    expect(decodeBody(bytes, 'text/html')).toMatchObject({ charset: 'iso-8859-1', source: 'meta', text: expect.stringContaining('Zürich') });
    const equiv = iconv.encode('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><p>¥1,500 大人</p>', 'shift_jis');
    expect(decodeBody(equiv).text).toContain('大人');
  });

  it('believes a byte-order mark over everything else', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('<p>Hi</p>', 'utf-16le')]);
    expect(decodeBody(bytes, 'text/html; charset=iso-8859-1')).toEqual({ text: '<p>Hi</p>', charset: 'utf-16le', source: 'bom' });
  });

  it('detects undeclared legacy encodings and defaults to UTF-8', () => {
    const text = 'Die Öffnungszeiten ändern sich. Preise für Erwachsene und Kinder gelten ab März. Größere Gruppen zahlen weniger.';
    expect(decodeBody(iconv.encode(text, 'latin1')).text).toBe(text);
    expect(decodeBody(Buffer.from('plain ascii'))).toEqual({ text: 'plain ascii', charset: 'utf-8', source: 'default' });
  });

  it('reads charset parameters in their usual spellings', () => {
    expect(charsetFromContentType('text/html; charset="UTF-8"')).toBe('utf-8');
    expect(charsetFromContentType('text/html')).toBeUndefined();
  });
});
