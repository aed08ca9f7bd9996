/**
 * Serves a built site with a real nginx (Debian's package) on 127.0.0.1, using
 * the same location block the README documents. Returns undefined when nginx
 * is not installed, so the caller can skip with a notice.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nginxSnippet } from '../../src/lib/hosting/server-config.ts';
import type { Served } from './server.ts';

export function nginxBinary(): string | undefined {
  return ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'].find((p) => existsSync(p));
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function serveNginx(root: string, basePath: string): Promise<Served | undefined> {
  const bin = nginxBinary();
  if (!bin) return undefined;
  const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-nginx-'));
  // nginx workers run as an unprivileged user: serve a world-readable copy, wherever the checkout lives
  await chmod(dir, 0o755);
  const site = path.join(dir, 'site');
  await cp(root, site, { recursive: true });
  await chmod(site, 0o755);
  const port = await freePort();
  const conf = `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:${port};
    ${nginxSnippet(basePath, site).replace(/\n/g, '\n    ')}
  }
}
`;
  await writeFile(path.join(dir, 'nginx.conf'), conf);
  const child = spawn(bin, ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(`${origin}${basePath}`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url: `${origin}${basePath}`,
    origin,
    close: async () => {
      child.kill('SIGQUIT');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
