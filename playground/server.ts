/**
 * The local playground: `npm start` → http://127.0.0.1:8080/
 *
 * Serves a spreadsheet-like view of ONE workbook held in memory by the local Sheets stand-in, in
 * which the real dist/Code.js runs (loaded with gas-local). The real dist/Sidebar.html is shown in
 * an iframe with a `google.script.run` shim that POSTs `{fn, args}` to /api/run. Nothing of the
 * add-on is re-implemented here.
 *
 * Options: `--port <n>` (or env PORT; 0 = any free port), `--host` is always loopback.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { type Lang, localize } from '../src/core/i18n';
import { PlaygroundSession, type SessionOptions } from './session';
import { MAX_UPLOAD_BYTES, UPLOAD_MSG, UploadError } from './workbook-io';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..');

export interface PlaygroundServer {
  server: http.Server;
  url: string;
  port: number;
  session: PlaygroundSession;
  close(): Promise<void>;
}

async function bundleUi(): Promise<string> {
  const r = await esbuild.build({
    entryPoints: [path.join(HERE, 'ui/app.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    minify: false,
    write: false,
    logLevel: 'warning',
    charset: 'utf8',
  });
  return r.outputFiles[0].text;
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...extra,
  });
  res.end(body);
}

function json(res: http.ServerResponse, status: number, value: unknown) {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/** Reads a request body up to `limit` bytes; past that the request is answered 413 and drained. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Injects the google.script.run shim before any script of the sidebar. */
export function injectShim(html: string, shim: string): string {
  const tag = `<script>${shim.replace(/<\/(script)/gi, '<\\/$1')}</script>`;
  if (/<head[^>]*>/i.test(html)) return html.replace(/<head[^>]*>/i, (m) => `${m}${tag}`);
  return tag + html;
}

export async function startServer(opts: { port?: number; session?: SessionOptions; quiet?: boolean } = {}): Promise<PlaygroundServer> {
  const session = await PlaygroundSession.create(opts.session ?? {});
  const indexHtml = fs.readFileSync(path.join(HERE, 'ui/index.html'), 'utf8');
  const css = fs.readFileSync(path.join(HERE, 'ui/app.css'), 'utf8');
  const shim = fs.readFileSync(path.join(HERE, 'ui/shim.js'), 'utf8');
  const appJs = await bundleUi();

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url || '/', 'http://127.0.0.1');
    const method = req.method || 'GET';
    try {
      // Only same-origin pages may call the API (a page on another site cannot drive it).
      const origin = req.headers.origin;
      if (method !== 'GET' && origin && origin !== `http://${req.headers.host}`) {
        json(res, 403, { ok: false, error: 'cross-origin request refused' });
        return;
      }
      if (method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
        send(res, 200, 'text/html; charset=utf-8', indexHtml);
        return;
      }
      if (method === 'GET' && url.pathname === '/app.js') {
        send(res, 200, 'text/javascript; charset=utf-8', appJs);
        return;
      }
      if (method === 'GET' && url.pathname === '/app.css') {
        send(res, 200, 'text/css; charset=utf-8', css);
        return;
      }
      if (method === 'GET' && url.pathname === '/favicon.ico') {
        send(res, 204, 'image/x-icon', '');
        return;
      }
      if (method === 'GET' && url.pathname === '/sidebar') {
        const html = session.sidebarHtml();
        if (html === null) {
          send(res, 404, 'text/plain; charset=utf-8', 'No sidebar is open. Use Extensions → Target Customers → Open the wizard.');
          return;
        }
        send(res, 200, 'text/html; charset=utf-8', injectShim(html, shim));
        return;
      }
      if (method === 'GET' && url.pathname === '/api/state') {
        json(res, 200, session.state());
        return;
      }
      if (method === 'GET' && url.pathname === '/api/sheet') {
        const name = url.searchParams.get('name') || '';
        const offset = Math.max(0, Number(url.searchParams.get('offset')) || 0);
        const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit')) || 200));
        const view = session.sheetView(name, offset, limit);
        if (!view) json(res, 404, { error: `No sheet named "${name}"` });
        else json(res, 200, view);
        return;
      }
      if (method === 'GET' && url.pathname === '/api/download') {
        const buf = await session.exportXlsx();
        const file = `${session.fileBaseName()}.xlsx`;
        send(res, 200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buf, {
          'content-disposition': `attachment; filename="workbook.xlsx"; filename*=UTF-8''${encodeURIComponent(file)}`,
        });
        return;
      }
      if (method === 'POST' && url.pathname === '/api/upload') {
        const lang: Lang = url.searchParams.get('lang') === 'en' ? 'en' : 'vi';
        const file = (url.searchParams.get('name') || 'upload.csv').slice(0, 200);
        const declared = Number(req.headers['content-length'] || 0);
        const tooBig = () =>
          json(res, 413, {
            ok: false,
            error: localize(lang, UPLOAD_MSG.tooBig, {
              file,
              size: ((declared || MAX_UPLOAD_BYTES + 1) / 1024 / 1024).toFixed(1),
              max: MAX_UPLOAD_BYTES / 1024 / 1024,
            }),
          });
        if (declared > MAX_UPLOAD_BYTES) {
          // Answer at once; drop the rest of the body.
          req.resume();
          res.setHeader('connection', 'close');
          tooBig();
          return;
        }
        const body = await readBody(req, MAX_UPLOAD_BYTES);
        if (body === null) {
          tooBig();
          return;
        }
        try {
          const notes = await session.loadUpload(body, file, lang);
          json(res, 200, { ok: true, notes });
        } catch (e) {
          if (e instanceof UploadError) json(res, 400, { ok: false, error: e.message, code: e.code });
          else throw e;
        }
        return;
      }
      // JSON endpoints.
      if (method === 'POST') {
        const body = await readBody(req, 20 * 1024 * 1024);
        if (body === null) {
          json(res, 413, { ok: false, error: 'request too large' });
          return;
        }
        let payload: any = {};
        try {
          payload = body.length ? JSON.parse(body.toString('utf8')) : {};
        } catch {
          json(res, 400, { ok: false, error: 'invalid JSON' });
          return;
        }
        if (url.pathname === '/api/run') {
          json(res, 200, session.run(String(payload.fn || ''), Array.isArray(payload.args) ? payload.args : []));
          return;
        }
        if (url.pathname === '/api/menu') {
          json(res, 200, session.runMenu(String(payload.fn || '')));
          return;
        }
        if (url.pathname === '/api/cell') {
          json(res, 200, session.setCell(String(payload.sheet || ''), Number(payload.row), Number(payload.col), String(payload.input ?? '')));
          return;
        }
        if (url.pathname === '/api/reset') {
          await session.reset();
          json(res, 200, { ok: true });
          return;
        }
        if (url.pathname === '/api/sidebar/close') {
          session.closeSidebar();
          json(res, 200, { ok: true });
          return;
        }
      }
      send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    } catch (e) {
      // The server stays up whatever happens in one request.
      const msg = e instanceof Error ? e.message : String(e);
      if (!opts.quiet) console.error(`[playground] ${method} ${url.pathname}: ${e instanceof Error ? e.stack : msg}`);
      if (!res.headersSent) json(res, 500, { ok: false, error: `Internal error: ${msg}` });
      else res.end();
    }
  });
  server.requestTimeout = 10 * 60_000;
  const port = opts.port ?? 8080;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    server,
    port: actual,
    url: `http://127.0.0.1:${actual}/`,
    session,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function portFromArgs(argv: string[]): number {
  const i = argv.indexOf('--port');
  const v = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--port='))?.slice(7);
  const raw = v ?? process.env.PORT ?? '8080';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`Invalid port "${raw}": use --port <0-65535> or PORT=<n>.`);
    process.exit(2);
  }
  return n;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const port = portFromArgs(process.argv.slice(2));
  const dist = path.join(ROOT, 'dist/Code.js');
  if (!fs.existsSync(dist)) {
    console.error('dist/Code.js is missing: run `npm run build` first (npm start does it for you).');
    process.exit(1);
  }
  startServer({ port })
    .then((s) => {
      console.log(`Target Customers playground (Khách hàng mục tiêu) running at ${s.url}`);
      console.log('Open it in your browser; Extensions → Target Customers → Open the wizard. Ctrl+C to stop.');
    })
    .catch((e) => {
      if (e && e.code === 'EADDRINUSE') console.error(`Port ${port} is already in use: start with --port <other> or PORT=<other>.`);
      else console.error(e);
      process.exit(1);
    });
}
