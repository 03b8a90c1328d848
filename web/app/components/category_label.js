// A concern category in the user's language; unknown ones as written.
import { t } from '../i18n.js';

export function categoryLabel(c) {
  const key = `category.${c}`;
  const s = t(key);
  return s === key ? c : s;
}
