import { useEffect, useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { holdModal } from './modal-open.js';

interface ModalProps {
  /** 'alertdialog' for a question that interrupts (a conflict), else 'dialog' */
  role?: 'dialog' | 'alertdialog';
  className?: string;
  /** the id of the dialog's title, or a label when it has none */
  labelledBy?: string;
  label?: string;
  /** Escape anywhere inside (the focused element's key events bubble here) */
  onEscape: () => void;
  /** a key besides Escape that closes the dialog, e.g. the one that opened it */
  closeKey?: string;
  /** given: the dialog is a form, Enter in a field submits it */
  onSubmit?: () => void;
  /** given: a click on the backdrop, outside the dialog, calls it */
  onBackdrop?: () => void;
  /** given: the dialog stands here (client px) over an undimmed window, beside what it asks about */
  at?: { left: number; top: number };
  children: ReactNode;
}

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea, [tabindex]';

/**
 * A modal dialog over the dimmed window, the one shape every question takes, so each has its
 * role and label for screen readers, closes on Escape, keeps Tab among its own controls, and
 * holds the map and the shortcuts off while open (modal-open.ts). The first control to take
 * the focus is the child marked `autoFocus`.
 */
export function Modal({
  role = 'dialog',
  className = 'dialog',
  labelledBy,
  label,
  onEscape,
  closeKey,
  onSubmit,
  onBackdrop,
  at,
  children,
}: ModalProps) {
  const ref = useRef<HTMLElement | null>(null);
  useEffect(holdModal, []);
  useEffect(() => {
    // a click on the backdrop or a focus moved out by script comes back inside
    const keepFocus = (e: FocusEvent) => {
      const dialog = ref.current;
      if (dialog && e.target instanceof Node && !dialog.contains(e.target))
        dialog.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    };
    document.addEventListener('focusin', keepFocus);
    return () => document.removeEventListener('focusin', keepFocus);
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    // keys pressed in a dialog stay there: the global shortcuts never see them
    e.stopPropagation();
    if (e.key === 'Escape' || (closeKey !== undefined && e.key === closeKey)) {
      e.preventDefault();
      onEscape();
    } else if (e.key === 'Tab') trapTab(e, ref.current);
  };
  const props = {
    className,
    style: at ? { position: 'absolute' as const, left: at.left, top: at.top } : undefined,
    role,
    'aria-modal': true,
    'aria-labelledby': labelledBy,
    'aria-label': label,
    onKeyDown,
  };
  return (
    <div
      className={at ? 'dialog-backdrop beside' : 'dialog-backdrop'}
      // a press outside keeps the focus in the dialog, and nothing behind sees a drag
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) e.preventDefault();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget) onBackdrop?.();
      }}
    >
      {onSubmit ? (
        <form
          {...props}
          ref={(el) => {
            ref.current = el;
          }}
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit();
          }}
        >
          {children}
        </form>
      ) : (
        <div
          {...props}
          ref={(el) => {
            ref.current = el;
          }}
        >
          {children}
        </div>
      )}
    </div>
  );
}

/** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
function trapTab(e: KeyboardEvent, dialog: HTMLElement | null): void {
  if (!dialog) return;
  const controls = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((c) => c.tabIndex >= 0);
  if (controls.length === 0) return;
  const first = controls[0];
  const last = controls[controls.length - 1];
  const active = document.activeElement;
  if (e.shiftKey && (active === first || !dialog.contains(active))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !dialog.contains(active))) {
    e.preventDefault();
    first.focus();
  }
}
