import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './flatmap-worker-protocol.js';

/** The computation itself failed in the worker (the same input would fail in this thread). */
export class WorkerJobError extends Error {}

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve: (reply: WorkerReply) => void;
  reject: (e: Error) => void;
}

/**
 * One flatmap worker thread with request/reply matching. It keeps the process alive only while
 * a job runs. `broken` is set when the thread fails or exits; `answered` once it has replied
 * (a worker that breaks before ever answering cannot start in this environment).
 */
export class FlatmapWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  broken: Error | null = null;
  answered = false;

  constructor() {
    this.worker = spawn();
    this.worker.unref();
    this.worker.on('message', (reply: WorkerReply) => {
      const job = this.pending.get(reply.id);
      if (!job) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      this.answered = true;
      if ('error' in reply) job.reject(new WorkerJobError(reply.error));
      else job.resolve(reply);
    });
    const fail = (e: Error) => {
      this.broken ??= e;
      for (const job of this.pending.values()) job.reject(e);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`flatmap worker exited with code ${code}`)));
  }

  request(req: Request, transfer: ArrayBuffer[] = []): Promise<WorkerReply> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ ...req, id }, transfer);
    });
  }

  terminate(): void {
    this.broken ??= new Error('flatmap worker stopped');
    void this.worker.terminate();
  }
}

/** The worker module beside this one: compiled `.js` in out/, or `.ts` run through tsx (cli, serve, tests). */
function spawn(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./flatmap-worker.js', here));
  // Node 20 does not pass tsx's loader hooks on to workers: register them inside the worker
  const api = createRequire(here)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const target = new URL('./flatmap-worker.ts', here).href;
  const boot = `import(${JSON.stringify(pathToFileURL(api).href)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); })`;
  return new Worker(boot, { eval: true });
}
