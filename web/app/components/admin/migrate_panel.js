// Moving a routine's open cases to a newly published version: a dry run
// first (what would move where, which cases have no step to go to), a
// step to choose for each step the new version lacks, then the real run
// behind a confirmation. Nothing moves until the administrator confirms,
// and a run that would leave any case behind moves none.
import { html, Component } from '../../html.js';
import { t } from '../../i18n.js';
import { problemText } from '../../problems.js';
import { migrateCases } from '../../admin_api.js';

export class MigratePanel extends Component {
  constructor() {
    super();
    this.state = { map: {}, dry: null, done: null, busy: false, error: null, confirming: false };
  }

  async run(dryRun) {
    const { id, to } = this.props;
    this.setState({ busy: true, error: null });
    try {
      const r = await migrateCases(id, to, this.state.map, dryRun);
      this.setState({ busy: false, confirming: false, stale: false, [dryRun ? 'dry' : 'done']: r }, () => this.focus(dryRun ? 'migrate-dry-heading' : 'migrate-done'));
    } catch (e) {
      const ext = e.body && (e.body.extensions || e.body);
      const refusals = ext && Array.isArray(ext.refusals) ? ext : null;
      this.setState({ busy: false, confirming: false, error: problemText(e), dry: refusals || this.state.dry }, () => this.focus('migrate-error'));
    }
  }

  focus(id) {
    const el = document.getElementById(id);
    if (el) el.focus();
  }

  setTarget(from, to) {
    const map = { ...this.state.map };
    if (to) map[from] = to;
    else delete map[from];
    // A changed choice needs a new dry run before anything can move.
    this.setState({ map, stale: true, confirming: false });
  }

  render({ to, steps, stepName }) {
    const { dry, done, busy, error, confirming, map, stale } = this.state;
    const name = (s) => (stepName ? stepName(s) : s);
    const refusedSteps = dry ? [...new Set((dry.refusals || []).map((r) => r.step))] : [];
    const mapped = Object.keys(map);
    const pickSteps = [...new Set([...refusedSteps, ...mapped])];
    // A dry run moves nothing (its "migrated" is 0): what would move is what
    // is neither on the version already nor refused.
    const would = dry ? Math.max(0, dry.total - dry.already - dry.refused) : 0;
    const movable = dry && !stale && dry.refused === 0 && would > 0;
    return html`<section class="migrate ds-card" aria-labelledby="migrate-heading">
      <h2 class="ds-heading" data-size="sm" id="migrate-heading">${t('admin.migrate.heading', { version: to })}</h2>
      <p>${t('admin.migrate.intro')}</p>
      ${done &&
      html`<div class="ds-alert" data-color="success" id="migrate-done" tabindex="-1" role="status">${t('admin.migrate.done', { n: done.migrated })}</div>`}
      ${!done &&
      !dry &&
      html`<p class="button-row">
        <button type="button" class="ds-button" data-variant="secondary" disabled=${busy} onClick=${() => this.run(true)}>${t('admin.migrate.dry')}</button>
      </p>`}
      ${error && html`<div class="ds-alert" data-color="danger" role="alert" id="migrate-error" tabindex="-1">${error}</div>`}
      ${dry &&
      !done &&
      html`<div class="migrate-result">
        <h3 class="ds-heading" data-size="xs" id="migrate-dry-heading" tabindex="-1">${t('admin.migrate.dry_heading')}</h3>
        <ul class="figures">
          <li><span class="figure">${dry.total}</span> ${t('admin.migrate.total')}</li>
          <li><span class="figure">${would}</span> ${t('admin.migrate.would_move')}</li>
          <li><span class="figure">${dry.already}</span> ${t('admin.migrate.already')}</li>
          <li><span class="figure">${dry.refused}</span> ${t('admin.migrate.refused')}</li>
        </ul>
        ${(dry.by_step || []).length > 0 &&
        html`<div class="table-scroll" tabindex="0" role="region" aria-label=${t('admin.migrate.by_step_caption')}><table class="ds-table admin-table" data-border="true">
          <caption class="ds-sr-only">${t('admin.migrate.by_step_caption')}</caption>
          <thead><tr>
            <th scope="col">${t('admin.migrate.from')}</th>
            <th scope="col">${t('admin.migrate.to')}</th>
            <th scope="col" class="num">${t('admin.migrate.cases')}</th>
          </tr></thead>
          <tbody>
            ${dry.by_step.map(
              (b) => html`<tr>
                <td>${t('admin.migrate.from_cell', { version: b.from_version, step: name(b.from_step) })}</td>
                <td>${b.to_step ? name(b.to_step) : html`<strong class="danger-text">${t('admin.migrate.no_target')}</strong>`}</td>
                <td class="num">${b.cases}</td>
              </tr>`,
            )}
          </tbody>
        </table></div>`}
        ${(dry.refusals || []).length > 0 &&
        html`<p class="danger-text">${t('admin.migrate.refusals', { refs: dry.refusals.map((r) => r.reference).join(', ') })}</p>`}
        ${pickSteps.length > 0 &&
        html`<fieldset class="ds-fieldset migrate-map">
          <legend class="ds-label">${t('admin.migrate.map_legend')}</legend>
          ${pickSteps.map(
            (s) => html`<div class="ds-field">
              <label class="ds-label" for=${`map-${s}`}>${t('admin.migrate.map_label', { step: name(s) })}</label>
              <select class="ds-input" id=${`map-${s}`} onChange=${(e) => this.setTarget(s, e.currentTarget.value)}>
                <option value="" selected=${!map[s]}>${t('admin.migrate.map_none')}</option>
                ${(steps || []).map((x) => html`<option value=${x.id} selected=${map[s] === x.id}>${name(x.id)}</option>`)}
              </select>
            </div>`,
          )}
          <p class="button-row">
            <button type="button" class="ds-button" data-variant="secondary" disabled=${busy} onClick=${() => this.run(true)}>${t('admin.migrate.dry_again')}</button>
          </p>
        </fieldset>`}
        ${movable &&
        (confirming
          ? html`<div class="confirm ds-alert" data-color="warning">
              <p id="migrate-confirm-text">${t('admin.migrate.confirm_text', { n: would, version: to })}</p>
              <p class="button-row">
                <button type="button" class="ds-button" id="migrate-confirm" disabled=${busy} aria-describedby="migrate-confirm-text" onClick=${() => this.run(false)}>
                  ${t('admin.migrate.confirm', { n: would })}
                </button>
                <button type="button" class="ds-button" data-variant="tertiary" onClick=${() => this.setState({ confirming: false })}>${t('common.cancel')}</button>
              </p>
            </div>`
          : html`<p class="button-row">
              <button type="button" class="ds-button" onClick=${() => this.setState({ confirming: true }, () => this.focus('migrate-confirm'))}>
                ${t('admin.migrate.start', { n: would })}
              </button>
            </p>`)}
        ${dry.refused === 0 && dry.total - dry.already === 0 && html`<p>${t('admin.migrate.nothing')}</p>`}
      </div>`}
    </section>`;
  }
}
