import type { ErrorBody, ErrorCode, FieldError } from '../../../contracts/errors';
import { CSRF_HEADER, type Page, SITE_HEADER } from '../../../contracts/types';
import { getSelectedSite } from './site';

/**
 * The one way the web talks to the server: JSON in and out, the CSRF token on every
 * mutation, the site switcher's choice on every request, and every failure turned
 * into an ApiError carrying the server's code, message and field errors.
 */
export const API_BASE = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly fields: FieldError[] = [],
    readonly details: unknown = undefined,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(err: unknown, code?: ApiError['code']): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}

let csrfToken = '';
/** Set from the login and /auth/me answers; sent as x-csrf-token on mutations. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

let onUnauthorized: (() => void) | null = null;
/** The shell registers what happens when the session has ended (back to the login page). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type QueryValue = string | number | boolean | null | undefined | (string | number)[];
export type QueryParams = Record<string, QueryValue>;

/** Builds `?a=1&b=x`, leaving out empty values; arrays repeat the key. */
export function toQueryString(params: QueryParams | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) search.append(key, String(v));
    else search.append(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

export function apiUrl(path: string, params?: QueryParams): string {
  return `${API_BASE}${path}${toQueryString(params)}`;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function headersFor(method: string, extra?: HeadersInit): Headers {
  const headers = new Headers(extra);
  headers.set('accept', 'application/json');
  const site = getSelectedSite();
  if (site) headers.set(SITE_HEADER, site);
  if (MUTATING.has(method) && csrfToken) headers.set(CSRF_HEADER, csrfToken);
  return headers;
}

/** Paths whose 401 is an answer, not an ended session. */
const AUTH_PATHS = ['/auth/login', '/auth/me', '/auth/password'];

async function toApiError(res: Response, path: string): Promise<ApiError> {
  let body: Partial<ErrorBody> | null = null;
  try {
    body = (await res.json()) as Partial<ErrorBody>;
  } catch {
    body = null;
  }
  const err = body?.error;
  const details = err?.details as { fields?: FieldError[] } | undefined;
  const apiError = new ApiError(
    res.status,
    err?.code ?? (res.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'),
    err?.message ?? `${res.status} ${res.statusText}`,
    Array.isArray(details?.fields) ? details.fields : [],
    err?.details,
    err?.requestId,
  );
  if (res.status === 401 && !AUTH_PATHS.includes(path)) onUnauthorized?.();
  return apiError;
}

export interface RequestOptions {
  params?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
}

/** Low-level call returning the raw Response (for files); throws ApiError when not ok. */
export async function apiFetch(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  const isForm = opts.body instanceof FormData;
  const headers = headersFor(method, opts.body !== undefined && !isForm ? { 'content-type': 'application/json' } : undefined);
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.params), {
      method,
      headers,
      credentials: 'same-origin',
      signal: opts.signal,
      body: opts.body === undefined ? undefined : isForm ? (opts.body as FormData) : JSON.stringify(opts.body),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络');
  }
  if (!res.ok) throw await toApiError(res, path);
  return res;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await apiFetch(method, path, opts);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(path: string, params?: QueryParams, signal?: AbortSignal) => request<T>('GET', path, { params, signal }),
  post: <T>(path: string, body?: unknown, params?: QueryParams) => request<T>('POST', path, { body: body ?? {}, params }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  list: <T>(path: string, params?: QueryParams, signal?: AbortSignal) => request<Page<T>>('GET', path, { params, signal }),
};

function filenameFrom(res: Response, fallback: string): string {
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = disposition.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (star) return decodeURIComponent(star);
  const plain = disposition.match(/filename="?([^";]+)"?/i)?.[1];
  return plain ?? fallback;
}

/**
 * Downloads a file answer (exports, templates) with the same headers as any request,
 * so an export honours the site switcher exactly like the list on screen.
 */
export async function download(path: string, params?: QueryParams, fallbackName = 'download.xlsx'): Promise<string> {
  const res = await apiFetch('GET', path, { params });
  const blob = await res.blob();
  const name = filenameFrom(res, fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/**
 * Multipart upload with progress (fetch cannot report upload progress). `onProgress`
 * receives 0–100 while bytes go up; the promise settles with the parsed JSON answer.
 */
export function upload<T>(path: string, form: FormData, params?: QueryParams, onProgress?: (percent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path, params));
    xhr.withCredentials = true;
    headersFor('POST').forEach((value, key) => {
      xhr.setRequestHeader(key, value);
    });
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络'));
    xhr.onload = () => {
      const res = new Response(xhr.responseText || null, {
        status: xhr.status,
        headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'application/json' },
      });
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
      } else {
        void toApiError(res, path).then(reject);
      }
    };
    xhr.send(form);
  });
}
