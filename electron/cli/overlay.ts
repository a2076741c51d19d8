import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { OverlayEdit } from '../../shared/api.js';
import { normaliseShape } from '../../shared/formats/overlay-edit.js';
import {
  directText,
  findLayer,
  isSvgElement,
  layerShapes,
  type Element,
} from '../../shared/formats/overlay-svg.js';
import type { Matrix } from '../../shared/formats/svg-path.js';
import { pathIssues } from '../../shared/roi/compat.js';
import { cliContext, overlayApi } from '../backend/overlay-api.js';
import { parseOverlayAsPycortex } from '../store/database/legacy-rois.js';
import { databaseAndSubject, SUBJECT_OPTIONS } from './subject-options.js';
import { CliError, required } from './cli-error.js';

/** Printed by `roi-studio overlay --help` (electron/cli.ts). */
export const help = `usage: roi-studio overlay merge --db DIR --subject S --from FILE [--only A,B] [--replace] [--rescale]

Copy ROI layers from another overlay file (or a legacy rois.svg, converted as pycortex converts
it) into the subject's overlays.svg, through the one safe writer (lock, change check, backup).
  --from FILE   the overlay to copy from
  --only A,B    only these ROIs (default: all)
  --replace     replace ROIs of the same name (each keeps its own style and element prefix)
  --rescale     map a source drawn on another canvas size onto this subject's canvas
                (without it such a source is refused, naming both sizes)`;

/**
 * `overlay merge --db DIR --subject S --from FILE [--only A,B] [--replace] [--rescale]`: copy ROI
 * layers from another overlay (or a legacy rois.svg, converted as pycortex converts it) into the
 * subject's overlays.svg through the one safe writer (lock, stale check, backup, atomic rename).
 * Paths are rewritten in pycortex's safe subset with the geometry Inkscape shows (shape and path
 * transforms baked in). A source drawn on another canvas size is refused unless `--rescale` maps
 * its canvas onto the target's.
 */
export async function run(argv: string[]): Promise<void> {
  const [action, ...rest] = argv;
  if (action !== 'merge') throw new CliError(help.split('\n')[0], 2);
  const { values } = parseArgs({
    args: rest,
    options: {
      ...SUBJECT_OPTIONS,
      from: { type: 'string' },
      only: { type: 'string' },
      replace: { type: 'boolean' },
      rescale: { type: 'boolean' },
    },
    strict: true,
  });
  const { db, subject } = databaseAndSubject(values);
  const from = resolve(required(values, 'from'));

  let text: string;
  try {
    text = await readFile(from, 'utf8');
  } catch (e) {
    throw new CliError(
      `${from}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (e as Error).message}`,
    );
  }
  const source = parseOverlayAsPycortex(from, text);
  const layer = findLayer(source, 'rois');
  const shapes = layer ? layerShapes(layer) : [];
  if (!shapes.length) throw new CliError(`${from}: no ROIs (no <g inkscape:label> under rois/shapes)`);
  const byName = new Map(shapes.map((s) => [s.name, s])); // last of duplicates, as pycortex
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (only) {
    const missing = only.filter((n) => !byName.has(n));
    if (missing.length)
      throw new CliError(
        `${from}: no ROI ${missing.map((m) => JSON.stringify(m)).join(', ')} (has: ${[...byName.keys()].join(', ')})`,
      );
  }
  const names = only ?? [...byName.keys()];

  const api = overlayApi(cliContext(db));
  const current = await api.loadOverlay(subject);
  const scale = canvasScale(from, source, current, !!values.rescale);
  const existing = new Set(current.layers.find((l) => l.name === 'rois')?.shapes.map((s) => s.name) ?? []);
  const clashes = names.filter((n) => existing.has(n));
  if (clashes.length && !values.replace)
    throw new CliError(
      `${current.path} already has ${clashes.map((c) => JSON.stringify(c)).join(', ')}; pass --replace to overwrite them`,
    );

  const labelled = new Set<string>();
  const collect = (el: Element) => {
    for (let c = el.firstChild; c; c = c.nextSibling)
      if (isSvgElement(c, 'text')) labelled.add(directText(c));
      else if (c.nodeType === 1) collect(c as Element);
  };
  if (layer?.labels) collect(layer.labels);

  const edits: OverlayEdit[] = [];
  for (const name of names) {
    const shape = byName.get(name)!;
    const quirks = new Set(
      shape.paths.flatMap((p) => pathIssues(p.getAttribute('d') ?? '').map((i) => i.code)),
    );
    if (quirks.size)
      process.stderr.write(
        `note: ${name}: source paths have ${[...quirks].join(', ')}; written with the geometry Inkscape shows\n`,
      );
    normaliseShape(shape.element, scale);
    const paths = shape.paths.map((p) => p.getAttribute('d') ?? '');
    const label = labelled.has(name);
    edits.push(
      existing.has(name) ? { kind: 'replace', name, paths, label } : { kind: 'add', name, paths, label },
    );
  }
  const result = await api.saveOverlay({ subject, baseRevision: current.revision, edits });
  console.log(
    `Merged ${names.length} ROI(s) into ${result.snapshot.path}${result.backup ? ` (previous file backed up to ${result.backup})` : ' (new file)'}`,
  );
}

/** Canvases whose sizes differ by less than this (SVG units) are the same: float32 vs float64 writings of one size. */
const SAME_SIZE = 0.01;

/** The transform from the source's canvas to the target's; a different size needs `--rescale`. */
function canvasScale(
  from: string,
  source: { width: number; height: number },
  target: { path: string; width: number; height: number },
  rescale: boolean,
): Matrix {
  const same =
    Math.abs(source.width - target.width) < SAME_SIZE && Math.abs(source.height - target.height) < SAME_SIZE;
  if (same) return [1, 0, 0, 1, 0, 0];
  if (!rescale)
    throw new CliError(
      `${from}: canvas ${source.width} × ${source.height} differs from ${target.path}'s ${target.width} × ${target.height}; its ROIs would land on other places. Pass --rescale to map the source canvas onto the target's`,
    );
  return [target.width / source.width, 0, 0, target.height / source.height, 0, 0];
}
