/**
 * Child processes for the benchmarks, so the load generator, the upstream sandboxes and the server under test each
 * have their own event loop. A child is a TypeScript file run through tsx with an IPC channel: it announces itself
 * with one `ready` message, then answers `{ id, method, params }` calls. Every child exits when its parent goes away
 * (the IPC channel closes), so an interrupted run leaves nothing listening.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

export interface Child<Ready> {
  ready: Ready;
  pid: number;
  call<T>(method: string, params?: unknown, timeoutMs?: number): Promise<T>;
  /** Asks the child to close and exit; kills it (by its own pid) if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export async function startChild<Ready>(script: URL, args: unknown, options: { nodeFlags?: string[]; startTimeoutMs?: number } = {}): Promise<Child<Ready>> {
  const child: ChildProcess = fork(fileURLToPath(script), [JSON.stringify(args)], {
    execArgv: ['--import', 'tsx', ...(options.nodeFlags ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let nextId = 1;

  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script.pathname} did not start in time`)), options.startTimeoutMs ?? 60_000);
    child.once('exit', (code) => reject(new Error(`${script.pathname} exited with ${code} before it was ready`)));
    child.on('message', (message: { ready?: Ready } & Partial<Reply>) => {
      if ('ready' in message) {
        clearTimeout(timer);
        resolve(message.ready as Ready);
        return;
      }
      const call = pending.get(message.id as number);
      if (!call) return;
      pending.delete(message.id as number);
      if (message.error !== undefined) call.reject(new Error(message.error));
      else call.resolve(message.result);
    });
  });
  child.on('exit', () => {
    for (const call of pending.values()) call.reject(new Error(`${script.pathname} exited during a call`));
    pending.clear();
  });

  return {
    ready,
    pid: child.pid as number,
    call<T>(method: string, params?: unknown, timeoutMs = 300_000) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${method} on ${script.pathname} timed out`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value as T);
          },
          reject: (err) => {
            clearTimeout(timer);
            reject(err);
          },
        });
        child.send({ id, method, params });
      });
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ id: 0, method: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

export type Handlers = Record<string, (params: any) => unknown>;

/**
 * The child's side: announce `ready`, answer calls, and on `stop` (or when the parent goes away) run `close` and exit
 * normally, so `--cpu-prof` profiles get written.
 */
export function serve(ready: unknown, handlers: Handlers, close: () => Promise<void> | void = () => {}): void {
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    try {
      await close();
    } finally {
      process.exit(0);
    }
  };
  process.on('disconnect', () => void shutdown());
  process.on('message', async (message: { id: number; method: string; params?: unknown }) => {
    if (message.method === 'stop') return void shutdown();
    const handler = handlers[message.method];
    try {
      if (!handler) throw new Error(`unknown method ${message.method}`);
      const result = await handler(message.params);
      process.send?.({ id: message.id, result });
    } catch (err) {
      process.send?.({ id: message.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  });
  process.send?.({ ready });
}

/** The JSON argument a child was started with. */
export function childArgs<T>(): T {
  return JSON.parse(process.argv[2] ?? '{}') as T;
}
