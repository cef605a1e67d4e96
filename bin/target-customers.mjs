#!/usr/bin/env node
// `npx target-customers analyze <orders.csv|xlsx> [--customers <file>] [--out result.xlsx]`
// Runs the TypeScript CLI through tsx (a dev dependency installed by `npm ci`).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'playground', 'cli.ts');
const require = createRequire(import.meta.url);
let tsx;
try {
  tsx = pathToFileURL(require.resolve('tsx')).href;
} catch {
  console.error('target-customers: the "tsx" package is missing. Run `npm ci` in the project folder first.');
  process.exit(1);
}
const child = spawn(process.execPath, ['--import', tsx, '--max-old-space-size=4096', cli, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
