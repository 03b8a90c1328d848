// Message catalogues and the language choice.
//
// The language is, in order: the user's remembered switch (localStorage
// "stafett.lang"; a preference, not a secret), the browser's languages
// (navigator.languages, which is what Accept-Language carries), bokmål.
// Catalogues are web/i18n/{nb,nn,se,en}.json with the same keys; a missing
// key falls back to bokmål and then to the key itself, and
// tests/e2e/i18n_test.mjs fails when any catalogue lacks a key.
//
// Text from the routine file (step titles, outcome and field labels) is a
// string or a map language -> text; pick() chooses from it the same way.

export const LANGUAGES = ['nb', 'nn', 'se', 'en'];
const STORAGE_KEY = 'stafett.lang';
const catalogues = {};
let current = 'nb';

export function language() {
  return current;
}

// BCP 47 locale for Intl formatting.
export function locale() {
  return { nb: 'nb-NO', nn: 'nn-NO', se: 'se-NO', en: 'en-GB' }[current];
}

export function fromBrowser(list) {
  for (const tag of list || []) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (base === 'nb' || base === 'no') return 'nb';
    if (base === 'nn') return 'nn';
    if (base === 'se' || base === 'sme') return 'se';
    if (base === 'en') return 'en';
  }
  return 'nb';
}

export function initialLanguage() {
  let stored = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch (e) {
    stored = null;
  }
  if (LANGUAGES.includes(stored)) return stored;
  return fromBrowser(navigator.languages || [navigator.language]);
}

async function load(lang) {
  if (catalogues[lang]) return catalogues[lang];
  const res = await fetch(`/i18n/${lang}.json`, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`i18n ${lang}: ${res.status}`);
  catalogues[lang] = await res.json();
  return catalogues[lang];
}

// Loads the catalogue (and bokmål as the fallback) and makes it current.
export async function useLanguage(lang, remember = false) {
  if (!LANGUAGES.includes(lang)) lang = 'nb';
  await Promise.all([load('nb'), load(lang)]);
  current = lang;
  document.documentElement.lang = lang;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch (e) {
      /* private mode: the choice lasts this page only */
    }
  }
}

// t('worklist.count', {n: 3}): "{n}" placeholders; a key ending in a
// plural form is chosen by n: "key.one" when n is 1, else "key.other".
export function t(key, vars) {
  let k = key;
  if (vars && typeof vars.n === 'number') {
    k = `${key}.${vars.n === 1 ? 'one' : 'other'}`;
  }
  const cat = catalogues[current] || {};
  let s = cat[k] ?? catalogues.nb?.[k] ?? cat[key] ?? catalogues.nb?.[key] ?? key;
  if (vars) {
    s = s.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  }
  return s;
}

// Text from the routine or the API: a plain string, or {nb, nn, se, en}.
export function pick(text, fallback = '') {
  if (text == null) return fallback;
  if (typeof text === 'string') return text;
  return text[current] || text.nb || text.en || Object.values(text)[0] || fallback;
}
