/**
 * The worker side of a simulation job: receives `run` / `cancel`, gives the
 * handler a context to report progress and to breathe between slices (so a
 * cancel or a newer run is seen within one slice), and posts the outcome.
 * The handler is the pure `sim/` code stepped in slices.
 */
import type { JobContext, JobHandler, JobMessage, JobRequest } from '../../sim/kernel/job.ts';


/** The part of a worker global (or a MessagePort in tests) a host needs. */
export interface JobPort {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export interface HostOptions {
  progressIntervalMs?: number;
  now?: () => number;
}

function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export function hostJobs<I, R>(port: JobPort, handler: JobHandler<I, R>, options: HostOptions = {}): void {
  const interval = options.progressIntervalMs ?? 50;
  const now = options.now ?? (() => performance.now());
  const cancelled = new Set<number>();
  let latest = 0;
  let queue: Promise<void> = Promise.resolve();
  const post = (message: JobMessage<R>) => port.postMessage(message);

  const runJob = async (jobId: number, input: I) => {
    // Superseded before it started: say so without running it.
    if (jobId !== latest || cancelled.has(jobId)) {
      post({ kind: 'done', jobId, result: undefined as R, cancelled: true });
      cancelled.delete(jobId);
      return;
    }
    let lastPost = -Infinity;
    // The UI is watching: a first look is posted (dropped once cancelled).
    const context: Required<JobContext<R>> = {
      get cancelled() {
        return cancelled.has(jobId) || jobId !== latest;
      },
      preliminary(result) {
        if (!context.cancelled) post({ kind: 'preliminary', jobId, result });
      },
      progress(done, total, phase) {
        const t = now();
        if (done < total && t - lastPost < interval) return;
        lastPost = t;
        post({ kind: 'progress', jobId, done, total, ...(phase === undefined ? {} : { phase }) });
      },
      breathe: yieldToMessages,
    };
    try {
      const result = await handler(input, context);
      post({ kind: 'done', jobId, result, cancelled: context.cancelled });
    } catch (error) {
      post({ kind: 'failed', jobId, message: error instanceof Error ? error.message : String(error) });
    } finally {
      cancelled.delete(jobId);
    }
  };

  port.addEventListener('message', (event: MessageEvent) => {
    const request = event.data as JobRequest<I>;
    if (request.kind === 'cancel') {
      cancelled.add(request.jobId);
      return;
    }
    latest = request.jobId;
    queue = queue.then(() => runJob(request.jobId, request.input));
  });
}
