// A plain textarea for a routine's YAML, with line numbers beside it and
// the caret's line and column below it. No editor library: the textarea is
// what every browser, screen reader and keyboard already knows. Tab leaves
// the field as everywhere else (indent with spaces).
//
// goToLine(id, line, column) moves the caret of the editor with that id
// there (1-based, columns in characters), scrolls the line into view and
// focuses the field: what a diagnostic's button calls. (By the element's
// id rather than a ref to the component: Preact 11 passes `ref` to
// components as a prop.)
import { html, Component, createRef } from '../../html.js';
import { t } from '../../i18n.js';

// The 1-based line and column of offset `pos` in `text`.
export function lineColumn(text, pos) {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

// The offset of (line, column) in `text`, clamped to the line's end.
export function offsetOf(text, line, column) {
  const lines = text.split('\n');
  const l = Math.min(Math.max(1, line), lines.length);
  let off = 0;
  for (let i = 0; i < l - 1; i++) off += lines[i].length + 1;
  return off + Math.min(Math.max(0, (column || 1) - 1), lines[l - 1].length);
}

export function goToLine(id, line, column) {
  const el = document.getElementById(id);
  if (!el) return;
  const off = offsetOf(el.value, line, column);
  el.focus();
  el.setSelectionRange(off, off);
  const lh = parseFloat(getComputedStyle(el).lineHeight) || 20;
  el.scrollTop = Math.max(0, (line - 1) * lh - el.clientHeight / 3);
  // The gutter follows (scroll event) and the line/column below (select).
  el.dispatchEvent(new Event('scroll'));
  el.dispatchEvent(new Event('select'));
  el.scrollIntoView({ block: 'nearest' });
}

export class YamlEditor extends Component {
  constructor() {
    super();
    this.area = createRef();
    this.gutter = createRef();
    this.state = { line: 1, column: 1 };
    this.track = () => {
      const el = this.area.current;
      if (!el) return;
      const p = lineColumn(el.value, el.selectionStart);
      if (p.line !== this.state.line || p.column !== this.state.column) this.setState(p);
    };
  }

  syncScroll() {
    if (this.gutter.current && this.area.current) this.gutter.current.scrollTop = this.area.current.scrollTop;
  }

  render({ id, value, onInput, onSubmit, describedBy, invalid, marks }) {
    const count = Math.max(1, value.split('\n').length);
    // Line numbers, the lines with a problem marked (the list of problems
    // says what; the mark shows where, beside the text).
    const marked = new Set(marks || []);
    let plain = '';
    const numbers = [];
    for (let i = 1; i <= count; i++) {
      if (marked.has(i)) {
        numbers.push(plain, html`<span class="gutter-mark">${i}</span>`);
        plain = '';
      } else {
        plain += String(i);
      }
      if (i < count) plain += '\n';
    }
    numbers.push(plain);
    return html`<div class="yaml-editor">
      <div class="yaml-frame" data-invalid=${invalid ? '' : undefined}>
        <pre class="yaml-gutter" aria-hidden="true" ref=${this.gutter}>${numbers}</pre>
        <textarea
          id=${id}
          ref=${this.area}
          class="yaml-area"
          spellcheck="false"
          autocomplete="off"
          autocapitalize="off"
          wrap="off"
          rows="24"
          aria-describedby=${`${id}-position ${describedBy || ''}`.trim()}
          aria-invalid=${invalid ? 'true' : undefined}
          value=${value}
          onInput=${(e) => {
            onInput(e.currentTarget.value);
            this.track();
          }}
          onKeyUp=${this.track}
          onClick=${this.track}
          onSelect=${this.track}
          onFocus=${this.track}
          onScroll=${() => this.syncScroll()}
          onKeyDown=${(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && onSubmit) {
              e.preventDefault();
              onSubmit();
            }
          }}
        ></textarea>
      </div>
      <p class="yaml-position muted" id=${`${id}-position`}>${t('admin.editor.position', { line: this.state.line, column: this.state.column })}</p>
    </div>`;
  }
}
