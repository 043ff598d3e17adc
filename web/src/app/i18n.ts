import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Translations live in web/src/locales/<lang>/<namespace>.json — one namespace per
 * module, picked up here by file name, so a new module only adds its own files.
 * Use them as t('org:sites.title') or useTranslation('org') + t('sites.title').
 */
export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'houqin.lang';

type Resources = Record<string, Record<string, Record<string, unknown>>>;
const files = import.meta.glob<{ default: Record<string, unknown> }>('../locales/*/*.json', { eager: true });
const resources: Resources = {};
for (const [file, mod] of Object.entries(files)) {
  const match = file.match(/locales\/([^/]+)\/([^/]+)\.json$/);
  if (!match) continue;
  const [, lang, ns] = match as [string, string, string];
  resources[lang] ??= {};
  resources[lang][ns] = mod.default;
}
export const namespaces = [...new Set(Object.values(resources).flatMap((r) => Object.keys(r)))];

function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  } catch {
    // storage unavailable: fall through to the default
  }
  return 'zh-CN';
}

function applyDayjs(lang: string): void {
  dayjs.locale(lang.startsWith('zh') ? 'zh-cn' : 'en');
  document.documentElement.lang = lang;
}

const lng = initialLanguage();
void i18n.use(initReactI18next).init({
  resources,
  lng,
  fallbackLng: 'zh-CN',
  ns: namespaces,
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyDayjs(lng);

export async function changeLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // keep the choice for this tab only
  }
  applyDayjs(lang);
  await i18n.changeLanguage(lang);
}

export default i18n;
