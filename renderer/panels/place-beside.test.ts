import { describe, expect, it } from 'vitest';
import { placeBeside } from './place-beside.js';

const size = { width: 300, height: 200 };
const screen = { width: 1280, height: 720 };

function overlaps(
  a: { left: number; top: number },
  box: { left: number; top: number; right: number; bottom: number },
) {
  return (
    a.left < box.right &&
    a.left + size.width > box.left &&
    a.top < box.bottom &&
    a.top + size.height > box.top
  );
}

describe('placeBeside', () => {
  it('stands right of the outline when there is room, else left, else below or above, never over it', () => {
    const boxes = [
      { left: 100, top: 100, right: 300, bottom: 300 },
      { left: 900, top: 300, right: 1200, bottom: 500 },
      { left: 50, top: 50, right: 1230, bottom: 300 },
      { left: 50, top: 450, right: 1230, bottom: 700 },
    ];
    const places = boxes.map((b) => placeBeside(b, size, screen));
    expect(places).toEqual([
      { left: 316, top: 100 },
      { left: 584, top: 300 },
      { left: 50, top: 316 },
      { left: 50, top: 234 },
    ]);
    places.forEach((p, i) => expect(overlaps(p, boxes[i])).toBe(false));
  });
});
