import { describe, expect, it } from 'vitest';
import { createCloseGuard, type CloseChoice } from './close-guard.js';

function setup(choice: CloseChoice) {
  const log: string[] = [];
  let clock = 0;
  const guard = createCloseGuard({
    ask: async () => {
      log.push('ask');
      return choice;
    },
    requestSave: () => log.push('save'),
    close: () => {
      log.push('close');
      // Electron fires `close` again when the window is closed programmatically.
      attempt();
    },
    now: () => clock,
  });
  const attempt = () => {
    let prevented = false;
    guard.onClose({ preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { guard, log, attempt, tick: (ms: number) => (clock += ms) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('close guard', () => {
  it('closes at once when nothing is unsaved', () => {
    const s = setup('cancel');
    expect(s.attempt()).toBe(false);
    expect(s.log).toEqual([]);
  });

  it('asks when dirty; Cancel keeps the window', async () => {
    const s = setup('cancel');
    s.guard.setDirty(true);
    expect(s.attempt()).toBe(true);
    expect(s.attempt()).toBe(true); // a second close while asking does not ask twice
    await settle();
    expect(s.log).toEqual(['ask']);
  });

  it("Don't Save closes without saving", async () => {
    const s = setup('discard');
    s.guard.setDirty(true);
    expect(s.attempt()).toBe(true);
    await settle();
    expect(s.log).toEqual(['ask', 'close']);
  });

  it('Save asks the renderer to save and closes once it reports clean', async () => {
    const s = setup('save');
    s.guard.setDirty(true);
    s.attempt();
    await settle();
    expect(s.log).toEqual(['ask', 'save']);
    s.guard.setDirty(false);
    expect(s.log).toEqual(['ask', 'save', 'close']);
  });

  it('a save that finishes long after (e.g. after a failed save and a retry) does not close the window', async () => {
    const s = setup('save');
    s.guard.setDirty(true);
    s.attempt();
    await settle();
    s.tick(120_000);
    s.guard.setDirty(false);
    expect(s.log).toEqual(['ask', 'save']);
  });
});
