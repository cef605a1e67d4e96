// `npm start`: install (if needed), build, then run the local playground on the built-in sample data.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDeps } from './ensure-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
ensureDeps(root);
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status || 1);
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const r = spawnSync(tsx, ['playground/server.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 0);
