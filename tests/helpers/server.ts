/**
 * A small static file server for tests: serves a built site under a base
 * path on 127.0.0.1, directories as index.html, unknown paths as the site's
 * 404 page with status 404, the MIME types Pagefind needs, optional headers
 * (e.g. a Content-Security-Policy). Nothing but loopback is ever contacted.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.pagefind': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
};

export interface Served {
  /** http://127.0.0.1:PORT/base/ */
  url: string;
  origin: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string, opts: { basePath?: string; headers?: Record<string, string> } = {}): Promise<Served> {
  const base = `/${(opts.basePath ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  const server = createServer(async (req, res) => {
    const headers = opts.headers ?? {};
    const url = new URL(req.url ?? '/', 'http://x');
    let pathname = decodeURIComponent(url.pathname);
    const send404 = async () => {
      const page = path.join(root, '404.html');
      res.writeHead(404, { 'Content-Type': MIME['.html']!, ...headers });
      try {
        await stat(page);
        createReadStream(page).pipe(res);
      } catch {
        res.end('not found');
      }
    };
    if (!pathname.startsWith(base)) return send404();
    pathname = pathname.slice(base.length);
    let file = path.join(root, pathname);
    if (!file.startsWith(path.resolve(root))) return send404();
    try {
      let s = await stat(file);
      if (s.isDirectory()) {
        if (!url.pathname.endsWith('/')) {
          res.writeHead(301, { Location: `${url.pathname}/`, ...headers });
          return res.end();
        }
        file = path.join(file, 'index.html');
        s = await stat(file);
      }
      res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream', 'Content-Length': s.size, ...headers });
      createReadStream(file).pipe(res);
    } catch {
      return send404();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}${base}`,
    origin,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
