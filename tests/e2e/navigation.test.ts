/**
 * A reader in a real browser: home → region → county → town → report, on a
 * phone (360 px) and a desktop (1280 px). Screenshots go to test-artifacts/.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { DIST, ROOT } from '../helpers/build.ts';
import { serveStatic, type Served } from '../helpers/server.ts';

const ARTIFACTS = path.join(ROOT, 'test-artifacts');
let browser: Browser;
let server: Served;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  [browser, server] = await Promise.all([launchBrowser(), serveStatic(DIST)]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each([360, 1280])('at %i px wide', (width) => {
  it('goes home → region → county → town → report, without JavaScript', async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.origin)) outside.push(r.url());
    });
    await page.goto(server.url);
    expect(await page.locator('h1').textContent()).toMatch(/年度报告库/);
    await page.screenshot({ path: path.join(ARTIFACTS, `home-${width}.png`), fullPage: true });

    const go = async (selector: string) => {
      await Promise.all([page.waitForNavigation(), page.click(selector)]);
    };
    const h1 = async (sel = 'h1') => (await page.locator(sel).first().textContent())?.trim() ?? '';
    await go('#by-region ~ ul a:has-text("黑龙江省")');
    expect(await h1()).toBe('黑龙江省');
    await go('main h2 a:has-text("抚远市")');
    expect(await h1()).toContain('抚远市');
    await go('.town-list > li > a:has-text("寒葱沟镇")');
    expect(await h1()).toContain('寒葱沟镇');
    await page.screenshot({ path: path.join(ARTIFACTS, `town-${width}.png`), fullPage: true });
    await go('.year-links a:has-text("2020年报告")');
    expect(await h1('article h1')).toBe('寒葱沟镇人民政府2020年政府信息公开工作年度报告');
    // named by the section heading it is printed under, not by a caption repeating it
    await expect(page.getByRole('table', { name: '三、收到和处理政府信息公开申请情况' }).getAttribute('id')).resolves.toBe('table-applications');
    await page.screenshot({ path: path.join(ARTIFACTS, `report-${width}.png`), fullPage: true });

    // the page itself never scrolls sideways: wide tables scroll in their own box
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const tableBox = await page.locator('#table-applications').boundingBox();
    expect(tableBox).not.toBeNull();
    // previous/next and back to the year
    await go('.report-nav a:has-text("2020年各乡镇报告")');
    expect(await h1()).toBe('2020年度报告');
    expect(outside).toEqual([]);
    await context.close();
  });
});

