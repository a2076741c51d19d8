import { useState } from 'react';
import type { ReactNode } from 'react';

interface PanelProps {
  /** names the remembered open/closed state, and the heading's id */
  id: string;
  heading: ReactNode;
  /** the section's accessible name when the heading text is not it */
  label?: string;
  /** the full heading on hover, where the narrow sidebar cuts it */
  title?: string;
  className?: string;
  children: ReactNode;
}

const STORAGE_PREFIX = 'roi-studio.collapsed.';

function remembered(id: string): boolean {
  try {
    return localStorage.getItem(STORAGE_PREFIX + id) === '1';
  } catch {
    return false;
  }
}

/**
 * A sidebar section whose heading folds it away (and remembers that), so the ROI list gets the
 * room on a small screen.
 */
export function Panel({ id, heading, label, title, className = '', children }: PanelProps) {
  const [collapsed, setCollapsed] = useState(() => remembered(id));
  const toggle = () => {
    const next = !collapsed;
    setCollapsed(next);
    try {
      localStorage.setItem(STORAGE_PREFIX + id, next ? '1' : '0');
    } catch {
      // private windows may refuse storage: the section folds for this session only
    }
  };
  return (
    <section
      className={`panel ${className}${collapsed ? ' collapsed' : ''}`}
      aria-labelledby={label ? undefined : `${id}-heading`}
      aria-label={label}
    >
      <h2 id={`${id}-heading`} title={title}>
        <button type="button" className="panel-toggle" aria-expanded={!collapsed} onClick={toggle}>
          <span className="fold" aria-hidden="true">
            {collapsed ? '▸' : '▾'}
          </span>
          {heading}
        </button>
      </h2>
      {!collapsed && children}
    </section>
  );
}
