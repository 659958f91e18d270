import { parsePhone } from './phone';

const e164 = (raw: string, options = {}): string | null => {
  const result = parsePhone(raw, options);
  return result.ok ? result.canonical : null;
};

describe('parsePhone', () => {
  it.each([
    ['(512) 555-0147', '+15125550147'],
    ['512.555.0147', '+15125550147'],
    ['+1 512-555-0147', '+15125550147'],
    ['1-512-555-0147', '+15125550147'],
    ['tel:+15125550147', '+15125550147'],
    ['tel:512%20555%200147', '+15125550147'],
    ['Call us: (512) 555-0147 today', '+15125550147'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('%s → %s', (raw, expected) => {
    expect(e164(raw)).toBe(expected);
  });

  it('reads national numbers in the default region', () => {
    expect(e164('020 7946 0958', { defaultRegion: 'GB' })).toBe('+442079460958');
    expect(e164('(07) 5550 3397', { defaultRegion: 'AU' })).toBe('+61755503397');
  });

  it('keeps extensions aside', () => {
    expect(parsePhone('512.555.0147 ext. 12')).toMatchObject({ canonical: '+15125550147', extension: '12' });
    expect(parsePhone('(512) 555-0147 x 204')).toMatchObject({ canonical: '+15125550147', extension: '204' });
  });

  it('spells out vanity numbers', () => {
    expect(parsePhone('1-800-FLOWERS')).toMatchObject({ canonical: '+18003569377', vanity: true });
    expect(parsePhone('(800) GOT-JUNK')).toMatchObject({ canonical: '+18004685865', vanity: true });
  });

  it('marks numbers that only have the right length as not valid', () => {
    expect(parsePhone('(555) 123-4567')).toMatchObject({ ok: true, valid: false });
  });

  it('rejects things that are not phones', () => {
    for (const raw of ['911', '2025-03-01', '12345', 'call us', '']) expect(parsePhone(raw).ok).toBe(false);
  });
});
