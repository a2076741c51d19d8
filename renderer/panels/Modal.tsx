import type { KeyboardEvent, ReactNode } from 'react';

interface ModalProps {
  /** 'alertdialog' for a question that interrupts (a conflict), else 'dialog' */
  role?: 'dialog' | 'alertdialog';
  className?: string;
  /** the id of the dialog's title, or a label when it has none */
  labelledBy?: string;
  label?: string;
  /** Escape anywhere inside (the focused element's key events bubble here) */
  onEscape: () => void;
  /** given: the dialog is a form, Enter in a field submits it */
  onSubmit?: () => void;
  /** given: a click on the backdrop, outside the dialog, calls it */
  onBackdrop?: () => void;
  children: ReactNode;
}

/**
 * A modal dialog over the dimmed window, the one shape every question takes, so each has its
 * role and label for screen readers and closes on Escape. The first control to take the focus
 * is the child marked `autoFocus`.
 */
export function Modal({
  role = 'dialog',
  className = 'dialog',
  labelledBy,
  label,
  onEscape,
  onSubmit,
  onBackdrop,
  children,
}: ModalProps) {
  const props = {
    className,
    role,
    'aria-modal': true,
    'aria-labelledby': labelledBy,
    'aria-label': label,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Escape') onEscape();
    },
  };
  return (
    <div className="dialog-backdrop" onClick={onBackdrop}>
      {onSubmit ? (
        <form
          {...props}
          onClick={(e) => e.stopPropagation()}
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit();
          }}
        >
          {children}
        </form>
      ) : (
        <div {...props} onClick={(e) => e.stopPropagation()}>
          {children}
        </div>
      )}
    </div>
  );
}
