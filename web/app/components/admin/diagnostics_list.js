// What the server found wrong with a draft, each problem at its line and
// column: the line of the draft with a mark under the column, the message
// and the suggestion, and a button that puts the caret there.
import { html } from '../../html.js';
import { t } from '../../i18n.js';

export function DiagnosticsList({ diagnostics, text, onJump }) {
  const lines = (text || '').split('\n');
  return html`<ol class="diagnostics">
    ${diagnostics.map((d, i) => {
      const src = d.line >= 1 && d.line <= lines.length ? lines[d.line - 1] : '';
      const col = Math.max(1, d.column || 1);
      return html`<li class=${`diagnostic severity-${d.severity || 'error'}`}>
        <p class="diagnostic-head">
          <span class="ds-tag" data-color=${d.severity === 'warning' ? 'warning' : 'danger'}>${t(d.severity === 'warning' ? 'admin.diag.warning' : 'admin.diag.error')}</span>
          <button type="button" class="ds-button link-button diag-jump" data-variant="tertiary" data-size="sm" id=${`diag-${i}`} onClick=${() => onJump(d.line, col)}>
            ${t('admin.diag.at', { line: d.line, column: col })}
          </button>
        </p>
        <p class="diagnostic-message">${d.message}</p>
        ${d.suggestion && html`<p class="diagnostic-suggestion">${t('admin.diag.suggestion', { text: d.suggestion })}</p>`}
        ${src &&
        html`<pre class="diagnostic-source" aria-hidden="true"><span class="diag-lno">${`${d.line} | `}</span>${src}${'\n'}<span class="diag-lno">${`${' '.repeat(String(d.line).length)} | `}</span>${' '.repeat(col - 1)}<span class="diag-caret">^</span></pre>`}
      </li>`;
    })}
  </ol>`;
}
