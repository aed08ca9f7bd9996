/**
 * Launches headless Chromium for the browser tests and benchmarks:
 * CHROME_PATH, else Debian's /usr/bin/chromium, else the Chromium that the npm
 * package @sparticuz/chromium ships (so a fresh machine needs no apt step).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export async function chromiumPath(): Promise<string> {
  const fromEnv = process.env['CHROME_PATH'];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  if (!process.env['NIANBAO_FORCE_SPARTICUZ'] && existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const sparticuz = (await import('@sparticuz/chromium')).default;
  return sparticuz.executablePath();
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = await chromiumPath();
  // playwright gives every launch a fresh temporary profile of its own
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
}
