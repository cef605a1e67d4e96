// `npm run push`: pushes dist/ with clasp, after checking that a script id is configured.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const cfg = JSON.parse(fs.readFileSync('.clasp.json', 'utf8'));
if (!cfg.scriptId) {
  console.error(`No Apps Script project is configured: .clasp.json has an empty "scriptId".

Either create a new container-bound project for a spreadsheet:
  npx clasp login
  npx clasp create --type sheets --title "Target Customers" --rootDir dist
  (then move the generated dist/.clasp.json's scriptId into ./.clasp.json, keeping "rootDir": "dist")
or copy the script id of an existing project (Extensions → Apps Script → Project Settings → Script ID)
into the "scriptId" field of .clasp.json, then run \`npm run push\` again.`);
  process.exit(1);
}
const r = spawnSync('npx', ['clasp', 'push', '--force'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
