// A whole case through workflows/bti.yaml, in three browser contexts for
// three services, with no curl: the kindergarten logs a concern, describes
// it, discusses it anonymously, talks with the family, gets consent and
// offers the baton; the health station accepts it; PPT finds the case by
// its reference and writes a note; the health station holds the network
// meeting, agrees a measure, evaluates and closes. The kindergarten then
// reads the stafettlogg, which must tell the story in sentences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { requireBrowser, launch, signedInContext, openPage, shot } from './lib/browser.mjs';
import { act, tick, button, signInThroughPage, logConcern } from './lib/app.mjs';

const KG = 'Solsikken barnehage';
const HS = 'Helsestasjon og skolehelsetjeneste';
const PPT = 'PPT';

test('a whole case in three browser contexts', async (t) => {
  if (!requireBrowser(t)) return;
  const server = await startServer();
  t.after(() => server.stop());
  const browser = await launch();
  t.after(() => browser.close());

  // The kindergarten signs in through the sign-in page, as a person would.
  const kg = await openPage(await signedInContext(browser, server, {}));
  await signInThroughPage(kg, server.url, KG);
  await shot(kg, 'worklist-empty');
  const id = await logConcern(kg, server.url, { text: 'Gutten snakker lite og trekker seg unna i lek.' });
  const reference = (await kg.getByRole('heading', { level: 1 }).textContent()).replace('Sak ', '').trim();
  assert.match(reference, /^DEMO-\d{4}-\d{4}$/);

  await act(kg, 'Konkretiser undringen');
  await act(kg, 'Drøft anonymt med leder eller team', (f) =>
    f.getByLabel('Hva er sett eller hørt, hvor lenge, og tidligere undring').fill('Lite språk i lek over tre uker; også i fjor høst.'));
  await act(kg, 'Undringssamtale med foresatte og barn', (f) => f.getByLabel('Drøftet med').selectOption({ label: 'Ressursteam' }));
  await act(kg, 'Til beslutning', async (f) => {
    await f.getByLabel('Dato for samtalen').fill('2026-11-20');
    await f.getByLabel('Barnets egen opplevelse').fill('Liker best å leke alene.');
  });

  // Level 2 needs consent first: the page says so, and why.
  const blocked = kg.locator('.blocked');
  if (await blocked.count()) assert.match(await blocked.textContent(), /samtykke/i);
  await act(kg, 'Registrer samtykke', async (f) => {
    await f.getByLabel('Hvem ga samtykke').selectOption({ label: 'foresatte' });
    await tick(f, 'Tjenester samtykket gjelder', [KG, HS, PPT]);
  });
  await act(kg, 'Samarbeid med en annen tjeneste (nivå 2)');
  // bti.yaml v2: the consent step collects consent (`consent: collect`);
  // the consent itself is the record above, so no date fields here.
  await act(kg, 'Samtykke gitt', async (f) => {
    await tick(f, 'Tjenester samtykket gjelder', [HS, PPT]);
  });
  await act(kg, 'Gi stafettpinnen videre', (f) => f.getByLabel('Til tjeneste').selectOption({ label: HS }));
  assert.match(await kg.locator('.facts').textContent(), /tilbudt stafettpinnen til Helsestasjon/);

  // The health station sees the offer on its worklist and accepts it.
  const hs = await openPage(await signedInContext(browser, server, { service: 'helsestasjon' }), `${server.url}/`);
  const offers = hs.getByRole('region', { name: 'Stafettpinnen er tilbudt deg' });
  await offers.getByRole('link', { name: reference }).click();
  await act(hs, 'Ta imot stafettpinnen');
  assert.match(await hs.locator('.facts').textContent(), /Helsestasjon og skolehelsetjeneste er stafettholder/);
  await shot(hs, 'case-baton-accepted');

  // PPT, covered by the consent, finds the case by its reference.
  const ppt = await openPage(await signedInContext(browser, server, { service: 'ppt' }), `${server.url}/`);
  await ppt.getByLabel('Gå til sak med referanse').fill(reference.toLowerCase());
  await button(ppt, 'Gå til saken').click();
  await ppt.getByRole('heading', { level: 1, name: `Sak ${reference}` }).waitFor();
  await act(ppt, 'Skriv et notat', (f) => f.getByLabel('Notat').fill('PPT kan ta språkgruppen på tirsdager.'));

  // The team meets; a measure; an evaluation; closing.
  await hs.reload();
  await hs.getByRole('heading', { level: 1, name: `Sak ${reference}` }).waitFor();
  await act(hs, 'Tiltak avtalt', async (f) => {
    await f.getByLabel('Møtedato').fill('2026-11-28');
    await tick(f, 'Deltakende tjenester', [KG, HS, PPT]);
    await f.getByLabel('Tiltak', { exact: true }).fill('Språkgruppe to ganger i uka.');
    await f.getByLabel('Ansvarlig tjeneste for tiltaket').selectOption({ label: PPT });
    await f.getByLabel('Evalueres innen').fill('2027-01-15');
  });
  await act(hs, 'Klar for evaluering', (f) =>
    f.getByLabel('Barnets egen opplevelse (samtale før evalueringsmøtet)').fill('Synes gruppen er gøy.'));
  await act(hs, 'Avslutt', (f) => f.getByLabel('Årsak').selectOption({ label: 'Målet er nådd' }));

  // The kindergarten reads the log.
  await kg.goto(`${server.url}/#/cases/${id}`);
  await kg.reload();
  await kg.getByRole('heading', { level: 1, name: `Sak ${reference}` }).waitFor();
  await kg.locator('.timeline-item').first().waitFor();
  assert.match(await kg.locator('.case-step').textContent(), /Avsluttet/);
  const log = (await kg.locator('.timeline .log-what').allTextContents()).map((s) => s.trim());
  const expectInOrder = [
    `${KG} (ansatt) logget en undring.`,
    `${KG} (ansatt) valgte «Konkretiser undringen».`,
    `${KG} (ansatt) valgte «Drøft anonymt med leder eller team».`,
    `${KG} (ansatt) valgte «Undringssamtale med foresatte og barn».`,
    `${KG} (ansatt) valgte «Til beslutning».`,
    /^Solsikken barnehage \(ansatt\) registrerte samtykke fra foresatte for Solsikken barnehage, Helsestasjon og skolehelsetjeneste, PPT, gyldig til /,
    `${KG} (ansatt) valgte «Samarbeid med en annen tjeneste (nivå 2)».`,
    `${KG} (ansatt) tilbød stafettpinnen til ${HS}.`,
    `${HS} (ansatt) tok imot stafettpinnen.`,
    `${PPT} (ansatt) skrev et notat.`,
    `${HS} (ansatt) valgte «Tiltak avtalt».`,
    `${HS} (ansatt) valgte «Klar for evaluering».`,
    `${HS} (ansatt) valgte «Avslutt».`,
    `${HS} (ansatt) avsluttet saken.`,
  ];
  let at = 0;
  for (const want of expectInOrder) {
    const found = log.findIndex((s, i) => i >= at && (want instanceof RegExp ? want.test(s) : s === want));
    assert.ok(found >= 0, `the log says «${want}» after entry ${at}:\n${log.join('\n')}`);
    at = found + 1;
  }
  const timeline = await kg.locator('.timeline').textContent();
  assert.ok(timeline.includes('Gutten snakker lite og trekker seg unna i lek.'), 'the concern text is in the log');
  assert.ok(timeline.includes('PPT kan ta språkgruppen på tirsdager.'), 'the note is in the log');
  assert.ok(timeline.includes('Målet er nådd'), 'the closing reason is in words');
  await shot(kg, 'case-closed');
  for (const p of [kg, hs, ppt]) assert.deepEqual(p.problems, []);
});
