/**
 * The pre-overlays ROI file of a subject folder (pycortex-formats.md §6.10). Its own module so
 * that finding the file does not load the SVG parser that reading it needs.
 */
export const LEGACY_ROIS_FILE = 'rois.svg';
