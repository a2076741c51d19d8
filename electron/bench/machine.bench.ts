import { Worker } from 'node:worker_threads';
import { median } from './median.js';

/**
 * How fast this machine is today, so the other figures can be read across days and machines
 * (a shared VM has measured the same engine code 15–35 % apart from one day to the next), and
 * how much a second thread adds. Two fixed kernels: arithmetic in registers, and random reads
 * over 32 MB, the access pattern of triangulating and sampling a flatmap.
 */

/** Plain JavaScript, so worker threads can run it with `eval` under tsx and from out/ alike. */
const KERNELS = `
function arithmetic() {
  let x = 1, s = 0;
  for (let i = 0; i < 4e7; i++) { x = (x * 1103515245 + 12345) & 0x7fffffff; s += x & 7; }
  return s;
}
function randomReads() {
  const a = new Int32Array(1 << 23);
  let x = 1, s = 0;
  for (let i = 0; i < 2e7; i++) { x = (x * 1103515245 + 12345) & 0x7fffffff; s += a[x & 0x7fffff]++; }
  return s;
}
function timed(kernel) {
  const t0 = performance.now();
  (kernel === 'arithmetic' ? arithmetic : randomReads)();
  return performance.now() - t0;
}
`;

const WORKER = `${KERNELS}
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (kernel) => parentPort.postMessage(timed(kernel)));`;

type Kernel = 'arithmetic' | 'randomReads';

const timedHere = new Function('kernel', `${KERNELS}\nreturn timed(kernel);`) as (k: Kernel) => number;

function onWorker(worker: Worker, kernel: Kernel): Promise<number> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.postMessage(kernel);
  });
}

export async function run(): Promise<void> {
  const workers = [new Worker(WORKER, { eval: true }), new Worker(WORKER, { eval: true })];
  try {
    for (const kernel of ['arithmetic', 'randomReads'] as const) {
      timedHere(kernel); // compile first
      const one = median([timedHere(kernel), timedHere(kernel), timedHere(kernel)]);
      await Promise.all(workers.map((w) => onWorker(w, kernel)));
      const two: number[] = [];
      for (let r = 0; r < 3; r++) {
        const both = await Promise.all(workers.map((w) => onWorker(w, kernel)));
        two.push(Math.max(...both));
      }
      const pair = median(two);
      const label = kernel === 'arithmetic' ? 'arithmetic (registers only)' : 'random reads over 32 MB';
      console.log(
        `${label}: ${one.toFixed(0)} ms on one thread, ${pair.toFixed(0)} ms for two at once ` +
          `(${((2 * one) / pair).toFixed(2)}× the work per second of one thread)`,
      );
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
