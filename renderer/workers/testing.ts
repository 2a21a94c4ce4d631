/**
 * Test support: a "worker" that is a MessageChannel in this thread, its far
 * end hosting `handler` through the real job host, so the client and pool
 * speak the one job protocol without a Web Worker. Close the ports after
 * each test (`closeChannelWorkers`).
 */
import type { WorkerLike } from './job-client.ts';
import type { JobHandler } from '../../sim/kernel/job.ts';
import { hostJobs } from './job-host.ts';

const ports: MessagePort[] = [];

export function channelWorker<I, R>(handler: JobHandler<I, R>): WorkerLike {
  const channel = new MessageChannel();
  ports.push(channel.port1, channel.port2);
  channel.port2.start();
  hostJobs(channel.port2 as unknown as Parameters<typeof hostJobs>[0], handler, { progressIntervalMs: 0 });
  channel.port1.start();
  return {
    postMessage: (message) => channel.port1.postMessage(message),
    addEventListener: (type: string, listener: (event: never) => void) => {
      if (type === 'message') channel.port1.addEventListener('message', listener as (event: MessageEvent) => void);
    },
    terminate: () => channel.port1.close(),
  };
}

export function closeChannelWorkers(): void {
  for (const port of ports.splice(0)) port.close();
}
