// Makes `npm start` and `npm test` work on a fresh clone: installs the locked dependencies
// (`npm ci`) when node_modules is missing or older than package-lock.json. Uses Node built-ins only.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function ensureDeps(root) {
  const lock = path.join(root, 'package-lock.json');
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const fresh = fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs - 1000;
  if (fresh && fs.existsSync(path.join(root, 'node_modules', '.bin', 'esbuild'))) return;
  console.log('Installing the locked dependencies (npm ci)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('npm ci failed: check your network access to the npm registry and run it again.');
    process.exit(r.status || 1);
  }
}
