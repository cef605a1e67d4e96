// Finds Debian's Chromium for the browser tests; installs it with apt-get when missing and this
// process may (root with apt-get). Otherwise fails naming the package — browser tests never skip.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);

export function findChromium() {
  return CANDIDATES.find((p) => fs.existsSync(p)) || null;
}

export function ensureChromium() {
  let found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = fs.existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    console.log('Chromium is missing: installing Debian package "chromium" (apt-get)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const u = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    const i = u.status === 0 ? spawnSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env }) : u;
    if (i.status !== 0) {
      console.error('Could not install the Debian package "chromium". Install it (apt-get install -y chromium) and run the tests again.');
      process.exit(1);
    }
    found = findChromium();
  }
  if (!found) {
    console.error('The browser tests need Chromium: install the Debian package "chromium" (sudo apt-get install -y chromium), or set CHROMIUM_PATH.');
    process.exit(1);
  }
  return found;
}

if (process.argv[1]?.endsWith('chromium.mjs')) console.log(ensureChromium());
