/**
 * Redraws of the 3-D view that only move the linked cursor. The flatmap's cursor moves every
 * display frame; redrawing a 300 k-vertex mesh that often is free on a GPU but takes hundreds of
 * milliseconds in software GL, where it would slow the flatmap the user is drawing on. So each
 * redraw's cost is measured (from drawing to the next display frame, less one frame) and the next
 * one waits until the 3-D view has used at most `share` of the time. Where a draw takes longer than
 * a display frame, the cursor is drawn only once the pointer rests (`REST_MS` without a request),
 * so a stroke on the flatmap is never held up by it. The last request is always drawn, so the
 * cursor ends where the pointer rests. Requests from the 3-D view itself (the user hovering it)
 * skip the wait.
 */

/** The timing a browser provides; injected so tests can drive the clock. */
export interface RedrawClock {
  now(): number;
  frame(run: () => void): number;
  cancelFrame(id: number): void;
  later(run: () => void, ms: number): unknown;
  cancelLater(id: unknown): void;
}

export interface PacedRedraw {
  /** Ask for a redraw; `urgent` skips the pacing wait (still one per display frame). */
  request(urgent?: boolean): void;
  cancel(): void;
}

/** A display frame at 60 Hz: what any draw costs at least, however fast the GPU. */
const DISPLAY_FRAME_MS = 1000 / 60;
/** How long the pointer must stay put before a slow renderer draws the cursor. */
export const REST_MS = 150;

export const browserClock: RedrawClock = {
  now: () => performance.now(),
  frame: (run) => requestAnimationFrame(run),
  cancelFrame: (id) => cancelAnimationFrame(id),
  later: (run, ms) => setTimeout(run, ms),
  cancelLater: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

export function pacedRedraw(draw: () => void, clock: RedrawClock = browserClock, share = 0.1): PacedRedraw {
  // idle → (waiting →) queued → measuring → idle; a request while waiting or queued is covered by
  // the draw to come, one while measuring gets another draw afterwards
  let phase: 'idle' | 'waiting' | 'queued' | 'measuring' = 'idle';
  let again: 'no' | 'paced' | 'urgent' = 'no';
  let nextAllowed = -Infinity;
  let slow = false;
  let frame = 0;
  let timer: unknown = null;

  const measure = (drawnAt: number) => {
    frame = 0;
    const cost = Math.max(0, clock.now() - drawnAt - DISPLAY_FRAME_MS);
    slow = cost > DISPLAY_FRAME_MS;
    nextAllowed = clock.now() + cost * (1 / share - 1);
    phase = 'idle';
    const next = again;
    again = 'no';
    if (next !== 'no') schedule(next === 'urgent');
  };

  const queue = () => {
    timer = null;
    phase = 'queued';
    frame = clock.frame(() => {
      phase = 'measuring';
      const drawnAt = clock.now();
      draw();
      frame = clock.frame(() => measure(drawnAt));
    });
  };

  const schedule = (urgent: boolean) => {
    const wait = urgent ? 0 : Math.max(nextAllowed - clock.now(), slow ? REST_MS : 0);
    if (wait <= 0) return queue();
    phase = 'waiting';
    timer = clock.later(queue, wait);
  };

  return {
    request(urgent = false) {
      if (phase === 'idle') schedule(urgent);
      else if (phase === 'measuring') again = urgent || again === 'urgent' ? 'urgent' : 'paced';
      else if (phase === 'waiting' && (urgent || slow)) {
        // urgent: draw now; slow: the pointer has not rested yet, so wait again
        clock.cancelLater(timer);
        schedule(urgent);
      }
    },
    cancel() {
      if (timer !== null) clock.cancelLater(timer);
      if (frame) clock.cancelFrame(frame);
      timer = null;
      frame = 0;
      phase = 'idle';
      again = 'no';
    },
  };
}
