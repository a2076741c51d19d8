import type { ShapeLayer } from '../../../shared/api.js';
import type { RoiDocument } from '../../state/roi-document.js';

/**
 * The contract every drawing tool keeps: a small state machine fed with pointer and key events
 * already converted to the SVG frame, answering with what should happen to the document.
 * Tools never touch the store or Konva, so unit tests drive them with plain events.
 */

export type ToolId = 'freehand' | 'polygon' | 'edit' | 'reshape' | 'pan';

export interface ToolPointer {
  /** SVG-frame coordinates */
  x: number;
  y: number;
  shiftKey?: boolean;
  altKey?: boolean;
}

export interface ToolEnv {
  /** screen pixels per SVG unit: hit radii and sampling steps are defined on screen */
  scale: number;
  doc: RoiDocument;
  selectedKey: string | null;
  /** ROIs hidden in the list cannot be picked */
  hiddenKeys?: ReadonlySet<string>;
  /** the layer drawn and edited (ROIs when absent): only its shapes are picked; sulci are drawn as open lines */
  layer?: ShapeLayer;
}

export type ToolResult =
  | { kind: 'none' }
  /** a finished outline (an open line in the sulci layer) waiting for a name */
  | { kind: 'create'; ring: number[] }
  /** a finished edit: the new document, and the label shown in the history */
  | { kind: 'change'; label: string; doc: RoiDocument; selectKey?: string | null }
  | { kind: 'select'; key: string | null };

export const NONE: ToolResult = { kind: 'none' };

/** What the tool wants drawn on the interaction layer while it works. */
export interface ToolPreview {
  /** open or closed polylines in SVG coordinates */
  lines: { points: readonly number[]; closed: boolean }[];
  /** node handles */
  nodes?: readonly number[];
  /** curve handles: node x, y then control point x, y, per handle */
  handles?: readonly number[];
  /** the node under the pointer or being dragged */
  activeNode?: readonly [number, number];
}

export interface Tool {
  readonly id: ToolId;
  pointerDown(p: ToolPointer, env: ToolEnv): ToolResult;
  pointerMove(p: ToolPointer, env: ToolEnv): ToolResult;
  pointerUp(p: ToolPointer, env: ToolEnv): ToolResult;
  doubleClick(p: ToolPointer, env: ToolEnv): ToolResult;
  keyDown(key: string, env: ToolEnv): ToolResult;
  /** true mid-gesture: undo and tool switches wait until it ends */
  isBusy(): boolean;
  cancel(): void;
  preview(env: ToolEnv): ToolPreview | null;
  /** why the last gesture did nothing, for the status bar */
  readonly lastProblem?: string | null;
}
