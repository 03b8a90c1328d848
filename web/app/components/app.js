// The shell: skip link, top bar (navigation, who is signed in, language),
// and the page for the current hash route. Owns the session and the
// language; pages get what they need as props.
import { html, Component } from '../html.js';
import { t, language, useLanguage } from '../i18n.js';
import { parseRoute, navigate } from '../router.js';
import { loadSession, forgetSession, loadRoutine, serviceName } from '../store.js';
import { post } from '../api.js';
import { TopBar } from './top_bar.js';
import { SignInPage } from '../pages/signin_page.js';
import { WorklistPage } from '../pages/worklist_page.js';
import { NewConcernPage } from '../pages/new_concern_page.js';
import { CasePage } from '../pages/case_page.js';
import { RoutinePage } from '../pages/routine_page.js';
import { DashboardPage } from '../pages/dashboard_page.js';
import { canWorkCases, canReadReports, homeFor } from '../roles.js';
import { AdminPage, adminTitle } from '../pages/admin_pages.js';
import { isAdminRoute } from '../admin_routes.js';

export class App extends Component {
  constructor() {
    super();
    this.state = { route: parseRoute(location.hash) || { name: 'worklist' }, session: undefined, routine: null, lang: language() };
    this.onHash = () => {
      const route = parseRoute(location.hash);
      if (route) this.setState({ route }, () => this.focusMain());
    };
    this.onSignedOut = () => {
      forgetSession();
      this.setState({ session: null, routine: null });
      if (parseRoute(location.hash)?.name !== 'signin') navigate('/signin');
    };
  }

  componentDidMount() {
    window.addEventListener('hashchange', this.onHash);
    window.addEventListener('stafett:signed-out', this.onSignedOut);
    this.refreshSession();
  }

  componentWillUnmount() {
    window.removeEventListener('hashchange', this.onHash);
    window.removeEventListener('stafett:signed-out', this.onSignedOut);
  }

  async refreshSession() {
    let session = null;
    try {
      session = await loadSession();
    } catch (e) {
      session = null;
    }
    let routine = null;
    if (session) {
      try {
        routine = await loadRoutine();
      } catch (e) {
        routine = null;
      }
    }
    this.setState({ session, routine });
    if (!session && this.state.route.name !== 'signin') navigate('/signin');
  }

  // After a route change, focus the page's heading so that a screen reader
  // announces the new page and the keyboard starts from the top of it.
  focusMain() {
    requestAnimationFrame(() => {
      const h1 = document.querySelector('main h1');
      if (h1) {
        h1.setAttribute('tabindex', '-1');
        h1.focus({ preventScroll: false });
      }
    });
  }

  async setLanguage(lang) {
    await useLanguage(lang, true);
    this.setState({ lang });
  }

  async signOut() {
    try {
      await post('/auth/logout', undefined, { quiet401: true });
    } catch (e) {
      /* already gone */
    }
    forgetSession();
    this.setState({ session: null, routine: null });
    navigate('/signin');
  }

  skipToMain(ev) {
    ev.preventDefault();
    const main = document.getElementById('main');
    if (main) main.focus();
  }

  page() {
    const { route, session, routine } = this.state;
    if (session === undefined) return html`<p class="loading" role="status">${t('common.loading')}</p>`;
    if (route.name === 'signin' || !session) {
      return html`<${SignInPage} session=${session} onSignedIn=${() => this.refreshSession().then(() => navigate(homeFor(this.state.session?.role)))} />`;
    }
    const props = { session, routine, lang: this.state.lang };
    // The administrator's pages (pages/admin_pages.js refuses other roles);
    // an administrator starts on the routines, having no worklist.
    if (isAdminRoute(route)) return html`<${AdminPage} route=${route} ...${props} />`;
    if (session.role === 'admin' && route.name === 'worklist') return html`<${AdminPage} route=${{ name: 'admin.routines' }} ...${props} />`;
    // What a role may not use is not offered (top_bar.js) and, reached by
    // its address, says so; the server refuses it either way.
    if (route.name === 'dashboard') {
      if (canReadReports(session.role)) return html`<${DashboardPage} ...${props} route=${route} />`;
      return html`<div><h1>${t('dash.forbidden.title')}</h1><p>${t('dash.forbidden.body')}</p>
        <p><a class="ds-link" href=${`#${homeFor(session.role)}`}>${t('nav.worklist')}</a></p></div>`;
    }
    if (!canWorkCases(session.role) && route.name === 'worklist' && canReadReports(session.role)) {
      location.replace('#/dashboard');
      return html`<p class="loading" role="status">${t('common.loading')}</p>`;
    }
    if (!canWorkCases(session.role) && route.name !== 'routine') {
      return html`<div><h1>${t('role.no_cases.title')}</h1><p>${t('role.no_cases.body')}</p>
        <p><a class="ds-link" href=${`#${homeFor(session.role)}`}>${t(canReadReports(session.role) ? 'dash.nav' : 'nav.routine')}</a></p></div>`;
    }
    switch (route.name) {
      case 'worklist':
        return html`<${WorklistPage} ...${props} />`;
      case 'new':
        return html`<${NewConcernPage} ...${props} />`;
      case 'case':
        return html`<${CasePage} key=${route.id} id=${route.id} ...${props} />`;
      case 'routine':
        return html`<${RoutinePage} ...${props} step=${route.step} />`;
      default:
        return html`<div><h1>${t('notfound.title')}</h1><p><a class="ds-link" href="#/">${t('nav.worklist')}</a></p></div>`;
    }
  }

  render() {
    const { session, routine, route } = this.state;
    document.title = `${t(route.title || `title.${route.name}`)} – Stafett`;
    if (isAdminRoute(route) || (session && session.role === 'admin' && route.name === 'worklist')) document.title = `${adminTitle(route)} – Stafett`;
    return html`
      <a class="ds-skip-link" href="#main" onClick=${(e) => this.skipToMain(e)}>${t('nav.skip')}</a>
      <${TopBar}
        session=${session}
        serviceLabel=${session ? serviceName(routine, session.service) : ''}
        route=${route.name}
        lang=${this.state.lang}
        onLanguage=${(l) => this.setLanguage(l)}
        onSignOut=${() => this.signOut()}
      />
      <main id="main" tabindex="-1" class="page">${this.page()}</main>
      <footer class="footer"><p>${t('footer.anonymous')}</p></footer>`;
  }
}
