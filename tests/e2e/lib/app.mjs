// Steps a person takes in the app, written once for the tests: choosing an
// action on the case page, filling its form, saving, and reading the
// answer. Locators go by role and visible label, as a person (and a screen
// reader) finds things.

export function button(page, name) {
  return page.getByRole('button', { name, exact: true });
}

// Opens the action `label` on the case page, lets `fill` fill the form,
// saves, and waits for the confirmation.
export async function act(page, label, fill) {
  const t0 = Date.now();
  await button(page, label).click();
  if (fill) await fill(page.locator('#action-form'));
  await page.locator('#action-form').getByRole('button', { name: `${saveWord(page)}: ${label}`, exact: true }).click();
  await page.getByText(doneText(page, label), { exact: true }).waitFor();
  if (process.env.E2E_TIMING) console.log('act', label, Date.now() - t0, 'ms');
}

function saveWord(page) {
  return page.lang === 'en' ? 'Save' : page.lang === 'se' ? 'Vurke' : 'Lagre';
}

function doneText(page, label) {
  return page.lang === 'en' ? `“${label}” is recorded.` : page.lang === 'se' ? `«${label}» lea registrerejuvvon.` : `«${label}» er registrert.`;
}

// Ticks services in a "services" field by their names.
export async function tick(form, groupLabel, names) {
  const group = form.getByRole('group', { name: groupLabel });
  for (const n of names) await group.getByLabel(n, { exact: true }).check();
}

export async function signInThroughPage(page, url, serviceName, roleName) {
  await page.goto(`${url}/#/signin`);
  await page.getByLabel('Tjeneste', { exact: true }).selectOption({ label: serviceName });
  if (roleName) await page.getByLabel('Rolle', { exact: true }).selectOption({ label: roleName });
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Arbeidsliste' }).waitFor();
}

export async function logConcern(page, url, { age = '3–5 år', categories = ['Språk og kommunikasjon'], text }) {
  await page.goto(`${url}/#/new`);
  await page.getByLabel(age, { exact: true }).check();
  for (const c of categories) await page.getByLabel(c, { exact: true }).check();
  await page.getByLabel('Hva har du sett eller hørt?').fill(text);
  await page.getByRole('button', { name: 'Logg undringen', exact: true }).click();
  await page.waitForFunction(() => /^#\/cases\/[0-9a-f]+$/.test(location.hash));
  await page.getByRole('heading', { level: 1, name: /^Sak / }).waitFor();
  return page.url().split('/').pop();
}

// A synthetic "Test Norge" national identity number (month + 80): valid
// check digits, and by construction no one's.
export function testNorgeNumber(ddmmyy = '158515') {
  const w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
  const w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const check = (digits, w) => {
    const k = 11 - (w.reduce((s, x, i) => s + x * Number(digits[i]), 0) % 11);
    return k === 11 ? 0 : k;
  };
  for (let i = 500; i < 750; i++) {
    const nine = ddmmyy + String(i);
    const k1 = check(nine, w1);
    if (k1 === 10) continue;
    const k2 = check(nine + k1, w2);
    if (k2 === 10) continue;
    return `${nine}${k1}${k2}`;
  }
  throw new Error('no number');
}

// Presses Tab until the focused element matches `selector` (a CSS
// selector), failing after `max` presses: proves it is reachable by
// keyboard, in tab order.
export async function tabTo(page, selector, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return;
  }
  throw new Error(`${selector} not reached with ${max} Tab presses`);
}

// True when the focused element shows a focus indicator.
export async function focusVisible(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const cs = getComputedStyle(el);
    return (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
  });
}
