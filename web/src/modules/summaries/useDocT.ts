import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SummaryLang } from '../../../../contracts/reports';

/**
 * The texts printed in the document (table headings, 上期, 去年同期) follow the language of
 * the document shown, not the interface's: a Chinese reader may check the English
 * version and see it as it will be exported.
 */
export function useDocT(lang: SummaryLang): TFunction<'summaries'> {
  const { i18n } = useTranslation('summaries');
  return i18n.getFixedT(lang === 'en' ? 'en-US' : 'zh-CN', 'summaries');
}
