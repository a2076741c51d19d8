import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import {
  NIFTI_HEADER_BYTES as HEADER_BYTES,
  parseNiftiHeader,
  type NiftiHeader,
} from '../../../shared/formats/nifti.js';
import { fileError, parseOrFail } from '../files/file-errors.js';

/**
 * The header of a `.nii` / `.nii.gz` without reading the voxels: listing a database reads
 * every transform's reference, and those can be hundreds of megabytes.
 */
export async function readNiftiHeaderFile(path: string): Promise<NiftiHeader> {
  const head = await readHead(path).catch((e: unknown) => {
    throw fileError(path, e);
  });
  return parseOrFail(path, () => parseNiftiHeader(head));
}

async function readHead(path: string): Promise<Uint8Array> {
  const first = await readStart(createReadStream(path, { start: 0, end: 1 }), 2);
  const gz = first[0] === 0x1f && first[1] === 0x8b;
  const file = createReadStream(path);
  if (!gz) return readStart(file, HEADER_BYTES);
  const gunzip = createGunzip();
  file.on('error', (e) => gunzip.destroy(e));
  try {
    return await readStart(file.pipe(gunzip), HEADER_BYTES);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code?.startsWith('Z_'))
      throw new Error(`gzip data is corrupt or truncated (${err.message})`, { cause: e });
    throw e;
  } finally {
    file.destroy();
  }
}

/** Up to `n` bytes from the start of a stream (fewer if it ends first). */
function readStart(stream: NodeJS.ReadableStream & { destroy(): void }, n: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let got = 0;
    const done = () => {
      stream.removeAllListeners('data');
      stream.destroy();
      resolve(new Uint8Array(Buffer.concat(chunks).subarray(0, n)));
    };
    stream.on('data', (c: Buffer) => {
      chunks.push(c);
      got += c.length;
      if (got >= n) done();
    });
    stream.on('end', done);
    stream.on('error', reject);
  });
}
