// The bench's side of the sync worker thread (bench/concurrency-sync-worker.ts).
import { Worker } from "node:worker_threads";
import type { WorkerInput, WorkerMessage } from "./concurrency-support.js";

/** The sync worker: started, then driven with "start" and "stop". */
export function startWorker(input: WorkerInput) {
  const api = import.meta.resolve("tsx/esm/api");
  const file = new URL("./concurrency-sync-worker.ts", import.meta.url).href;
  // The worker loads tsx itself: a worker does not inherit `--import tsx` reliably on Node 20.
  const worker = new Worker(
    `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(file)}); })`,
    { eval: true, workerData: input },
  );
  const synced: Extract<WorkerMessage, { type: "synced" }>[] = [];
  let failure: string | null = null;
  const listeners = new Set<(message: WorkerMessage) => void>();
  worker.on("message", (message: WorkerMessage) => {
    if (message.type === "synced") synced.push(message);
    if (message.type === "failed") failure = message.message;
    for (const listener of listeners) listener(message);
  });
  worker.on("error", (error) => {
    failure = error.stack ?? error.message;
    for (const listener of listeners) listener({ type: "failed", message: failure });
  });
  const next = (accept: (message: WorkerMessage) => boolean) =>
    new Promise<WorkerMessage>((resolve, reject) => {
      const listener = (message: WorkerMessage) => {
        if (message.type === "failed") {
          listeners.delete(listener);
          reject(new Error(`sync worker: ${message.message}`));
        } else if (accept(message)) {
          listeners.delete(listener);
          resolve(message);
        }
      };
      listeners.add(listener);
    });
  return {
    synced,
    failure: () => failure,
    ready: next((m) => m.type === "ready"),
    start: () => worker.postMessage("start"),
    next,
    async stop(): Promise<Extract<WorkerMessage, { type: "stopped" }>> {
      const stopped = next((m) => m.type === "stopped");
      worker.postMessage("stop");
      const message = (await stopped) as Extract<WorkerMessage, { type: "stopped" }>;
      await worker.terminate();
      return message;
    },
    terminate: () => worker.terminate(),
  };
}
