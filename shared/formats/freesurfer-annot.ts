import type { LabelEntry } from '../subject.js';

/**
 * FreeSurfer `.annot` files (freesurfer-import.md §1.5), big-endian: int32 vertex count, then
 * (vertex, packed colour) int32 pairs, then tag 1 and a colour table, either the old layout
 * (positive entry count) or the versioned one (count −2, then table size, file name and entries
 * with their own structure ids). A vertex's label is the entry whose `r + 256·g + 65536·b` is its
 * packed colour; a colour no entry has leaves the vertex unlabelled (−1).
 */

export class AnnotError extends Error {}

export interface Annotation {
  /** label id per vertex (the colour table's structure id), −1 where no entry matches */
  labels: Int32Array;
  /** the colour table; rgba alpha = 255 − FreeSurfer's transparency */
  table: LabelEntry[];
}

const TAG_COLOUR_TABLE = 1;
const MAX_NAME = 4096;

class Reader {
  private o = 0;
  private readonly v: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  int(what: string): number {
    if (this.o + 4 > this.bytes.length)
      throw new AnnotError(`file truncated in ${what} (byte ${this.o} of ${this.bytes.length})`);
    const x = this.v.getInt32(this.o, false);
    this.o += 4;
    return x;
  }
  text(what: string): string {
    const n = this.int(`the length of ${what}`);
    if (n < 0 || n > MAX_NAME) throw new AnnotError(`bad length ${n} for ${what}`);
    if (this.o + n > this.bytes.length) throw new AnnotError(`file truncated in ${what}`);
    const raw = this.bytes.subarray(this.o, this.o + n);
    this.o += n;
    const end = raw.indexOf(0);
    return new TextDecoder().decode(end >= 0 ? raw.subarray(0, end) : raw);
  }
}

export function readAnnot(bytes: Uint8Array): Annotation {
  const r = new Reader(bytes);
  const nv = r.int('the vertex count');
  if (nv < 1) throw new AnnotError(`bad vertex count ${nv}`);
  const packed = new Int32Array(nv);
  const seen = new Uint8Array(nv);
  for (let i = 0; i < nv; i++) {
    const vertex = r.int(`vertex pair ${i}`);
    const colour = r.int(`vertex pair ${i}`);
    if (vertex < 0 || vertex >= nv)
      throw new AnnotError(`pair ${i} names vertex ${vertex}, but the file has ${nv} vertices`);
    packed[vertex] = colour;
    seen[vertex] = 1;
  }
  const missing = seen.indexOf(0);
  if (missing >= 0) throw new AnnotError(`vertex ${missing} has no label pair`);
  const tag = r.int('the colour-table tag');
  if (tag !== TAG_COLOUR_TABLE)
    throw new AnnotError(`no colour table (tag ${tag}, expected ${TAG_COLOUR_TABLE})`);
  const table = readTable(r);
  const byColour = new Map<number, number>();
  for (const e of table) {
    const [red, green, blue] = e.rgba ?? [0, 0, 0, 0];
    byColour.set(red + 256 * green + 65536 * blue, e.index);
  }
  const labels = new Int32Array(nv);
  for (let i = 0; i < nv; i++) labels[i] = byColour.get(packed[i]) ?? -1;
  return { labels, table };
}

function readTable(r: Reader): LabelEntry[] {
  const first = r.int('the colour-table size');
  const out: LabelEntry[] = [];
  const entry = (index: number, name: string) => {
    const rgbt = [0, 1, 2, 3].map(() => r.int(`the colour of ${JSON.stringify(name)}`));
    if (rgbt.some((c) => c < 0 || c > 255))
      throw new AnnotError(`colour ${rgbt.join(' ')} of ${JSON.stringify(name)} is not in 0..255`);
    out.push({ index, name, rgba: [rgbt[0], rgbt[1], rgbt[2], 255 - rgbt[3]] });
  };
  if (first > 0) {
    r.text('the colour-table file name');
    for (let i = 0; i < first; i++) entry(i, r.text(`entry ${i}'s name`));
  } else {
    const version = -first;
    if (version !== 2) throw new AnnotError(`unsupported colour-table version ${version} (expected 2)`);
    const size = r.int('the colour-table size');
    r.text('the colour-table file name');
    const count = r.int('the colour-table entry count');
    if (count < 0 || count > size)
      throw new AnnotError(`${count} colour-table entries for a table of ${size}`);
    for (let i = 0; i < count; i++) {
      const index = r.int(`entry ${i}'s id`);
      if (index < 0 || index >= size)
        throw new AnnotError(`entry ${i} has id ${index}, outside the table of ${size}`);
      entry(index, r.text(`entry ${i}'s name`));
    }
  }
  return out;
}

/** A versioned `.annot` for tests: `labels` are table ids (−1 = a colour outside the table). */
export function encodeAnnot(labels: ArrayLike<number>, table: Required<LabelEntry>[]): Uint8Array {
  const enc = new TextEncoder();
  const ints: (number | Uint8Array)[] = [labels.length];
  const colourOf = new Map(table.map((e) => [e.index, e.rgba[0] + 256 * e.rgba[1] + 65536 * e.rgba[2]]));
  for (let i = 0; i < labels.length; i++) ints.push(i, colourOf.get(labels[i]) ?? 0x7fffff);
  const name = (s: string) => {
    const b = enc.encode(`${s}\0`);
    ints.push(b.length, b);
  };
  ints.push(TAG_COLOUR_TABLE, -2, Math.max(0, ...table.map((e) => e.index + 1)));
  name('roi-studio');
  ints.push(table.length);
  for (const e of table) {
    ints.push(e.index);
    name(e.name);
    ints.push(e.rgba[0], e.rgba[1], e.rgba[2], 255 - e.rgba[3]);
  }
  const size = ints.reduce<number>((s, x) => s + (typeof x === 'number' ? 4 : x.length), 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  let o = 0;
  for (const x of ints)
    if (typeof x === 'number') {
      v.setInt32(o, x, false);
      o += 4;
    } else {
      out.set(x, o);
      o += x.length;
    }
  return out;
}
