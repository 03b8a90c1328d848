// The PII guard as the user types: POST /api/v1/pii/check answers the
// findings (kind, UTF-16 offsets, a message per language) and stores
// nothing. Calls are debounced and only the newest answer counts.
import { post } from './api.js';

export class PiiChecker {
  constructor(onFindings, delayMs = 350) {
    this.onFindings = onFindings;
    this.delayMs = delayMs;
    this.timer = null;
    this.seq = 0;
    this.available = true;
  }

  check(text) {
    clearTimeout(this.timer);
    if (!this.available) return;
    if (!text.trim()) {
      this.seq++;
      this.onFindings(text, []);
      return;
    }
    this.timer = setTimeout(() => this.run(text), this.delayMs);
  }

  async run(text) {
    const seq = ++this.seq;
    try {
      const { data } = await post('/api/v1/pii/check', { text });
      if (seq === this.seq) this.onFindings(text, (data && data.findings) || []);
    } catch (e) {
      // No live check on a server without the route; the submit still
      // gets the guard's 422.
      if (e.status === 404 || e.status === 405) this.available = false;
    }
  }

  stop() {
    clearTimeout(this.timer);
    this.seq++;
  }
}

// Splits text into [{text, finding|null}] around the findings' spans.
export function splitBySpans(text, findings) {
  const spans = [...findings].filter((f) => f.start < f.end).sort((a, b) => a.start - b.start);
  const out = [];
  let at = 0;
  for (const f of spans) {
    const start = Math.max(f.start, at);
    if (start > at) out.push({ text: text.slice(at, start), finding: null });
    if (f.end > start) out.push({ text: text.slice(start, f.end), finding: f });
    at = Math.max(at, f.end);
  }
  if (at < text.length) out.push({ text: text.slice(at), finding: null });
  return out;
}
