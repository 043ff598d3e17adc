/**
 * The anonymous repair report of the QR page: what the server offers for the form
 * (GET /public/q/:code/options), what it answers (POST /public/q/:code/report), and the
 * pure steps between the form and the request.
 */
export interface Choice {
  code: string;
  zh: string;
  en: string;
}

export interface ReportOptions {
  /** false when the organisation has switched the QR report off */
  enabled: boolean;
  categories: Choice[];
  urgencies: Choice[];
  maxPhotos: number;
  maxPhotoMb: number;
}

export interface ReportResult {
  number: string;
  /** the absolute follow-up link (PUBLIC_URL/track/<token>) */
  trackUrl: string;
  token: string;
}

/** The same rule as the server: 5–20 digits, spaces, +, -, brackets. */
export const PHONE_PATTERN = /^[0-9+\-() ]{5,20}$/;
export const DESCRIPTION_MAX = 1000;
export const NAME_MAX = 50;

export type PhotoProblem = 'notImage' | 'tooLarge' | null;

/** Checked before sending so a phone does not upload 20 MB to hear "no"; the server decides from the bytes. */
export function photoProblem(file: { type: string; size: number }, maxMb: number): PhotoProblem {
  if (!file.type.startsWith('image/')) return 'notImage';
  if (file.size > maxMb * 1024 * 1024) return 'tooLarge';
  return null;
}

export interface ReportFields {
  description: string;
  category?: string | null;
  urgency?: string | null;
  name?: string | null;
  phone: string;
  /** ISO-8601 */
  appointmentAt?: string | null;
}

/** The multipart body: trimmed text fields (empty ones left out, so the server's defaults apply) and the photos. */
export function toReportForm(fields: ReportFields, photos: Blob[]): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text) form.append(key, text);
  }
  photos.forEach((photo, i) => {
    const name = photo instanceof File ? photo.name : `photo-${i + 1}.jpg`;
    form.append('photos', photo, name);
  });
  return form;
}

/** A dictionary entry in the page's language. */
export function choiceLabel(choice: Choice, language: string): string {
  return language.startsWith('zh') ? choice.zh : choice.en;
}
