import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/api-limits.js';
import { CliError, numberOption } from './cli-error.js';

describe('numberOption', () => {
  it('takes each API limit at its bounds and refuses it just past them, as a usage error', () => {
    for (const [name, limit] of Object.entries(LIMITS)) {
      const step = 'integer' in limit ? 1 : (limit.max - limit.min) / 1000;
      for (const v of [limit.min, limit.max])
        expect(numberOption({ [name]: String(v) }, name, 0, limit), `${name} ${v}`).toBe(v);
      for (const v of [limit.min - step, limit.max + step]) {
        const parse = () => numberOption({ [name]: String(v) }, name, 0, limit);
        expect(parse, `${name} ${v}`).toThrow(CliError);
        expect(parse).toThrow(`--${name} must be`);
      }
    }
  });

  it('refuses a fraction where an integer is needed, and text', () => {
    expect(() => numberOption({ thick: '1.5' }, 'thick', 32, LIMITS.thick)).toThrow(/an integer/);
    expect(() => numberOption({ dpi: 'high' }, 'dpi', 100, LIMITS.dpi)).toThrow(/got "high"/);
    expect(numberOption({}, 'dpi', 100, LIMITS.dpi)).toBe(100);
  });
});
