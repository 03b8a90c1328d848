// Talking to the Stafett API on our own origin.
//
// The session is an HttpOnly cookie the browser sends by itself; this
// module never sees a token. Unsafe calls carry X-CSRF-Token, which
// GET /auth/session hands out (setCsrfToken). Errors are thrown as a
// Problem: the problem+json body (code, field, detail, title) and the
// HTTP status, so a page can put the message beside the field it names.
// A 401 also tells the app (the "stafett:signed-out" event), which shows
// the sign-in page.

let csrfToken = null;

export function setCsrfToken(token) {
  csrfToken = token || null;
}

export class Problem extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
    this.code = this.body.code || null;
    this.field = this.body.field || null;
  }
}

function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

// request('GET', '/api/v1/cases') -> {status, data, etag}.
// opts: body (JSON), ifMatch (a version), idempotent (send an
// Idempotency-Key), quiet401 (do not announce a sign-out).
export async function request(method, path, opts = {}) {
  const headers = { Accept: 'application/json' };
  const unsafe = method !== 'GET' && method !== 'HEAD';
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (unsafe && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (opts.ifMatch != null) headers['If-Match'] = `"${opts.ifMatch}"`;
  if (opts.idempotent) headers['Idempotency-Key'] = newKey();
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    });
  } catch (e) {
    throw new Problem(0, { code: 'network' });
  }
  const type = res.headers.get('Content-Type') || '';
  let data = null;
  if (res.status !== 204 && type.includes('json')) {
    try {
      data = await res.json();
    } catch (e) {
      data = null;
    }
  }
  if (!res.ok) {
    if (res.status === 401 && !opts.quiet401) {
      window.dispatchEvent(new CustomEvent('stafett:signed-out'));
    }
    throw new Problem(res.status, data);
  }
  const etag = res.headers.get('ETag');
  return { status: res.status, data, etag };
}

export const get = (path, opts) => request('GET', path, opts);
export const post = (path, body, opts = {}) => request('POST', path, { ...opts, body });

// A POST whose body is text (a routine's YAML) rather than JSON: the same
// session, CSRF token, errors (Problem) and 401 announcement as request().
export async function postText(path, text, contentType = 'application/yaml') {
  const headers = { Accept: 'application/json', 'Content-Type': `${contentType}; charset=utf-8` };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res;
  try {
    res = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: text });
  } catch (e) {
    throw new Problem(0, { code: 'network' });
  }
  let data = null;
  if ((res.headers.get('Content-Type') || '').includes('json')) {
    try {
      data = await res.json();
    } catch (e) {
      data = null;
    }
  }
  if (!res.ok) {
    if (res.status === 401) window.dispatchEvent(new CustomEvent('stafett:signed-out'));
    throw new Problem(res.status, data);
  }
  return { status: res.status, data, etag: res.headers.get('ETag') };
}
