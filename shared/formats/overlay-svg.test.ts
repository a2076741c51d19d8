import { describe, expect, it } from 'vitest';
import { OverlayFormatError, parseOverlay } from './overlay-svg.js';

const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">${body}</svg>`;

describe('parseOverlay errors', () => {
  it("say where the XML breaks and what is wrong, in the app's words, not the parser's", () => {
    const cases: [string, string][] = [
      [svg('&foo;'), 'not well-formed XML at line 1, column 59: entity not found:&foo;'],
      [svg('<<g/>'), 'not well-formed XML at line 1, column 64: unexpected < in tag name'],
      [svg('<g>'), 'not well-formed XML at line 1, column 64: Opening and ending tag mismatch: "g" != "svg"'],
      ['<!-- nothing -->', 'not well-formed XML at line 1, column 1: missing root element'],
    ];
    for (const [text, message] of cases) {
      expect(() => parseOverlay(text)).toThrow(OverlayFormatError);
      // an error instance makes toThrow compare the whole message
      expect(() => parseOverlay(text)).toThrow(new OverlayFormatError(message));
      expect(message).not.toMatch(/onErrorStopParsing|Reporting error|element parse error/);
    }
  });
});
