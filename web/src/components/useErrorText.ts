import dayjs from 'dayjs';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../app/api';

/**
 * Turns any error into a sentence for the person. The server's messages are
 * Chinese and specific, so zh-CN shows them as they are; other languages show the
 * translated text for the error code (errors namespace) when there is one.
 */
/** codes whose local text reads better than the server's in every language (times shown in local time) */
const LOCAL_TEXT = new Set(['ACCOUNT_LOCKED', 'NETWORK']);

export function useErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation('errors');
  return useCallback(
    (err: unknown) => {
      if (isApiError(err)) {
        if (i18n.language.startsWith('zh') && !LOCAL_TEXT.has(err.code)) return err.message;
        const details = (err.details && typeof err.details === 'object' ? err.details : {}) as Record<string, unknown>;
        const lockedUntil = typeof details.lockedUntil === 'string' ? dayjs(details.lockedUntil).format('YYYY-MM-DD HH:mm') : '';
        return t(err.code, { defaultValue: err.message, requestId: err.requestId ?? '', lockedUntil });
      }
      if (err instanceof Error) return err.message;
      return String(err);
    },
    [t, i18n.language],
  );
}
