import { constants, crc32, deflateRawSync } from 'node:zlib';

const MIB = 1 << 20;

/**
 * A valid gzip file of `head` followed by `mib` MiB of zeros, built in milliseconds: each MiB is
 * one independently flushed deflate block of about 1 kB, repeated, so a 1 MB file inflates to
 * 1 GiB (the shape of a decompression bomb).
 */
export function gzipBomb(head: Uint8Array, mib: number): Uint8Array {
  const flushed = (data: Uint8Array) => deflateRawSync(data, { finishFlush: constants.Z_FULL_FLUSH });
  const zeros = new Uint8Array(MIB);
  const block = flushed(zeros);
  let crc = crc32(head);
  for (let i = 0; i < mib; i++) crc = crc32(zeros, crc);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((head.length + mib * MIB) % 2 ** 32, 4);
  return Buffer.concat([
    Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]),
    flushed(head),
    ...Array<Buffer>(mib).fill(block),
    Buffer.from([0x03, 0x00]), // an empty final block
    trailer,
  ]);
}
