// "Stafettpinnen er tilbudt deg": offers of the baton that wait for this
// service. Accepting happens on the case page, where the case can be read
// first.
import { html } from '../html.js';
import { t } from '../i18n.js';
import { stepTitle, serviceName } from '../store.js';
import { formatDate } from '../format.js';

export function BatonOffers({ offers, routine }) {
  return html`<section aria-labelledby="offers-heading" class="section offers">
    <h2 id="offers-heading" class="ds-heading" data-size="sm">${t('offers.title')}</h2>
    ${offers.length === 0
      ? html`<p class="muted">${t('offers.none')}</p>`
      : html`<ul class="offer-list">
          ${offers.map(
            (c) => html`<li class="ds-card offer-card" data-color="accent">
              <p class="offer-ref"><a class="ds-link" href=${`#/cases/${c.id}`}>${c.reference}</a></p>
              <p>${t('offers.from', { service: serviceName(routine, c.baton.holder || c.responsible) })}</p>
              <p class="muted">${stepTitle(routine, c.step)} · ${t('case.level_n', { level: c.level })}
                ${c.deadline && c.deadline.due_at ? html` · ${t('offers.deadline', { date: formatDate(c.deadline.due_at) })}` : ''}</p>
            </li>`,
          )}
        </ul>`}
  </section>`;
}
