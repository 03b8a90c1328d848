// What publishing the draft would change: the steps added, removed and
// changed against the current version, and the open cases in each step
// that changes (they stay on their version until migrated).
import { html } from '../../html.js';
import { t } from '../../i18n.js';

// A changed property ("title", "deadline", ...) in words; an unknown one
// as the server named it.
function whatWord(w) {
  const key = `admin.diff.what.${w}`;
  const s = t(key);
  return s === key ? w : s;
}

export function DraftDiff({ diff, affected, stepName }) {
  if (!diff) return null;
  const added = diff.steps_added || [];
  const removed = diff.steps_removed || [];
  const changed = diff.steps_changed || [];
  const none = !added.length && !removed.length && !changed.length;
  const name = (id) => (stepName ? stepName(id) : id);
  return html`<section class="draft-diff" aria-labelledby="diff-heading">
    <h2 class="ds-heading" data-size="xs" id="diff-heading">
      ${diff.against_version == null ? t('admin.diff.first') : t('admin.diff.heading', { version: diff.against_version })}
    </h2>
    ${none && diff.against_version != null && html`<p>${t('admin.diff.none')}</p>`}
    ${added.length > 0 &&
    html`<h3 class="ds-heading" data-size="2xs">${t('admin.diff.added')}</h3>
      <ul class="diff-list diff-added">${added.map((s) => html`<li><span class="diff-sign" aria-hidden="true">+</span> ${name(s)}</li>`)}</ul>`}
    ${removed.length > 0 &&
    html`<h3 class="ds-heading" data-size="2xs">${t('admin.diff.removed')}</h3>
      <ul class="diff-list diff-removed">${removed.map((s) => html`<li><span class="diff-sign" aria-hidden="true">−</span> ${name(s)}</li>`)}</ul>`}
    ${changed.length > 0 &&
    html`<h3 class="ds-heading" data-size="2xs">${t('admin.diff.changed')}</h3>
      <ul class="diff-list diff-changed">
        ${changed.map((c) => html`<li><span class="diff-sign" aria-hidden="true">~</span> ${name(c.step)}: ${(c.what || []).map(whatWord).join(', ')}</li>`)}
      </ul>`}
    ${affected &&
    html`<h3 class="ds-heading" data-size="2xs">${t('admin.affected.heading')}</h3>
      <p>${t('admin.affected.total', { n: affected.open_cases || 0 })}</p>
      ${(affected.by_step || []).length > 0 &&
      html`<div class="table-scroll" tabindex="0" role="region" aria-label=${t('admin.affected.caption')}><table class="ds-table admin-table" data-border="true">
        <caption class="ds-sr-only">${t('admin.affected.caption')}</caption>
        <thead><tr>
          <th scope="col">${t('admin.affected.step')}</th>
          <th scope="col" class="num">${t('admin.affected.cases')}</th>
          <th scope="col">${t('admin.affected.changes')}</th>
        </tr></thead>
        <tbody>
          ${affected.by_step.map(
            (b) => html`<tr>
              <th scope="row">${name(b.step)}</th>
              <td class="num">${b.open_cases}</td>
              <td>${b.changes ? t('admin.affected.changes_yes') : t('admin.affected.changes_no')}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>`}`}
  </section>`;
}
