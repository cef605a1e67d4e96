// `npm run push`: pushes dist/ with clasp, after checking that a script id is configured.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const cfg = JSON.parse(fs.readFileSync('.clasp.json', 'utf8'));
if (!cfg.scriptId) {
  console.error(`No Apps Script project is configured: .clasp.json has an empty "scriptId".

Either bind the add-on to an existing spreadsheet: open it, Extensions → Apps Script → Project
Settings, copy the Script ID into the "scriptId" field of .clasp.json (keep "rootDir": "dist");

or create a new spreadsheet with a bound project (clasp refuses while .clasp.json exists):
  npx clasp login
  rm .clasp.json
  npx clasp create --type sheets --title "Target Customers" --rootDir dist

then run \`npm run push\` again.`);
  process.exit(1);
}
const r = spawnSync('npx', ['clasp', 'push', '--force'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
