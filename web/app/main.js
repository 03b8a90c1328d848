// Entry point: choose the language, find the session, show the app.
import { html, render } from './html.js';
import { initialLanguage, useLanguage } from './i18n.js';
import { App } from './components/app.js';

async function start() {
  const root = document.getElementById('app');
  await useLanguage(initialLanguage());
  root.textContent = '';
  render(html`<${App} />`, root);
}

start().catch((e) => {
  const root = document.getElementById('app');
  root.textContent = `Stafett: ${e.message}`;
});
