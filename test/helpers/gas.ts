/** Loading dist/Code.js with gas-local into a fresh local Sheets stand-in. */
import { createRequire } from 'node:module';
import { createStandIn, type StandIn, type StandInOptions } from '../../standin';
import { DIST } from './dist';

const require = createRequire(import.meta.url);
const gas = require('gas-local');

export interface Loaded {
  si: StandIn;
  app: Record<string, any>;
}

/** A fresh stand-in and the built bundle loaded into it (gas-local mutates its globals: never share). */
export function loadAddOn(opts: StandInOptions = {}): Loaded {
  const si = createStandIn({ htmlDir: DIST, ...opts });
  const app = gas.require(DIST, si.globals, { filter: (f: string) => f.endsWith('Code.js') });
  return { si, app };
}
