import type { EditorState } from '../state/editor-store.js';
import { EditTool } from './tools/edit-tool.js';
import { FreehandTool } from './tools/freehand-tool.js';
import { PolygonTool } from './tools/polygon-tool.js';
import { ReshapeTool } from './tools/reshape-tool.js';
import type { Tool, ToolEnv, ToolId, ToolPointer, ToolPreview, ToolResult } from './tools/tool-types.js';

/**
 * Routes pointer and key events, already in SVG coordinates, to the active drawing tool and
 * reports what came of each. Knows tools only through their common interface; the Pan tool
 * has no tool object (the view pans it). Store and DOM stay with the caller.
 */

export type DrawingToolId = Exclude<ToolId, 'pan'>;

/** Keys the canvas takes for the active tool when no text field or dialog has them. */
const TOOL_KEYS: ReadonlySet<string> = new Set(['Escape', 'Enter', 'Backspace', 'Delete']);

export interface ToolOutcome {
  result: ToolResult;
  /** the tool is mid-gesture after the event: undo and tool switches wait */
  busy: boolean;
  /** why the gesture did nothing, for the status bar */
  problem: string | null;
}

export function makeTools(): Record<DrawingToolId, Tool> {
  return {
    freehand: new FreehandTool(),
    polygon: new PolygonTool(),
    edit: new EditTool(),
    reshape: new ReshapeTool(),
  };
}

/** What a tool sees of the editor: the document, selection, layer, and the zoom for hit radii. */
export function toolEnv(
  s: Pick<EditorState, 'doc' | 'selectedKey' | 'hiddenKeys' | 'drawLayer'>,
  scale: number,
): ToolEnv {
  return { scale, doc: s.doc, selectedKey: s.selectedKey, hiddenKeys: s.hiddenKeys, layer: s.drawLayer };
}

export class ToolRouter {
  /** the pointer that started the tool's gesture: only its moves are coalesced, only its release ends it */
  private pointerId: number | null = null;

  constructor(
    private readonly activeId: () => ToolId,
    private readonly tools: Record<DrawingToolId, Tool> = makeTools(),
  ) {}

  active(): Tool | null {
    const id = this.activeId();
    return id === 'pan' ? null : this.tools[id];
  }

  /** Whether this pointer is the one drawing. */
  owns(pointerId: number): boolean {
    return this.pointerId === pointerId;
  }

  pointerDown(pointerId: number, p: ToolPointer, env: ToolEnv): ToolOutcome | null {
    const tool = this.active();
    if (!tool) return null;
    this.pointerId = pointerId;
    return outcome(tool, tool.pointerDown(p, env));
  }

  /** Feeds the moves in order; false when no tool listens (nothing to redraw). */
  pointerMove(points: readonly ToolPointer[], env: ToolEnv): boolean {
    const tool = this.active();
    if (!tool) return false;
    for (const p of points) tool.pointerMove(p, env);
    return true;
  }

  pointerUp(pointerId: number, p: ToolPointer, env: ToolEnv): ToolOutcome | null {
    if (this.pointerId !== pointerId) return null;
    this.pointerId = null;
    const tool = this.active();
    return tool ? outcome(tool, tool.pointerUp(p, env)) : null;
  }

  doubleClick(p: ToolPointer, env: ToolEnv): ToolOutcome | null {
    const tool = this.active();
    return tool ? outcome(tool, tool.doubleClick(p, env)) : null;
  }

  /**
   * A tool key goes to the active tool; `claimed` says the key is spent and must reach nothing
   * else (it did something, the tool was mid-gesture, or it is Escape). Null: not the tools' key.
   */
  keyDown(key: string, env: ToolEnv): { outcome: ToolOutcome; claimed: boolean } | null {
    const tool = this.active();
    if (!tool || !TOOL_KEYS.has(key)) return null;
    const wasBusy = tool.isBusy();
    const result = tool.keyDown(key, env);
    return { outcome: outcome(tool, result), claimed: result.kind !== 'none' || wasBusy || key === 'Escape' };
  }

  preview(env: ToolEnv): ToolPreview | null {
    return this.active()?.preview(env) ?? null;
  }

  /** Drops every tool's gesture in progress (the map or the tool changed under it). */
  cancelAll(): void {
    for (const tool of Object.values(this.tools)) tool.cancel();
  }
}

function outcome(tool: Tool, result: ToolResult): ToolOutcome {
  return { result, busy: tool.isBusy(), problem: tool.lastProblem ?? null };
}
