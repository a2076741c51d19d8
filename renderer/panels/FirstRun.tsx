import { useState } from 'react';
import { useEditor } from '../state/editor-store.js';

/** A short guided first run on the demo subject: four steps, dismissed for good once done or skipped. */

const STORAGE_KEY = 'roi-studio.first-run-done';

const STEPS = [
  'Pick a Template on the left: its labels are drawn over the curvature.',
  'Choose Freehand and draw around a label; release to close the outline.',
  'Type a name in “ROI name” and press Enter. The list shows its vertices per hemisphere.',
  'Press Save (Ctrl/Cmd+S): the ROI goes into the subject’s overlays.svg, where pycortex reads it.',
];

function alreadyDone(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return true;
  }
}

export function FirstRun() {
  const subject = useEditor((s) => s.subject);
  const [step, setStep] = useState(() => (alreadyDone() ? -1 : 0));
  if (step < 0 || subject !== 'demo') return null;
  const finish = () => {
    try {
      localStorage.setItem(STORAGE_KEY, '1');
    } catch {
      // private windows may refuse storage; the tour then shows again next time
    }
    setStep(-1);
  };
  return (
    <aside className="first-run" aria-label="Getting started">
      <p className="step">
        Step {step + 1} of {STEPS.length}
      </p>
      <p>{STEPS[step]}</p>
      <div className="dialog-buttons">
        <button type="button" onClick={finish}>
          Skip
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => (step + 1 < STEPS.length ? setStep(step + 1) : finish())}
        >
          {step + 1 < STEPS.length ? 'Next' : 'Done'}
        </button>
      </div>
    </aside>
  );
}
