// The month-by-month trend of the on-time share, drawn with uPlot (served
// from our origin under /vendor/uplot/, loaded only on this page). A month
// whose share may not be shown is a gap in the line (null), never a point.
// The data drawn is also on the element (data-series) for the tests; the
// table beside the chart carries the same figures for screen readers.
import { html, Component, createRef } from '../html.js';

let uplotModule = null;
function loadUplot() {
  if (!uplotModule) {
    if (!document.querySelector('link[data-uplot]')) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = '/vendor/uplot/dist/uPlot.min.css';
      link.dataset.uplot = '1';
      document.head.appendChild(link);
    }
    uplotModule = import('/vendor/uplot/dist/uPlot.esm.js').then((m) => m.default);
  }
  return uplotModule;
}

// points: [{month: "YYYY-MM", value: number|null}]; monthLabel(ym) -> text.
export class TrendChart extends Component {
  constructor() {
    super();
    this.box = createRef();
    this.plot = null;
    this.onResize = () => this.resize();
  }

  componentDidMount() {
    window.addEventListener('resize', this.onResize);
    this.draw();
  }

  // The parent renders again on every change of its form: draw only when
  // the figures or the language changed.
  componentDidUpdate() {
    if (this.drawnFor !== this.signature()) this.draw();
  }

  signature() {
    return `${this.props.lang}|${JSON.stringify(this.props.points)}`;
  }

  componentWillUnmount() {
    clearTimeout(this.resizeTimer);
    window.removeEventListener('resize', this.onResize);
    if (this.plot) this.plot.destroy();
  }

  width() {
    const el = this.box.current;
    return Math.max(240, Math.min(900, (el && el.clientWidth) || 600));
  }

  // A new width may need other month labels: draw again.
  resize() {
    clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => this.draw(), 150);
  }

  async draw() {
    this.drawnFor = this.signature();
    const UPlot = await loadUplot();
    const el = this.box.current;
    if (!el) return;
    if (this.plot) this.plot.destroy();
    const { points, monthLabel, seriesLabel } = this.props;
    const xs = points.map((_, i) => i);
    const ys = points.map((p) => (typeof p.value === 'number' ? p.value : null));
    el.dataset.series = JSON.stringify(points.map((p, i) => [p.month, ys[i]]));
    // On a narrow screen every k-th month is named, so labels never overlap.
    const width = this.width();
    const every = Math.max(1, Math.ceil((points.length * 72) / Math.max(1, width - 70)));
    const opts = {
      width,
      height: 260,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, Math.max(0.5, xs.length - 0.5)] }, y: { range: [0, 100] } },
      axes: [
        {
          values: (u, splits) => splits.map((v) => (Number.isInteger(v) && points[v] && v % every === 0 ? monthLabel(points[v].month) : '')),
          splits: () => xs,
          stroke: '#1f2933',
          grid: { show: false },
        },
        { values: (u, splits) => splits.map((v) => `${v} %`), stroke: '#1f2933', size: 56, grid: { stroke: '#d5dae1' } },
      ],
      series: [{}, { label: seriesLabel, stroke: '#1e5a8c', width: 3, spanGaps: false, points: { size: 9, fill: '#1e5a8c' } }],
    };
    this.plot = new UPlot(opts, [xs, ys], el);
  }

  render({ label }) {
    return html`<figure class="trend-chart" role="img" aria-label=${label}><div ref=${this.box} class="trend-box"></div></figure>`;
  }
}
