import { useState } from 'react';
import { chooseTheme, savedTheme, type ThemeChoice } from '../theme.js';

/** Light, dark, or as the system says. */
export function ThemeSwitch() {
  const [choice, setChoice] = useState<ThemeChoice>(savedTheme);
  return (
    <select
      className="theme-switch"
      aria-label="Theme"
      title="Colour theme"
      value={choice}
      onChange={(e) => {
        const next = e.target.value as ThemeChoice;
        setChoice(next);
        chooseTheme(next);
      }}
    >
      <option value="system">System theme</option>
      <option value="light">Light</option>
      <option value="dark">Dark</option>
    </select>
  );
}
