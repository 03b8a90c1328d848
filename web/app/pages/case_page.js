// One case: the header, what may be done now (and what not, and why),
// "Meld til barnevernet", the time bar and the stafettlogg.
//
// Commands carry If-Match with the version the user read. A 412 (someone
// else changed the case, or a deadline fired) is not a dead end: the page
// reloads the case and its log, says what changed, and keeps every draft
// the user typed; an action that is no longer possible shows its text so
// that nothing is lost.
import { html, Component, createRef } from '../html.js';
import { t, pick } from '../i18n.js';
import { get, post } from '../api.js';
import { problemText } from '../problems.js';
import { normaliseActions, commandBody, missingFields } from '../actions.js';
import { caseChanges } from '../case_diff.js';
import { stepTitle, loadRoutine } from '../store.js';
import { CaseHeader } from '../components/case_header.js';
import { ActionPanel } from '../components/action_panel.js';
import { BlockedList } from '../components/blocked_list.js';
import { ReportChildWelfare } from '../components/report_child_welfare.js';
import { VisitBar } from '../components/visit_bar.js';
import { CaseTimeline } from '../components/case_timeline.js';

// The form field a problem's `field` names: "fields.observation" ->
// "observation", "reason" -> "reason", "services[1]" -> "services".
function fieldOf(problemField) {
  if (!problemField) return null;
  return problemField.replace(/^fields\./, '').replace(/\[\d+\]$/, '');
}

export class CasePage extends Component {
  constructor() {
    super();
    this.state = {
      kase: null, log: null, routine: null, loadError: null, gone: false,
      open: null, drafts: {}, errors: {}, general: null, busy: false,
      notice: null, orphans: [], cwBusy: false, cwError: null,
    };
    this.noticeRef = createRef();
  }

  componentDidMount() {
    this.load();
  }

  async load() {
    const id = encodeURIComponent(this.props.id);
    try {
      const [c, l] = await Promise.all([get(`/api/v1/cases/${id}`), get(`/api/v1/cases/${id}/log`)]);
      const routine = (await loadRoutine(c.data.routine && c.data.routine.id).catch(() => null)) || this.props.routine;
      this.setState({ kase: c.data, log: l.data, routine, loadError: null });
      return { kase: c.data, routine };
    } catch (e) {
      this.setState({ loadError: e });
      return null;
    }
  }

  // setState is not synchronous: callers that just loaded pass what they got.
  actions(kase = this.state.kase, routine = this.state.routine) {
    if (!kase) return [];
    return normaliseActions(kase, routine || this.props.routine, this.props.session).map((a) => ({
      ...a,
      toTitle: a.to_title ? pick(a.to_title) : a.to ? stepTitle(routine, a.to) : null,
    }));
  }

  setDraft(key, name, value) {
    const drafts = { ...this.state.drafts, [key]: { ...(this.state.drafts[key] || {}), [name]: value } };
    const errors = { ...this.state.errors };
    if (errors[key] && errors[key][name]) errors[key] = { ...errors[key], [name]: undefined };
    this.setState({ drafts, errors });
  }

  showNotice(notice) {
    this.setState({ notice }, () => this.noticeRef.current && this.noticeRef.current.focus());
  }

  async submit(action) {
    const values = this.state.drafts[action.key] || {};
    const missing = missingFields(action, values);
    if (Object.keys(missing).length) {
      this.setState({ errors: { ...this.state.errors, [action.key]: missing }, general: t('form.fix_fields') });
      return;
    }
    const before = this.state.kase;
    this.setState({ busy: true, general: null });
    try {
      const { data } = await post(`/api/v1/cases/${encodeURIComponent(before.id)}/commands`, commandBody(action, values), {
        ifMatch: before.version,
        idempotent: true,
      });
      const drafts = { ...this.state.drafts };
      delete drafts[action.key];
      if (data && data.visible === false) {
        this.setState({ busy: false, drafts, open: null, gone: true });
        return;
      }
      this.setState({ busy: false, drafts, open: null, errors: {}, kase: data });
      await this.load();
      this.showNotice({ kind: 'done', text: t('notice.done', { action: action.label }) });
    } catch (e) {
      await this.failed(e, action, before);
    }
  }

  async failed(e, action, before) {
    if (e.status === 412) {
      const loaded = await this.load();
      const after = loaded && loaded.kase;
      const actions = loaded ? this.actions(loaded.kase, loaded.routine) : [];
      const stillOpen = actions.some((a) => a.key === action.key);
      const orphans = stillOpen ? this.state.orphans : [...this.state.orphans, { label: action.label, values: this.state.drafts[action.key] || {}, fields: action.requires }];
      this.setState({ busy: false, open: stillOpen ? action.key : null, orphans });
      this.showNotice({ kind: 'changed', items: caseChanges(before, after, (loaded && loaded.routine) || this.props.routine), stillOpen });
      return;
    }
    const field = fieldOf(e.field);
    if (e.status === 422 && field && action.requires.some((f) => f.name === field)) {
      this.setState({ busy: false, errors: { ...this.state.errors, [action.key]: { [field]: problemText(e) } }, general: t('form.fix_fields') });
      return;
    }
    this.setState({ busy: false, general: problemText(e) });
    if (e.status === 409) await this.load();
  }

  async report() {
    const kase = this.state.kase;
    this.setState({ cwBusy: true, cwError: null });
    try {
      const { data } = await post(`/api/v1/cases/${encodeURIComponent(kase.id)}/commands`, { type: 'report_child_welfare' }, { idempotent: true });
      this.setState({ cwBusy: false });
      if (data && data.visible === false) {
        this.setState({ gone: true });
        return;
      }
      await this.load();
      this.showNotice({ kind: 'done', text: t('cw.done') });
    } catch (e) {
      this.setState({ cwBusy: false, cwError: problemText(e) });
    }
  }

  renderNotice() {
    const { notice } = this.state;
    if (!notice) return null;
    if (notice.kind === 'done') {
      return html`<div class="ds-alert notice" data-color="success" tabindex="-1" ref=${this.noticeRef}><p>${notice.text}</p></div>`;
    }
    return html`<div class="ds-alert notice" data-color="warning" tabindex="-1" ref=${this.noticeRef}>
      <h2 class="ds-heading" data-size="xs">${t('changed.title')}</h2>
      <ul class="ds-list">${notice.items.map((s) => html`<li>${s}</li>`)}</ul>
      <p>${notice.stillOpen ? t('changed.kept') : t('changed.kept_gone')}</p>
    </div>`;
  }

  renderOrphans() {
    const { orphans } = this.state;
    if (!orphans.length) return null;
    return html`<div class="orphans ds-card">
      <h3 class="ds-heading" data-size="xs">${t('orphans.title')}</h3>
      ${orphans.map(
        (o) => html`<div class="orphan"><p><strong>${o.label}</strong></p>
          <dl class="log-fields">${Object.entries(o.values).map(([k, v]) => {
            const f = o.fields.find((x) => x.name === k);
            return html`<div><dt>${f ? f.label : k}</dt><dd>${Array.isArray(v) ? v.join(', ') : String(v)}</dd></div>`;
          })}</dl></div>`,
      )}
      <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" onClick=${() => this.setState({ orphans: [] })}>${t('orphans.dismiss')}</button>
    </div>`;
  }

  render() {
    const { kase, log, loadError, gone, open, drafts, errors, general, busy, cwBusy, cwError } = this.state;
    const routine = this.state.routine || this.props.routine;
    if (gone) {
      return html`<div><h1>${t('case.gone.title')}</h1><p>${t('case.gone.body')}</p><p><a class="ds-link" href="#/">${t('nav.worklist')}</a></p></div>`;
    }
    if (loadError && !kase) {
      const missing = loadError.status === 404;
      return html`<div><h1>${missing ? t('case.missing.title') : t('case.error.title')}</h1>
        <p>${missing ? t('case.missing.body') : problemText(loadError)}</p>
        <p><a class="ds-link" href="#/">${t('nav.worklist')}</a></p></div>`;
    }
    if (!kase) return html`<p role="status">${t('common.loading')}</p>`;
    const actions = this.actions();
    return html`<div class="case-page">
      <p class="back"><a class="ds-link" href="#/">← ${t('nav.back_worklist')}</a></p>
      <${CaseHeader} kase=${kase} routine=${routine} />
      <div aria-live="polite">${this.renderNotice()}</div>
      <div class="case-grid">
        <section class="section case-actions" aria-labelledby="actions-heading">
          <h2 id="actions-heading" class="ds-heading" data-size="sm">${t('actions.title')}</h2>
          ${this.renderOrphans()}
          <${ActionPanel} actions=${actions} open=${open} drafts=${drafts} errors=${errors} general=${general} busy=${busy} routine=${routine}
            onOpen=${(key) => this.setState({ open: key, general: null })}
            onChange=${(key, name, v) => this.setDraft(key, name, v)}
            onSubmit=${(a) => this.submit(a)}
            onCancel=${() => this.setState({ open: null, general: null })} />
          <${BlockedList} blocked=${kase.blocked} routine=${routine} stepId=${kase.step} />
        </section>
        <aside class="case-side">
          <${ReportChildWelfare} kase=${kase} busy=${cwBusy} error=${cwError} onReport=${() => this.report()} />
        </aside>
      </div>
      <section class="section" aria-labelledby="visits-heading">
        <h2 id="visits-heading" class="ds-heading" data-size="sm">${t('visits.title')}</h2>
        <${VisitBar} visits=${log && log.visits} routine=${routine} />
      </section>
      <section class="section" aria-labelledby="log-heading">
        <h2 id="log-heading" class="ds-heading" data-size="sm">${t('log.title')}</h2>
        <${CaseTimeline} log=${log} routine=${routine} />
      </section>
    </div>`;
  }
}
