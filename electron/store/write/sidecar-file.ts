/** The sidecar beside overlays.svg (see sidecar.ts); its own module so listing subjects stays light. */
export const SIDECAR_FILE = 'overlays.roi-studio.json';
