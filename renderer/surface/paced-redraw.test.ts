import { describe, expect, it } from 'vitest';
import { REST_MS, pacedRedraw, type RedrawClock } from './paced-redraw.js';

/** A clock the test moves by hand: frames run on `tick`, timers when their time has come. */
function manualClock() {
  let t = 0;
  let nextId = 1;
  const frames = new Map<number, () => void>();
  const timers = new Map<number, { at: number; run: () => void }>();
  const clock: RedrawClock = {
    now: () => t,
    frame: (run) => (frames.set(nextId, run), nextId++),
    cancelFrame: (id) => frames.delete(id),
    later: (run, ms) => (timers.set(nextId, { at: t + ms, run }), nextId++),
    cancelLater: (id) => timers.delete(id as number),
  };
  /** Let `ms` pass, then run the frame callbacks waiting (one display frame). */
  const tick = (ms: number) => {
    t += ms;
    for (const [id, timer] of [...timers]) {
      if (timer.at > t) continue;
      timers.delete(id);
      timer.run();
    }
    const due = [...frames];
    frames.clear();
    for (const [, run] of due) run();
  };
  return { clock, tick, pendingTimers: () => timers.size };
}

describe('the linked cursor redraws of the 3-D view', () => {
  it('draw once per display frame when drawing is cheap (a GPU)', () => {
    const { clock, tick } = manualClock();
    let draws = 0;
    const pacer = pacedRedraw(() => draws++, clock);
    for (let i = 0; i < 10; i++) {
      pacer.request();
      tick(16);
    }
    // a draw, then a frame to measure it, for every other frame
    expect(draws).toBeGreaterThanOrEqual(4);
    expect(draws).toBeLessThanOrEqual(5);
  });

  it('take at most a tenth of the time when a draw is slow (software GL), and draw the last request', () => {
    const { clock, tick, pendingTimers } = manualClock();
    let draws = 0;
    const pacer = pacedRedraw(() => draws++, clock);
    pacer.request();
    tick(16); // drawn
    tick(316); // its next frame comes 300 ms late: cost 300 ms, so wait 2.7 s
    expect(draws).toBe(1);
    for (let i = 0; i < 100; i++) {
      pacer.request();
      tick(16);
    }
    // 1.6 s of pointer moves: all wait for the pacing
    expect(draws).toBe(1);
    expect(pendingTimers()).toBe(1);
    tick(1200); // past 2.7 s: the waiting request is drawn
    expect(draws).toBe(2);
  });

  it('with a slow renderer, wait for the pointer to rest however long it moves', () => {
    const { clock, tick } = manualClock();
    let draws = 0;
    const pacer = pacedRedraw(() => draws++, clock);
    pacer.request();
    tick(16);
    tick(316); // slow: 300 ms a draw
    for (let i = 0; i < 400; i++) {
      pacer.request();
      tick(16); // 6.4 s of strokes, far past the pacing wait
    }
    expect(draws).toBe(1);
    tick(REST_MS); // the pointer rests
    expect(draws).toBe(2);
  });

  it('a request from the 3-D view itself cuts the wait short', () => {
    const { clock, tick } = manualClock();
    let draws = 0;
    const pacer = pacedRedraw(() => draws++, clock);
    pacer.request();
    tick(16);
    tick(316);
    pacer.request();
    tick(16);
    expect(draws).toBe(1);
    pacer.request(true);
    tick(16);
    expect(draws).toBe(2);
  });

  it('cancel drops what was asked', () => {
    const { clock, tick } = manualClock();
    let draws = 0;
    const pacer = pacedRedraw(() => draws++, clock);
    pacer.request();
    pacer.cancel();
    tick(16);
    tick(16);
    expect(draws).toBe(0);
  });
});
