// @vitest-environment jsdom
import { act, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COLORMAPS } from '../../shared/flatmap/colormaps.js';
import { ColormapPicker } from './ColormapPicker.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLDivElement;
let root: Root;
let chosen: string[];

function Harness() {
  const [value, setValue] = useState('magma');
  return (
    <ColormapPicker
      value={value}
      onChange={(v) => {
        chosen.push(v);
        setValue(v);
      }}
    />
  );
}

beforeEach(() => {
  chosen = [];
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root.render(<Harness />));
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

const options = () => [...host.querySelectorAll<HTMLLIElement>('[role="option"]')];
const search = () => host.querySelector<HTMLInputElement>('[aria-label="Find colour map"]')!;

function type(value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setter.call(search(), value);
    search().dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('ColormapPicker', () => {
  it('lists every 1-D map with a swatch of its colours, the current one selected', () => {
    expect(options().map((o) => o.textContent)).toEqual(COLORMAPS.map((c) => c.id));
    expect(
      options()
        .filter((o) => o.getAttribute('aria-selected') === 'true')
        .map((o) => o.textContent),
    ).toEqual(['magma']);
    const swatch = options()
      .find((o) => o.textContent === 'J4')!
      .querySelector<HTMLSpanElement>('.colormap-swatch')!;
    // pycortex's J4 starts dark blue (22, 22, 117)
    expect(swatch.style.background).toMatch(/^linear-gradient\(to right, rgb\(22, 22, 117\) 0%/);
  });

  it('filters by name, case-insensitively; Enter takes the first match, a click any', () => {
    type('rdbu');
    expect(options().map((o) => o.textContent)).toEqual(['RdBu', 'RdBu_r']);
    act(() => search().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(chosen).toEqual(['RdBu']);
    expect(search().value).toBe('');
    type('j4');
    act(() => options()[1].click());
    expect(chosen).toEqual(['RdBu', 'J4R']);
    type('nothing-like-this');
    expect(options()).toHaveLength(0);
    expect(host.textContent).toContain('No colour map matches “nothing-like-this”');
  });
});
