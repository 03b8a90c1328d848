// The routine editor: paste or write a draft (YAML), check it on the
// server, see each problem at its line and column (a button puts the caret
// there), the difference from the current version and the open cases in
// the steps that change; then publish, and move open cases to the new
// version (migrate_panel.js: a dry run first, then a confirmation).
//
// Publishing needs a check of exactly the text in the field that found it
// publishable: editing after a check asks for a new one.
import { html, Component } from '../html.js';
import { t, language } from '../i18n.js';
import { problemText } from '../problems.js';
import { checkDraft, publishDraft, routineVersion, routinesWithVersions } from '../admin_api.js';
import { AdminNav } from '../components/admin/admin_nav.js';
import { YamlEditor, goToLine } from '../components/admin/yaml_editor.js';
import { DiagnosticsList } from '../components/admin/diagnostics_list.js';
import { DraftDiff } from '../components/admin/draft_diff.js';
import { MigratePanel } from '../components/admin/migrate_panel.js';
import { stepTitle } from '../store.js';

export class AdminEditorPage extends Component {
  constructor(props) {
    super(props);
    this.state = {
      text: '',
      check: null, // the server's answer
      checkedText: null, // the text it answered for
      checking: false,
      error: null,
      publishing: false,
      published: null, // {id, version, ...}
      publishDiagnostics: null,
      newRoutine: null, // the published version, for the migration's step names
      current: null, // the routine's current version (step names in the diff)
    };
  }

  async componentDidMount() {
    const { id } = this.props;
    if (!id) return;
    try {
      const list = await routinesWithVersions();
      const r = list.find((x) => x.id === id);
      const cur = r && r.versions.find((v) => v.current);
      const full = await routineVersion(id, cur ? cur.version : null);
      // A server that hands out the stored YAML starts the draft from it.
      const source = full.summary && typeof full.summary.source === 'string' ? full.summary.source : '';
      this.setState({ current: full, text: this.state.text || source });
    } catch (e) {
      /* the editor works without it: names then show as ids */
    }
  }

  stepName(id) {
    const r = this.state.newRoutine || this.state.current;
    return r ? stepTitle(r, id) : id;
  }

  async check() {
    const text = this.state.text;
    if (!text.trim()) {
      this.setState({ error: t('admin.editor.empty') }, () => this.focusId('editor-error'));
      return;
    }
    this.setState({ checking: true, error: null, published: null, publishDiagnostics: null });
    try {
      const check = await checkDraft(text);
      this.setState({ check, checkedText: text, checking: false }, () => this.focusId('check-heading'));
    } catch (e) {
      this.setState({ checking: false, error: problemText(e) }, () => this.focusId('editor-error'));
    }
  }

  async publish() {
    const text = this.state.checkedText;
    this.setState({ publishing: true, error: null, publishDiagnostics: null });
    try {
      const published = await publishDraft(text);
      let newRoutine = null;
      try {
        newRoutine = await routineVersion(published.id, published.version);
      } catch (e) {
        newRoutine = null;
      }
      this.setState({ publishing: false, published, newRoutine }, () => this.focusId('published'));
    } catch (e) {
      const diags = e.body && (e.body.diagnostics || (e.body.extensions && e.body.extensions.diagnostics));
      this.setState({ publishing: false, error: problemText(e), publishDiagnostics: Array.isArray(diags) ? diags : null }, () =>
        this.focusId('editor-error'),
      );
    }
  }

  focusId(id) {
    requestAnimationFrame(() => {
      const el = document.getElementById(id);
      if (el) el.focus();
    });
  }

  jump(line, column) {
    goToLine('routine-yaml', line, column);
  }

  render({ id }) {
    const { text, check, checkedText, checking, error, publishing, published, publishDiagnostics, newRoutine } = this.state;
    const fresh = check && checkedText === text;
    const diags = publishDiagnostics || (check && check.diagnostics) || [];
    const errors = diags.filter((d) => d.severity !== 'warning');
    const target = check && check.routine;
    return html`<div class="admin-page editor-page">
      <${AdminNav} current="routines" />
      <p class="back"><a class="ds-link" href="#/admin">${t('admin.version.back')}</a></p>
      <h1>${id ? t('admin.editor.heading', { id }) : t('admin.editor.title')}</h1>
      <p class="lead">${t('admin.editor.intro')}</p>
      <div class="editor-layout">
        <div class="editor-main">
          <label class="ds-label" for="routine-yaml">${t('admin.editor.label')}</label>
          <p class="field-desc" id="routine-yaml-hint">${t('admin.editor.hint')}</p>
          <${YamlEditor}
            id="routine-yaml"
            value=${text}
            describedBy="routine-yaml-hint"
            invalid=${fresh && errors.length > 0}
            marks=${fresh ? diags.map((d) => d.line) : []}
            onInput=${(v) => this.setState({ text: v })}
            onSubmit=${() => this.check()}
          />
          <p class="button-row">
            <button type="button" class="ds-button" id="check-button" disabled=${checking} onClick=${() => this.check()}>
              ${checking ? t('admin.editor.checking') : t('admin.editor.check')}
            </button>
            ${check && !fresh && html`<span class="muted" role="status">${t('admin.editor.changed_since')}</span>`}
          </p>
          ${error && html`<div class="ds-alert" data-color="danger" role="alert" id="editor-error" tabindex="-1">${error}</div>`}
          ${publishDiagnostics &&
          html`<${DiagnosticsList} diagnostics=${publishDiagnostics} text=${checkedText || text} onJump=${(l, c) => this.jump(l, c)} />`}
        </div>
        <div class="editor-side" aria-live="polite">
          ${check &&
          html`<section class="check-result ds-card" aria-labelledby="check-heading">
            <h2 class="ds-heading" data-size="sm" id="check-heading" tabindex="-1">
              ${errors.length
                ? t('admin.check.problems', { n: errors.length })
                : published
                  ? t('admin.check.published', { id: published.id, version: published.version })
                  : check.publishable
                  ? t('admin.check.publishable', { id: target ? target.id : '', version: target ? target.version : '' })
                  : t('admin.check.not_publishable')}
            </h2>
            ${check.refusal && html`<div class="ds-alert" data-color="warning">${check.refusal.detail || t('admin.check.version_exists')}</div>`}
            ${check.already_published && html`<p>${t('admin.check.already_published')}</p>`}
            ${diags.length > 0 && language() !== 'nb' && html`<p class="muted">${t('admin.diag.in_bokmal')}</p>`}
            ${diags.length > 0 && html`<${DiagnosticsList} diagnostics=${diags} text=${checkedText} onJump=${(l, c) => this.jump(l, c)} />`}
            <${DraftDiff} diff=${check.diff} affected=${check.affected} stepName=${(s) => this.stepName(s)} />
            ${fresh &&
            check.publishable &&
            !published &&
            html`<p class="button-row publish-row">
              <button type="button" class="ds-button" id="publish-button" disabled=${publishing} onClick=${() => this.publish()}>
                ${t('admin.publish.button', { id: target ? target.id : '', version: target ? target.version : '' })}
              </button>
            </p>
            <p class="muted">${t('admin.publish.note')}</p>`}
          </section>`}
          ${published &&
          html`<div class="ds-alert" data-color="success" id="published" tabindex="-1" role="status">
            <p><strong>${published.created === false ? t('admin.publish.already', { version: published.version }) : t('admin.publish.done', { version: published.version })}</strong></p>
            <p>${t('admin.publish.new_cases')}</p>
            <p><a class="ds-link" href=${`#/admin/routines/${encodeURIComponent(published.id)}/versions/${published.version}`}>${t('admin.versions.show', { version: published.version })}</a></p>
          </div>`}
          ${published &&
          html`<${MigratePanel} id=${published.id} to=${published.version} steps=${newRoutine ? newRoutine.steps || [] : []} stepName=${(s) => this.stepName(s)} />`}
        </div>
      </div>
    </div>`;
  }
}
