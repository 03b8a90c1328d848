// The worklist as a table (cards on a narrow screen, see app.css). Sorted by
// deadline as the server sends it; an overdue case says so in words and
// colour, never by colour alone.
import { html } from '../html.js';
import { t } from '../i18n.js';
import { stepTitle, serviceName, findStep } from '../store.js';
import { formatDeadline } from '../format.js';

function batonText(c, routine) {
  const b = c.baton || {};
  if (b.state === 'offered') return t('baton.offered_short', { service: serviceName(routine, b.offered_to) });
  if (b.state === 'held') return serviceName(routine, b.holder);
  return t('baton.none_short');
}

export function WorklistTable({ items, routine }) {
  if (!items.length) return html`<p class="empty">${t('worklist.empty')}</p>`;
  return html`<table class="ds-table worklist" data-border="true">
    <caption class="ds-sr-only">${t('worklist.caption')}</caption>
    <thead>
      <tr>
        <th scope="col">${t('worklist.col.reference')}</th>
        <th scope="col">${t('worklist.col.deadline')}</th>
        <th scope="col">${t('worklist.col.step')}</th>
        <th scope="col">${t('worklist.col.level')}</th>
        <th scope="col">${t('worklist.col.responsible')}</th>
        <th scope="col">${t('worklist.col.baton')}</th>
      </tr>
    </thead>
    <tbody>
      ${items.map(
        (c) => html`<tr key=${c.id} class=${c.overdue ? 'overdue' : undefined}>
          <td class="nowrap" data-label=${t('worklist.col.reference')}><a class="ds-link" href=${`#/cases/${c.id}`}>${c.reference}</a>
            ${c.status === 'closed' ? html` <span class="ds-tag" data-color="neutral">${t('status.closed')}</span>` : ''}</td>
          <td class="nowrap" data-label=${t('worklist.col.deadline')}>
            ${c.deadline && c.deadline.due_at ? formatDeadline(c.deadline.due_at, findStep(routine, c.step), true) : t('deadline.none')}
            ${c.overdue ? html` <span class="ds-tag" data-color="danger">${t('deadline.overdue')}</span>` : ''}
          </td>
          <td data-label=${t('worklist.col.step')}>${stepTitle(routine, c.step)}</td>
          <td data-label=${t('worklist.col.level')}>${c.level}</td>
          <td data-label=${t('worklist.col.responsible')}>${serviceName(routine, c.responsible)}</td>
          <td data-label=${t('worklist.col.baton')}>${batonText(c, routine)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}
