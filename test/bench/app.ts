/**
 * What the browser benchmarks share: `podplan serve` on a data directory
 * (resolves once it listens) and Debian's Chromium, launched as the e2e
 * specs launch it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser } from '@playwright/test';

const repo = new URL('../../', import.meta.url).pathname;

export async function startServe(dataDir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(repo, 'bin/podplan.mjs'), 'serve', '--port', '0', '--data-dir', dataDir, '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout! })) {
    const event = JSON.parse(line) as { event?: string; url?: string };
    if (event.event === 'listening' && event.url) return { url: event.url, stop: () => child.kill('SIGTERM') };
  }
  throw new Error('podplan serve exited before listening');
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.PODPLAN_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}
