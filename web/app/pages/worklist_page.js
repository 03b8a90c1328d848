// The worklist: the cases this service may see, by deadline, with the
// baton offers waiting for it on top, a lookup by reference and filters.
import { html, Component } from '../html.js';
import { t } from '../i18n.js';
import { fetchWorklist, offersFor } from '../worklist.js';
import { serviceName } from '../store.js';
import { problemText } from '../problems.js';
import { ReferenceLookup } from '../components/reference_lookup.js';
import { BatonOffers } from '../components/baton_offers.js';
import { WorklistFilters } from '../components/worklist_filters.js';
import { WorklistTable } from '../components/worklist_table.js';

// Rows shown at first and added by "show more": the list is sorted by
// deadline, so the first hundred are the urgent ones, and a page of a
// hundred rows lays out fast even on a slow machine; filters and the count
// always cover every case.
const PAGE = 100;

export class WorklistPage extends Component {
  constructor() {
    super();
    this.state = { filters: { status: 'open', step: '', level: '', overdue: false }, items: null, offers: [], error: null, loading: true, shown: PAGE };
    this.seq = 0;
  }

  componentDidMount() {
    this.load(this.state.filters, true);
  }

  async load(filters, withOffers) {
    const seq = ++this.seq;
    this.setState({ loading: true, error: null });
    try {
      const items = await fetchWorklist(filters);
      if (seq !== this.seq) return;
      const next = { items, loading: false, shown: PAGE };
      // Offers are open cases with any step and level: read them from the
      // unfiltered list.
      if (withOffers) next.offers = offersFor(items, this.props.session.service);
      this.setState(next, () => {
        window.stafettWorklistRendered = performance.now();
      });
    } catch (e) {
      if (seq === this.seq) this.setState({ error: e, loading: false });
    }
  }

  setFilters(filters) {
    this.setState({ filters });
    const unfiltered = filters.status === 'open' && !filters.step && filters.level === '' && !filters.overdue;
    this.load(filters, unfiltered);
  }

  render({ session, routine }) {
    const { filters, items, offers, error, loading, shown } = this.state;
    return html`<div>
      <h1>${t('worklist.title')}</h1>
      <p class="lead">${t('worklist.intro', { service: serviceName(routine, session.service) })}</p>
      <div class="worklist-tools">
        <${ReferenceLookup} />
        <p><a class="ds-button" data-variant="secondary" href="#/new">${t('nav.new')}</a></p>
      </div>
      <${BatonOffers} offers=${offers} routine=${routine} />
      <section aria-labelledby="cases-heading" class="section">
        <h2 id="cases-heading" class="ds-heading" data-size="sm">${t('worklist.cases')}</h2>
        <${WorklistFilters} routine=${routine} filters=${filters} onChange=${(f) => this.setFilters(f)} />
        <div role="status" class="status-line">
          ${loading ? t('common.loading') : items ? t('worklist.count', { n: items.length }) : ''}
        </div>
        ${error && html`<div class="ds-alert" data-color="danger"><p>${problemText(error)}</p></div>`}
        ${items && html`<${WorklistTable} items=${items.slice(0, shown)} routine=${routine} />`}
        ${items && items.length > shown &&
        html`<p class="show-more">
          <span class="muted">${t('worklist.showing', { shown, total: items.length })}</span>
          <button type="button" class="ds-button" data-variant="secondary" onClick=${() => this.setState({ shown: shown + PAGE })}>
            ${t('worklist.show_more', { count: Math.min(PAGE, items.length - shown) })}
          </button>
        </p>`}
      </section>
    </div>`;
  }
}
