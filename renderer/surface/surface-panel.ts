import { create } from 'zustand';

/** Whether the 3-D panel is open beside the flatmap, and its share of the stage's width. */
export const useSurfacePanel = create<{ open: boolean; share: number }>()(() => ({
  open: false,
  share: 0.45,
}));

export function toggleSurfacePanel(): void {
  useSurfacePanel.setState((s) => ({ open: !s.open }));
}

/** The panel's share of the width, kept so neither side gets too narrow to use. */
export function setSurfaceShare(share: number): void {
  useSurfacePanel.setState({ share: Math.min(0.8, Math.max(0.2, share)) });
}
