/**
 * Builds the site into a folder of its own for tests that need a variant
 * (a base path, another content folder), with Node 24 from node_modules.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = path.resolve(import.meta.dirname, '../..');

/** Builds; resolves to the build's log. */
export async function buildSite(opts: { outDir: string; basePath?: string; contentDir?: string; env?: Record<string, string> }): Promise<string> {
  // vitest puts its own Vite variables (BASE_URL, MODE, NODE_ENV=test …) in the environment: the build must not inherit them
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|TEST|VITEST.*|VITE_.*)$/.test(k)),
  );
  const env = {
    ...inherited,
    ASTRO_TELEMETRY_DISABLED: '1',
    ...(opts.basePath ? { BASE_PATH: opts.basePath } : {}),
    ...(opts.contentDir ? { CONTENT_DIR: opts.contentDir } : {}),
    ...opts.env,
  };
  try {
    const { stdout, stderr } = await run(path.join(ROOT, 'node_modules/.bin/node'), [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', opts.outDir], {
      cwd: ROOT,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return `${stdout}${stderr}`;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`astro build failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
  }
}

/** dist/ as built by `npm test` (npm run build runs first). */
export const DIST = path.join(ROOT, 'dist');

/**
 * Starts a build and kills it (SIGKILL, as a power cut or an OOM killer would) as soon as its log
 * shows `marker`; resolves to whether it was killed and the log so far.
 */
export async function buildKilledAt(opts: { outDir: string; contentDir: string }, marker: RegExp): Promise<{ killed: boolean; log: string }> {
  const { spawn } = await import('node:child_process');
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|TEST|VITEST.*|VITE_.*)$/.test(k)),
  );
  const child = spawn(path.join(ROOT, 'node_modules/.bin/node'), [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', opts.outDir], {
    cwd: ROOT,
    env: { ...inherited, ASTRO_TELEMETRY_DISABLED: '1', CONTENT_DIR: opts.contentDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let killed = false;
  const onData = (d: Buffer) => {
    log += d.toString();
    if (!killed && marker.test(log)) {
      killed = true;
      child.kill('SIGKILL');
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  await new Promise((resolve) => child.on('close', resolve));
  return { killed, log };
}
