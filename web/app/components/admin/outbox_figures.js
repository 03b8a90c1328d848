// The tenant's outbox as numbers (GET /api/v1/notifications/summary): how
// many notices wait, failed and were delivered, how long the oldest has
// waited, and how long deliveries took in the last 24 hours.
import { html } from '../../html.js';
import { t } from '../../i18n.js';

// Seconds in words: "45 s", "12 min", "3 t 5 min", "2 d".
export function waitWords(sec) {
  if (sec == null) return '–';
  const s = Math.round(sec);
  if (s < 60) return t('admin.time.seconds', { v: s });
  if (s < 3600) return t('admin.time.minutes', { v: Math.round(s / 60) });
  if (s < 48 * 3600) return t('admin.time.hours', { h: Math.floor(s / 3600), m: Math.round((s % 3600) / 60) });
  return t('admin.time.days', { v: Math.round(s / 86400) });
}

export function OutboxFigures({ summary }) {
  if (!summary) return null;
  const o = summary.outbox || {};
  const d = summary.delivered_last_24h || {};
  return html`<dl class="figure-grid">
    <div class=${`figure-card${o.pending ? ' warn' : ''}`}><dt>${t('admin.outbox.pending')}</dt><dd>${o.pending}</dd></div>
    <div class=${`figure-card${o.failed ? ' bad' : ''}`}><dt>${t('admin.outbox.failed')}</dt><dd>${o.failed}</dd></div>
    <div class="figure-card"><dt>${t('admin.outbox.delivered')}</dt><dd>${o.delivered}</dd></div>
    <div class="figure-card"><dt>${t('admin.outbox.oldest')}</dt><dd>${o.pending ? waitWords(summary.oldest_pending_age_seconds) : '–'}</dd></div>
    <div class="figure-card"><dt>${t('admin.outbox.lag_mean')}</dt><dd>${waitWords(d.mean_seconds)}</dd></div>
    <div class="figure-card"><dt>${t('admin.outbox.lag_max')}</dt><dd>${waitWords(d.max_seconds)}</dd></div>
  </dl>
  ${d.count > 0 && html`<p class="muted">${t('admin.outbox.lag_note', { n: d.count })}</p>`}`;
}
