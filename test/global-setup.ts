import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Builds dist/ once before the suite, so bundle tests always test the current sources. */
export default function setup() {
  if (process.env.TC_SKIP_BUILD) return;
  execFileSync(process.execPath, [path.resolve(__dirname, '../scripts/build.mjs')], { stdio: 'inherit' });
}
