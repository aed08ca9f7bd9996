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
import { MIME_TYPES } from '../../src/lib/hosting/server-config.ts';

// the same types the generated web.config/.htaccess declare, plus archives for npm run package
export const MIME: Record<string, string> = { ...MIME_TYPES, '.zip': 'application/zip', '.gz': 'application/gzip' };

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
