import type { Tool, ToolEnv, ToolPointer, ToolPreview, ToolResult } from './tool-types.js';
import { NONE } from './tool-types.js';

/**
 * Polygon: each click adds a node; double-click, Enter, or a click on the first node closes the
 * outline; Backspace removes the last node; Esc cancels. In the sulci layer the nodes make an
 * open line, finished by double-click or Enter.
 */

const CLOSE_RADIUS_PX = 8;

export class PolygonTool implements Tool {
  readonly id = 'polygon' as const;
  private nodes: number[] = [];
  private hover: [number, number] | null = null;

  pointerDown(p: ToolPointer, env: ToolEnv): ToolResult {
    const n = this.nodes.length;
    if (
      env.layer !== 'sulci' &&
      n >= 6 &&
      Math.hypot(p.x - this.nodes[0], p.y - this.nodes[1]) * env.scale <= CLOSE_RADIUS_PX
    ) {
      return this.close(env);
    }
    // the second click of a double-click lands on the node just placed: do not duplicate it
    if (n >= 2 && Math.hypot(p.x - this.nodes[n - 2], p.y - this.nodes[n - 1]) * env.scale < 2) {
      return NONE;
    }
    this.nodes.push(p.x, p.y);
    return NONE;
  }

  pointerMove(p: ToolPointer): ToolResult {
    this.hover = [p.x, p.y];
    return NONE;
  }

  pointerUp(_p?: ToolPointer, _env?: ToolEnv): ToolResult {
    return NONE;
  }

  doubleClick(_p?: ToolPointer, env?: ToolEnv): ToolResult {
    return this.close(env);
  }

  keyDown(key: string, env?: ToolEnv): ToolResult {
    if (key === 'Escape') this.cancel();
    else if (key === 'Enter') return this.close(env);
    else if (key === 'Backspace' && this.nodes.length > 0) this.nodes.splice(-2, 2);
    return NONE;
  }

  private close(env?: ToolEnv): ToolResult {
    const ring = this.nodes;
    this.nodes = [];
    // a line needs two nodes, an outline three
    return ring.length >= (env?.layer === 'sulci' ? 4 : 6) ? { kind: 'create', ring } : NONE;
  }

  isBusy(): boolean {
    return this.nodes.length > 0;
  }

  cancel(): void {
    this.nodes = [];
  }

  preview(): ToolPreview | null {
    if (this.nodes.length === 0) return null;
    const line = this.hover ? [...this.nodes, ...this.hover] : this.nodes;
    return { lines: [{ points: line, closed: false }], nodes: this.nodes };
  }
}
