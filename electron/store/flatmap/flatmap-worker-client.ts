import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type * as Esbuild from 'esbuild';
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
 * (a worker that breaks before ever answering cannot start in this environment). The thread
 * may start a little after construction (see {@link workerSource}); requests wait for it.
 */
export class FlatmapWorker {
  private worker: Worker | null = null;
  private readonly started: Promise<Worker | null>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  broken: Error | null = null;
  answered = false;

  constructor() {
    const source = workerSource();
    this.started =
      source instanceof URL
        ? Promise.resolve(this.attach(new Worker(source)))
        : source.then(
            (code) => (this.broken ? null : this.attach(new Worker(code, { eval: true }))),
            (e: unknown) => {
              this.fail(e instanceof Error ? e : new Error(String(e)));
              return null;
            },
          );
  }

  private attach(worker: Worker): Worker {
    this.worker = worker;
    worker.on('message', (reply: WorkerReply) => {
      const job = this.pending.get(reply.id);
      if (!job) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      this.answered = true;
      if ('error' in reply) job.reject(new WorkerJobError(reply.error));
      else job.resolve(reply);
    });
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => this.fail(new Error(`flatmap worker exited with code ${code}`)));
    // After the listeners: adding a 'message' listener refs the worker's port again.
    worker.unref();
    return worker;
  }

  private fail(e: Error): void {
    this.broken ??= e;
    for (const job of this.pending.values()) job.reject(e);
    this.pending.clear();
  }

  async request(req: Request, transfer: ArrayBuffer[] = []): Promise<WorkerReply> {
    const worker = this.worker ?? (await this.started);
    if (this.broken || !worker) throw this.broken ?? new Error('flatmap worker did not start');
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...req, id }, transfer);
    });
  }

  terminate(): void {
    this.broken ??= new Error('flatmap worker stopped');
    if (this.worker) void this.worker.terminate();
    else void this.started.then((w) => w?.terminate());
  }
}

let bundle: Promise<string> | null = null;

/**
 * The worker module beside this one: compiled `.js` in out/ (the app), or, run from `.ts`
 * through tsx (cli, serve, tests, bench), the worker entry bundled once per process by esbuild
 * (tsx's own compiler, a dev dependency) into plain JavaScript, in the background. Registering
 * tsx inside each worker instead cost ~0.25 s and ~50 MB per worker.
 */
function workerSource(): URL | Promise<string> {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new URL('./flatmap-worker.js', here);
  bundle ??= (async () => {
    const esbuild = createRequire(here)('esbuild') as typeof Esbuild;
    const built = await esbuild.build({
      entryPoints: [fileURLToPath(new URL('./flatmap-worker.ts', here))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    return built.outputFiles[0].text;
  })();
  return bundle;
}
