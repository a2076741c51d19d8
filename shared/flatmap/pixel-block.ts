/**
 * Pixels per block of a PixelMap (shared/api.ts; a 256 KiB float image tile). Its own module so
 * the flatmap kernels and their worker threads load nothing of the API's schemas.
 */
export const PIXEL_BLOCK = 1 << 16;
