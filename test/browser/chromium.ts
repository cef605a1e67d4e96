/**
 * Launching Debian's Chromium for the browser tests. If /usr/bin/chromium is missing, it is
 * installed with apt-get when we are root and apt-get exists; otherwise the tests FAIL with a
 * message naming the package. They are never skipped.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function ensureChromium(): string {
  if (fs.existsSync(CHROMIUM)) return CHROMIUM;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = fs.existsSync('/usr/bin/apt-get');
  if (root && apt) {
    console.log('[browser tests] /usr/bin/chromium is missing: installing the Debian package "chromium" (apt-get install -y chromium)…');
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (fs.existsSync(CHROMIUM)) return CHROMIUM;
  }
  throw new Error(
    `The browser tests need Chromium at ${CHROMIUM}, which is missing. Install the Debian package "chromium" ` +
      '(sudo apt-get install -y chromium) or set CHROMIUM_PATH, then run the tests again.',
  );
}

/** A fresh profile (`--user-data-dir`) per launch; removed on close. */
export async function launch(opts: { downloads?: boolean } = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const executablePath = ensureChromium();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_FLAGS.filter((f) => f !== '--headless'),
    viewport: { width: 1200, height: 720 },
    acceptDownloads: opts.downloads ?? true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
