// Typing is never lost: the PII guard flags a national identity number
// while the user types, a submit anyway is refused with the message beside
// the field and the text still there (and nothing stored); a 412 in the
// middle of an edit reloads the case, says what changed and keeps the
// draft. And all of it works with the keyboard alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, apiClient } from './lib/server.mjs';
import { browserMissing, requireBrowser, sharedBrowser, closeSharedBrowser, signedInContext, openPage, shot } from './lib/browser.mjs';
import { act, button, testNorgeNumber, tabTo, focusVisible } from './lib/app.mjs';

let server;
const KG = 'solsikken_barnehage';

before(async () => {
  if (browserMissing()) return;
  server = await startServer();
});
after(async () => {
  await closeSharedBrowser();
  if (server) await server.stop();
});

async function seedCase(text) {
  const api = apiClient(server, KG);
  const c = await api('POST', '/api/v1/cases', { age_band: '6-12', categories: ['trivsel'], text });
  const d = await api('POST', `/api/v1/cases/${c.id}/commands`, { type: 'outcome', outcome: 'describe' }, c.version);
  return d;
}

test('a fødselsnummer is flagged while typing; a submit anyway keeps the text and stores nothing', async (t) => {
  if (!requireBrowser(t)) return;
  const page = await openPage(await signedInContext(await sharedBrowser(), server, { service: 'demo_skole' }), `${server.url}/#/new`);
  await page.getByRole('heading', { level: 1, name: 'Logg en undring' }).waitFor();
  const fnr = testNorgeNumber();
  const text = `Eleven virker sliten. Mor sa at fødselsnummeret er ${fnr}, og at hun kan ringes.`;
  await page.getByLabel('6–12 år', { exact: true }).check();
  await page.getByLabel('Hva har du sett eller hørt?').pressSequentially(text, { delay: 2 });

  // Flagged before submit: the span is marked and the words say what to remove.
  const findings = page.locator('.pii-findings');
  await findings.waitFor();
  assert.equal(await findings.locator('mark').textContent(), fnr);
  assert.match(await findings.textContent(), /fødselsnummer/i);
  await shot(page, 'new-concern-pii');

  // "Vis i teksten" selects the span in the field.
  await findings.getByRole('button', { name: 'Vis i teksten' }).first().click();
  const selected = await page.evaluate(() => {
    const el = document.getElementById('concern-text');
    return el.value.slice(el.selectionStart, el.selectionEnd);
  });
  assert.equal(selected, fnr);

  // Submitted anyway: 422 beside the field, in the summary, text intact.
  await button(page, 'Logg undringen').click();
  const error = page.locator('#concern-text-error');
  await error.waitFor();
  assert.match(await error.textContent(), /fødselsnummer|personopplysning/i);
  assert.match(await page.locator('.ds-error-summary').textContent(), /fødselsnummer|personopplysning/i);
  assert.equal(await page.getByLabel('Hva har du sett eller hørt?').inputValue(), text);
  assert.equal(await page.getByLabel('6–12 år', { exact: true }).isChecked(), true);
  await shot(page, 'new-concern-422');

  const api = apiClient(server, 'demo_skole');
  const list = await api('GET', '/api/v1/cases?status=any');
  assert.equal(list.items.length, 0, 'nothing was stored');
  assert.deepEqual(page.problems, []);
});

test('a 412 mid-edit keeps what the user typed and shows what changed', async (t) => {
  if (!requireBrowser(t)) return;
  const kase = await seedCase('Jenta gråter ofte ved levering.');
  const me = await openPage(await signedInContext(await sharedBrowser(), server, { service: KG }), `${server.url}/#/cases/${kase.id}`);
  await me.getByRole('heading', { level: 1, name: `Sak ${kase.reference}` }).waitFor();
  await button(me, 'Drøft anonymt med leder eller team').click();
  const draft = 'Gråter ved levering hver dag i tre uker; roer seg etter en halvtime.';
  await me.getByLabel('Hva er sett eller hørt, hvor lenge, og tidligere undring').fill(draft);

  // A colleague in another browser records consent meanwhile.
  const colleague = await openPage(await signedInContext(await sharedBrowser(), server, { service: KG, role: 'coordinator' }), `${server.url}/#/cases/${kase.id}`);
  await colleague.getByRole('heading', { level: 1, name: `Sak ${kase.reference}` }).waitFor();
  await act(colleague, 'Registrer samtykke', async (f) => {
    await f.getByLabel('Hvem ga samtykke').selectOption({ label: 'foresatte' });
    await f.getByRole('group', { name: 'Tjenester samtykket gjelder' }).getByLabel('Solsikken barnehage', { exact: true }).check();
  });

  await button(me, 'Lagre: Drøft anonymt med leder eller team').click();
  const notice = me.getByRole('heading', { name: 'Noen andre endret saken mens du skrev' });
  await notice.waitFor();
  const noticeText = await me.locator('.notice').textContent();
  assert.match(noticeText, /Samtykke: Ikke gitt\. Saken drøftes anonymt\. → Gitt av foresatte for Solsikken barnehage/);
  assert.match(noticeText, /Det du skrev er tatt vare på/);
  assert.equal(await me.getByLabel('Hva er sett eller hørt, hvor lenge, og tidligere undring').inputValue(), draft);
  assert.match(await me.locator('.facts').textContent(), /Gitt av foresatte/);
  await shot(me, 'case-412-kept');

  // Saving again now works, on the new version.
  await button(me, 'Lagre: Drøft anonymt med leder eller team').click();
  await me.getByText('«Drøft anonymt med leder eller team» er registrert.').waitFor();
  assert.match(await me.locator('.case-step').textContent(), /Drøftet anonymt/);
  assert.ok((await me.locator('.timeline').textContent()).includes(draft));
  assert.deepEqual(me.problems, []);
});

test('keyboard only: log a concern and take an outcome without a mouse', async (t) => {
  if (!requireBrowser(t)) return;
  const page = await openPage(await signedInContext(await sharedBrowser(), server, { service: 'helsestasjon' }), `${server.url}/`);
  await page.getByRole('heading', { level: 1, name: 'Arbeidsliste' }).waitFor();

  // The first Tab reaches the skip link, which moves focus to the content.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('ds-skip-link')), true);
  assert.ok(await focusVisible(page), 'the skip link shows focus');

  // To "Logg en undring" in the menu, and into the form.
  await tabTo(page, 'nav a[href="#/new"]');
  assert.ok(await focusVisible(page), 'menu links show focus');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Logg en undring' }).waitFor();
  await tabTo(page, 'input[name="age_band"]');
  // Arrow keys move within the radio group: 0-2 -> 3-5.
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.value), '3-5');
  await tabTo(page, '#concern-cat-1');
  await page.keyboard.press('Space');
  await tabTo(page, '#concern-text');
  await page.keyboard.type('Barnet sover dårlig og er ofte trett på helsestasjonen.');
  await tabTo(page, 'button[type="submit"]');
  assert.ok(await focusVisible(page), 'the submit button shows focus');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: /^Sak DEMO-/ }).waitFor();

  // Take an outcome: Enter on the action opens its form and focuses it.
  await tabTo(page, 'button[aria-controls="action-form"]');
  assert.equal((await page.evaluate(() => document.activeElement.textContent)).trim(), 'Konkretiser undringen');
  await page.keyboard.press('Enter');
  await tabTo(page, '#action-form button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.getByText('«Konkretiser undringen» er registrert.').waitFor();
  assert.match(await page.locator('.case-step').textContent(), /Undringen konkretisert og observert/);

  // One with a field: the form takes focus on its first field.
  await tabTo(page, 'button[aria-controls="action-form"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement && document.activeElement.tagName === 'TEXTAREA');
  await page.keyboard.type('Trett hver morgen i to uker.');
  await tabTo(page, '#action-form button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.getByText('«Drøft anonymt med leder eller team» er registrert.').waitFor();
  assert.match(await page.locator('.case-step').textContent(), /Drøftet anonymt/);
  await shot(page, 'keyboard-done');
  assert.deepEqual(page.problems, []);
});

test('free text in the stafettlogg is shown as text, never as HTML', async (t) => {
  if (!requireBrowser(t)) return;
  const kase = await seedCase('Undring om språk.');
  const api = apiClient(server, KG);
  const markup = '<b>fet</b> <img src=x onerror="document.body.dataset.owned=1"> & «sitat»';
  await api('POST', `/api/v1/cases/${kase.id}/commands`, { type: 'note', text: markup }, kase.version);
  const page = await openPage(await signedInContext(await sharedBrowser(), server, { service: KG }), `${server.url}/#/cases/${kase.id}`);
  await page.locator('.timeline-item.kind-note').waitFor();
  const note = page.locator('.timeline-item.kind-note .log-text');
  assert.equal(await note.textContent(), markup);
  assert.equal(await note.locator('b, img').count(), 0);
  assert.equal(await page.evaluate(() => document.body.dataset.owned), undefined);
});
