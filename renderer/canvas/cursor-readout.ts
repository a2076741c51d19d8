import { editor } from '../state/editor-store.js';
import { describePoint, useCursor } from './cursor-info.js';

/** The status bar's "what is under the pointer", described at most once per animation frame. */
export class CursorReadout {
  private last: { x: number; y: number } | null = null;
  private frameRequested = false;

  /** The pointer is over this SVG point. */
  track(p: { x: number; y: number }): void {
    this.last = p;
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => this.describe());
  }

  /** Forget the point: it described the map shown until a new one replaced it. */
  clear(): void {
    this.last = null;
    useCursor.setState({ info: null });
  }

  private describe(): void {
    this.frameRequested = false;
    const s = editor.get();
    if (!this.last || !s.subjectData) return;
    useCursor.setState({ info: describePoint(this.last.x, this.last.y, s.subjectData, s.template) });
  }
}
