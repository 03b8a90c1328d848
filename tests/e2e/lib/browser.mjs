// Debian's Chromium through playwright-core, and the helpers every browser
// test shares: sign-in, screenshots, waiting for the app.
//
// In CI (CI=true) a missing browser or playwright-core fails the test;
// elsewhere the test skips and says why.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { SOURCE } from './server.mjs';

export const CHROMIUM = process.env.STAFETT_CHROMIUM || '/usr/bin/chromium';
export const OUTPUT = process.env.STAFETT_E2E_OUTPUT || path.join(SOURCE, 'tests/e2e/output');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

// Why the browser half cannot run here, or null.
export function browserMissing() {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  if (!existsSync(path.join(SOURCE, 'node_modules/playwright-core'))) return 'node_modules/ is missing (tools/install-deps.sh test)';
  if (!existsSync(path.join(SOURCE, 'node_modules/preact'))) return 'node_modules/preact is missing (tools/install-deps.sh test)';
  return null;
}

// For node:test: skip outside CI, fail in CI.
export function requireBrowser(t) {
  const why = browserMissing();
  if (!why) return true;
  if (process.env.CI === 'true') throw new Error(`CI: ${why}`);
  t.skip(why);
  return false;
}

export async function launch() {
  const { chromium } = await import(path.join(SOURCE, 'node_modules/playwright-core/index.mjs'));
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

const LOCALES = { nb: 'nb-NO', nn: 'nn-NO', se: 'se-NO', en: 'en-GB' };

// A context (a browser profile of its own: its own cookie) signed in as a
// service. Sign-in goes through POST /auth/dev/login from the context's
// request API, which shares the context's cookies.
export async function signedInContext(browser, server, { service, role = 'worker', lang = 'nb', viewport } = {}) {
  const context = await browser.newContext({ locale: LOCALES[lang], viewport: viewport || { width: 1280, height: 900 } });
  // Generous: CI has two cores shared by the whole suite.
  context.setDefaultTimeout(20000);
  context.setDefaultNavigationTimeout(30000);
  if (service) {
    const res = await context.request.post(`${server.url}/auth/dev/login`, {
      data: { tenant: 'demo', service, role },
      headers: { Origin: server.url },
    });
    if (res.status() !== 204 && res.status() !== 200) throw new Error(`dev login ${service}: ${res.status()} ${await res.text()}`);
  }
  return context;
}

// Opens a page and records what must never happen: a script error or a
// CSP violation.
export async function openPage(context, url) {
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) page.problems.push(`csp: ${m.text()}`);
  });
  if (url) await page.goto(url);
  return page;
}

export async function shot(page, name) {
  mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: path.join(OUTPUT, `${name}.png`), fullPage: true, timeout: 30000 });
}

// Waits until the app has rendered a page (its h1) for the current route.
export async function appReady(page) {
  await page.waitForSelector('main h1');
}

// One browser for a test file's tests. A Chromium that died (it has, once
// in a while, on a machine under heavy load) is launched again for the next
// test, so one crash fails one test, not every test after it.
let shared = null;
export async function sharedBrowser() {
  if (!shared || !shared.isConnected()) shared = await launch();
  return shared;
}
export async function closeSharedBrowser() {
  if (shared) await shared.close().catch(() => {});
  shared = null;
}
