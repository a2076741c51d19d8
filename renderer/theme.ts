/**
 * Light or dark: the user's choice, or the system's while the choice is "system" (followed
 * live). Applied as `data-theme` on the root element, which styles.css keys its colours on.
 */

export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'roi-studio.theme';
const LIGHT_QUERY = '(prefers-color-scheme: light)';

export function savedTheme(): ThemeChoice {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

function apply(choice: ThemeChoice): void {
  const light = choice === 'light' || (choice === 'system' && window.matchMedia(LIGHT_QUERY).matches);
  document.documentElement.dataset.theme = light ? 'light' : 'dark';
}

let current: ThemeChoice = 'system';

/** Apply the saved choice and follow the system's changes while it is "system". */
export function startTheme(): void {
  current = savedTheme();
  apply(current);
  window.matchMedia(LIGHT_QUERY).addEventListener('change', () => apply(current));
}

export function chooseTheme(choice: ThemeChoice): void {
  current = choice;
  apply(choice);
  try {
    localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // private windows may refuse storage: the choice holds for this session
  }
}
