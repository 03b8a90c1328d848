// Development sign-in: pick a tenant, a service and a role, like
// `stafett token`. The server offers it only on a loopback listener with
// the development secret (GET /auth/dev/options answers 404 otherwise);
// the answer is a session cookie the app never reads.
import { html, Component } from '../html.js';
import { t, pick } from '../i18n.js';
import { get, post } from '../api.js';
import { ErrorSummary } from '../components/error_summary.js';

export class SignInPage extends Component {
  constructor() {
    super();
    this.state = { options: null, unavailable: false, tenant: '', service: '', role: 'worker', error: null, busy: false };
  }

  async componentDidMount() {
    try {
      const { data } = await get('/auth/dev/options', { quiet401: true });
      const tenant = data.tenants[0];
      this.setState({
        options: data,
        tenant: tenant ? tenant.id : '',
        service: tenant && tenant.services[0] ? tenant.services[0].id : '',
        role: (data.roles || []).includes('worker') ? 'worker' : (data.roles || [])[0],
      });
    } catch (e) {
      this.setState({ unavailable: true });
    }
  }

  tenant() {
    const { options, tenant } = this.state;
    return options && options.tenants.find((x) => x.id === tenant);
  }

  setTenant(id) {
    const tn = this.state.options.tenants.find((x) => x.id === id);
    this.setState({ tenant: id, service: tn && tn.services[0] ? tn.services[0].id : '' });
  }

  async submit(ev) {
    ev.preventDefault();
    const { tenant, service, role } = this.state;
    this.setState({ busy: true, error: null });
    try {
      await post('/auth/dev/login', { tenant, service, role }, { quiet401: true });
      this.props.onSignedIn();
    } catch (e) {
      this.setState({ busy: false, error: e });
    }
  }

  render() {
    const { options, unavailable, tenant, service, role, error, busy } = this.state;
    const signedIn = this.props.session;
    if (unavailable) {
      return html`<div class="narrow">
        <h1>${t('signin.title')}</h1>
        <div class="ds-alert" data-color="info"><p>${t('signin.unavailable')}</p></div>
      </div>`;
    }
    if (!options) return html`<p role="status">${t('common.loading')}</p>`;
    const tn = this.tenant();
    const errors = error ? [{ id: error.field ? `signin-${error.field}` : 'signin-tenant', text: error.message }] : [];
    return html`<div class="narrow">
      <h1>${t('signin.title')}</h1>
      <p class="lead">${t('signin.intro')}</p>
      ${signedIn && html`<p>${t('signin.already')}</p>`}
      <${ErrorSummary} errors=${errors} />
      <form class="stack" onSubmit=${(e) => this.submit(e)} novalidate>
        <div class="ds-field">
          <label class="ds-label" for="signin-tenant">${t('signin.tenant')}</label>
          <select class="ds-input" id="signin-tenant" value=${tenant} onChange=${(e) => this.setTenant(e.currentTarget.value)}>
            ${options.tenants.map((x) => html`<option value=${x.id} selected=${x.id === tenant}>${pick(x.title, x.id)}</option>`)}
          </select>
        </div>
        <div class="ds-field">
          <label class="ds-label" for="signin-service">${t('signin.service')}</label>
          <select class="ds-input" id="signin-service" value=${service} onChange=${(e) => this.setState({ service: e.currentTarget.value })}>
            ${(tn ? tn.services : []).map((x) => html`<option value=${x.id} selected=${x.id === service}>${pick(x.name, x.id)}</option>`)}
          </select>
        </div>
        <div class="ds-field">
          <label class="ds-label" for="signin-role">${t('signin.role')}</label>
          <select class="ds-input" id="signin-role" value=${role} onChange=${(e) => this.setState({ role: e.currentTarget.value })}>
            ${(options.roles || []).map((r) => html`<option value=${r} selected=${r === role}>${t(`role.${r}`)}</option>`)}
          </select>
        </div>
        <div>
          <button type="submit" class="ds-button" data-variant="primary" disabled=${busy} aria-disabled=${busy}>${t('signin.submit')}</button>
        </div>
      </form>
    </div>`;
  }
}
