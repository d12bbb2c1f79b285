// i18next with both catalogs bundled (nothing fetched at run time). The language is the console's own state
// (the language button), remembered on the device as a preference; views get a `t` fixed to it and the locale for Intl formatting.
import i18next, { type TFunction } from 'i18next';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import en from './locales/en.json';
import fr from './locales/fr.json';

export type Lang = 'en' | 'fr';

void i18next.init({
  initAsync: false,
  lng: 'en',
  fallbackLng: false,
  resources: { en: { translation: en }, fr: { translation: fr } },
  interpolation: { escapeValue: false },
  returnEmptyString: true,
});

export function fixedT(lang: Lang): TFunction {
  return i18next.getFixedT(lang);
}

export const LOCALES: Record<Lang, string> = { en: 'en-CA', fr: 'fr-CA' };

export interface LangContextValue {
  lang: Lang;
  t: TFunction;
}

export const LangContext = createContext<LangContextValue>({ lang: 'en', t: fixedT('en') });

export function useT(): LangContextValue {
  return useContext(LangContext);
}

const LANG_KEY = 'guichet.console.lang';

/** The language last chosen on this device (a preference, not a secret), else the browser's, else English. */
export function preferredLang(): Lang {
  try {
    const chosen = localStorage.getItem(LANG_KEY);
    if (chosen === 'en' || chosen === 'fr') return chosen;
  } catch {
    // Storage refused (private mode, policy): fall back to the browser's languages.
  }
  return navigator.languages.some((l) => l.toLowerCase().startsWith('fr')) ? 'fr' : 'en';
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Not remembered: the button still works for this visit.
  }
}
