// What an API error says to a person, in their language.
//
// The API's problem details are in bokmål and name the exact field and
// cause; they are shown as they are to bokmål readers. Other languages get
// the catalogue's sentence for the problem code (problem.<code>), which is
// less specific but readable.
import { t, language, pick } from './i18n.js';

export function problemText(e) {
  if (!e) return '';
  const body = e.body || {};
  if (body.message && typeof body.message === 'object') return pick(body.message);
  const key = `problem.${e.code || 'unknown'}`;
  const translated = t(key);
  if (language() === 'nb' && (body.detail || body.title)) return body.detail || body.title;
  if (translated !== key) return translated;
  if (e.status === 0) return t('problem.network');
  return body.detail || body.title || t('problem.unknown');
}
