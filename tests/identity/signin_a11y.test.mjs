// The sign-in pages a person meets before the web app, in all four
// languages (nb, nn, se, en): 0 axe-core violations (WCAG 2.0/2.1 A and AA
// and best practice) and usable with the keyboard alone (Tab order, a
// visible focus ring, Enter).
//   - the service choice after sign-in (links to /auth/choose?i=N),
//   - the refusal of a person without a mapping (it says whom to ask),
//   - the "sign-in failed" page (/auth/choose without a valid choice),
//   - the development sign-in page of the web app (#/signin).
// Each against a real OpenID Provider (npm oidc-provider) and Chromium.
// usage: node signin_a11y.test.mjs STAFETT_BINARY SOURCE_DIR
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { freePort, requireOrSkip, rmSync, startServe, tempDir, writeIdentity } from './harness.mjs';

const [stafett, source] = process.argv.slice(2);
requireOrSkip(stafett && existsSync(stafett), 'the stafett binary');
requireOrSkip(existsSync(path.join(source, 'node_modules', 'oidc-provider')), 'node_modules/oidc-provider (tools/install-deps.sh test)');
requireOrSkip(existsSync(path.join(source, 'node_modules', 'playwright-core')), 'node_modules/playwright-core');
requireOrSkip(existsSync(path.join(source, 'node_modules', '@axe-core', 'playwright')), 'node_modules/@axe-core/playwright');
requireOrSkip(existsSync('/usr/bin/chromium'), 'Chromium (/usr/bin/chromium)');
const { chromium } = await import('playwright-core');
const { default: AxeBuilder } = await import(path.join(source, 'node_modules/@axe-core/playwright/dist/index.mjs'));
const { startProvider, newKey } = await import('./op.mjs');

const LOCALES = { nb: 'nb-NO', nn: 'nn-NO', se: 'se-NO', en: 'en-GB' };
const CLIENT_SECRET = 'a11y-client-secret-0123456789abcdef';
const shots = path.join(process.env.STAFETT_SCREENSHOTS ?? path.join(source, 'build', 'screenshots'), 'identity');
mkdirSync(shots, { recursive: true });

const work = tempDir('stafett-a11y-');
const opPort = await freePort();
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const op = await startProvider({
  port: opPort,
  keys: [await newKey('RS256', 'a11y-1')],
  accounts: { per: { groups: ['g-skole', 'g-helse'] }, ola: { groups: ['g-annet'] } },
  clients: [{
    client_id: 'stafett-web-nesseby',
    client_secret: CLIENT_SECRET,
    redirect_uris: [`${base}/auth/callback`],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
});
const identity = path.join(work, 'identity');
writeIdentity(identity, 'nesseby.yaml', `tenant: nesseby
issuer: ${op.issuer}
client_id: stafett-web-nesseby
client_secret: {file: ${path.join(work, 'client-secret')}}
ask: IT-brukerstøtte i Nesseby kommune / Unjárgga gielda
mappings:
  - {claim: groups, value: g-skole, role: worker, service: skole}
  - {claim: groups, value: g-helse, role: coordinator, service: helsestasjon}
`);
writeIdentity(work, 'client-secret', `${CLIENT_SECRET}\n`);
const serve = await startServe({
  stafett, source, identity,
  db: `sqlite:${path.join(work, 'stafett.db')}`,
  extraArgs: ['--listen', `127.0.0.1:${port}`, '--public-url', base],
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

test.after(async () => {
  await browser.close();
  await serve.stop();
  await op.close();
  rmSync(work, { recursive: true, force: true });
});

async function providerSignIn(page, login) {
  await page.goto(`${base}/auth/login?tenant=nesseby`);
  await page.waitForURL(new RegExp(`^${op.issuer}/`));
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', 'whatever');
  const back = (u) => u.toString().startsWith(base);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  if (page.url().startsWith(op.issuer)) {
    await Promise.all([page.waitForURL(back, { timeout: 15000 }), page.click('button[type=submit]')]);
  }
  await page.waitForURL(back, { timeout: 15000 });
}

async function axe(page, what) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const v = result.violations.map((x) => `${x.id} (${x.impact}): ${x.help}\n    ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
  assert.deepEqual(v, [], what);
}

// Presses Tab until the focus has visited `count` elements; returns what
// had the focus each time and whether a focus indicator was drawn.
async function tabThrough(page, count) {
  const seen = [];
  for (let i = 0; i < count; ++i) {
    await page.keyboard.press('Tab');
    seen.push(await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const s = getComputedStyle(e);
      const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
      return { tag: e.tagName.toLowerCase(), id: e.id, href: e.getAttribute('href'), text: e.textContent.trim(), ring };
    }));
  }
  return seen;
}

// The server's pages carry all four languages at once (bokmål first, then
// nynorsk, North Sami and English sections with their lang), whatever the
// browser's locale, so one visit of each checks all four.
async function fourLanguages(page, what) {
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'nb', what);
  const sections = await page.locator('section[lang]').evaluateAll((ss) => ss.map((s) => s.getAttribute('lang')));
  assert.deepEqual(sections, ['nn', 'se', 'en'], what);
}

test('the service choice: axe, four languages, Tab order, Enter', async () => {
  const context = await browser.newContext({ locale: 'se-NO' });
  const choose = await context.newPage();
  await providerSignIn(choose, 'per');
  await choose.locator('a[href^="/auth/choose?i="]').first().waitFor();
  await axe(choose, 'choose');
  await fourLanguages(choose, 'choose');
  await choose.screenshot({ path: path.join(shots, 'a11y-choose.png'), fullPage: true });
  const seen = await tabThrough(choose, 2);
  assert.deepEqual(seen.map((f) => f && f.href), ['/auth/choose?i=0', '/auth/choose?i=1'], 'Tab order');
  for (const f of seen) assert.ok(f.ring, `focus ring on ${f.href}`);
  await Promise.all([choose.waitForURL(`${base}/`), choose.keyboard.press('Enter')]);
  const me = await choose.evaluate(async () => (await fetch('/auth/session')).json());
  assert.equal(me.service, 'helsestasjon', 'Enter took the focused choice');
  await context.close();
});

test('the refusal and the failed sign-in: axe, four languages, keyboard', async () => {
  const context = await browser.newContext({ locale: 'nn-NO' });
  const refused = await context.newPage();
  await providerSignIn(refused, 'ola');
  await refused.locator('h1').waitFor();
  await axe(refused, 'refusal');
  await fourLanguages(refused, 'refusal');
  // Whom to ask, in every language (Sami letters intact).
  const asks = await refused.locator('p').evaluateAll((ps) => ps.filter((p) => p.textContent.includes('Unjárgga gielda')).length);
  assert.equal(asks, 4);
  await refused.screenshot({ path: path.join(shots, 'a11y-refused.png'), fullPage: true });
  await tabThrough(refused, 3);  // nothing on it traps the keyboard

  // A choice that is not (or no longer) valid: the way back is a link.
  const failed = await context.newPage();
  const res = await failed.goto(`${base}/auth/choose?i=0`);
  assert.equal(res.status(), 400);
  await axe(failed, 'sign-in failed');
  await fourLanguages(failed, 'sign-in failed');
  const back = (await tabThrough(failed, 1))[0];
  assert.equal(back.href, '/');
  assert.ok(back.ring, 'the focused link shows a focus ring');
  await Promise.all([failed.waitForURL(`${base}/`), failed.keyboard.press('Enter')]);
  await context.close();
});

// The development sign-in page is the web app's, in the browser's language.
for (const [lang, locale] of Object.entries(LOCALES)) {
  test(`the development sign-in page in ${lang}: axe and keyboard`, async () => {
    const context = await browser.newContext({ locale });
    const dev = await context.newPage();
    await dev.goto(`${base}/#/signin`);
    await dev.locator('#signin-tenant').waitFor();
    assert.equal(await dev.evaluate(() => document.documentElement.lang), lang);
    await axe(dev, `${lang}: dev sign-in`);
    await dev.locator('#signin-tenant').focus();
    const fields = await tabThrough(dev, 3);
    assert.deepEqual(fields.map((f) => f && (f.id || f.tag)), ['signin-service', 'signin-role', 'button'], `${lang}: Tab order of the form`);
    for (const f of fields) assert.ok(f.ring, `${lang}: focus ring on ${f.id || f.tag}`);
    await dev.keyboard.press('Enter');
    let status = 0;
    for (let i = 0; i < 60 && status !== 200; ++i) {
      await dev.waitForTimeout(250);
      status = await dev.evaluate(async () => (await fetch('/auth/session')).status);
    }
    assert.equal(status, 200, `${lang}: Enter on the button signed in`);
    await context.close();
  });
}
