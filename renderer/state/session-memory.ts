/**
 * The transform and template last shown for each (database, subject), so that reopening a
 * subject (or reloading the page) brings back the same view. Stored in the page's localStorage;
 * a browser that refuses storage just starts fresh.
 */

export interface RememberedView {
  transform?: string;
  template?: string;
}

function key(database: string, subject: string): string {
  return `roi-studio.view.${database}\u0000${subject}`;
}

export function recallView(database: string, subject: string): RememberedView {
  try {
    const raw = localStorage.getItem(key(database, subject));
    const v = raw ? (JSON.parse(raw) as unknown) : null;
    return typeof v === 'object' && v !== null ? (v as RememberedView) : {};
  } catch {
    return {};
  }
}

export function rememberView(database: string, subject: string, view: RememberedView): void {
  try {
    localStorage.setItem(key(database, subject), JSON.stringify(view));
  } catch {
    // storage full or refused: the view is simply not remembered
  }
}
