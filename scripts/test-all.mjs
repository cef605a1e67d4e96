// `npm test`: every quality gate, in order, failing fast.
//   build → type check → lint/format → README reference in sync → unit + bundle tests → browser tests
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './chromium.mjs';
import { ensureDeps } from './ensure-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
ensureDeps(root);
process.env.TZ = 'Asia/Ho_Chi_Minh';
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function step(title, cmd, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${title}: ${[path.basename(cmd), ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n✖ ${title} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
  console.log(`✔ ${title} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

step('build', process.execPath, ['scripts/build.mjs']);
step('type check', bin('tsc'), ['--noEmit']);
step('lint and format', bin('biome'), ['check', '.']);
step('README reference in sync', bin('tsx'), ['scripts/gen-docs.ts', '--check']);
step('unit and bundle tests', bin('vitest'), ['run'], { TC_SKIP_BUILD: '1' });
if (fs.existsSync(path.join(root, 'test/browser/vitest.config.ts'))) {
  const chromium = ensureChromium();
  step('browser tests (Chromium)', bin('vitest'), ['run', '--config', 'test/browser/vitest.config.ts'], { TC_SKIP_BUILD: '1', CHROMIUM_PATH: chromium });
}
console.log('\nAll checks passed.');
