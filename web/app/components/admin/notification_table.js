// Notifications as a table: the case reference, the step, what happened,
// to which service, attempts, the last error, when it was made and when
// the next attempt is; a failed one has a "send again" button.
import { html } from '../../html.js';
import { t } from '../../i18n.js';

function eventWord(e) {
  const key = `admin.event.${e}`;
  const s = t(key);
  return s === key ? e : s;
}

export function NotificationTable({ items, retried, busy, onRetry, stepName, serviceLabel, formatTime }) {
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label=${t('admin.notifications.table')}>
    <table class="ds-table admin-table" data-border="true">
      <caption class="ds-sr-only">${t('admin.notifications.table')}</caption>
      <thead><tr>
        <th scope="col">${t('admin.notifications.reference')}</th>
        <th scope="col">${t('admin.notifications.event')}</th>
        <th scope="col">${t('admin.notifications.service')}</th>
        <th scope="col" class="num">${t('admin.notifications.attempts')}</th>
        <th scope="col">${t('admin.notifications.error')}</th>
        <th scope="col">${t('admin.notifications.created')}</th>
        <th scope="col"><span class="ds-sr-only">${t('admin.notifications.action')}</span></th>
      </tr></thead>
      <tbody>
        ${items.map(
          (n) => html`<tr>
            <th scope="row">${(n.case && n.case.reference) || '–'}<br /><span class="muted">${n.step ? stepName(n.step) : ''}</span></th>
            <td>${eventWord(n.event)}</td>
            <td>${serviceLabel(n.service)}</td>
            <td class="num">${n.attempts}</td>
            <td class="error-cell">${n.last_error || '–'}</td>
            <td>${formatTime(n.created_at)}${n.next_attempt_at ? html`<br /><span class="muted">${t('admin.notifications.next', { when: formatTime(n.next_attempt_at) })}</span>` : ''}</td>
            <td>
              ${retried[n.id]
                ? html`<span role="status">${t('admin.notifications.retried')}</span>`
                : n.status === 'failed' &&
                  html`<button type="button" class="ds-button" data-variant="secondary" data-size="sm" disabled=${busy === n.id}
                    aria-label=${t('admin.notifications.retry_label', { reference: (n.case && n.case.reference) || n.id })}
                    onClick=${() => onRetry(n)}>${t('admin.notifications.retry')}</button>`}
            </td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
