import { describe, expect, it } from 'vitest';
import { BUILTIN_TOPICS, contrast, textOn } from '../../../lib/topics';

describe('topic colours stay legible', () => {
  it('built-in badges have white text at WCAG AA contrast (4.5:1) or better', () => {
    for (const t of BUILTIN_TOPICS) {
      expect(textOn(t.color)).toBe('#ffffff');
      expect(contrast(t.color, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('any colour the user picks gets the text colour that reads better on it', () => {
    expect(textOn('#ffff00')).toBe('#000000');
    expect(textOn('#000080')).toBe('#ffffff');
    for (let i = 0; i < 4096; i += 7) {
      const c = `#${i.toString(16).padStart(3, '0')}`;
      // The better of black and white always reaches at least 4.58:1 (a known property of the WCAG formula).
      expect(contrast(c, textOn(c))).toBeGreaterThanOrEqual(4.5);
    }
  });
});
