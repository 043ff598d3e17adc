import type { FastifyInstance } from 'fastify';

/**
 * Content-Security-Policy of HTML documents: the web app (Vite build, React, antd, ECharts)
 * and Swagger UI at /api/docs. Scripts only from our own origin, no inline script, no eval.
 * antd 6 writes its CSS-in-JS as <style> elements and ECharts positions with style
 * attributes, hence 'unsafe-inline' for styles (styles cannot run code). Images may be
 * data: (Swagger UI's icons) or blob: (previews of files picked for upload).
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Everything that is not an HTML page — JSON, downloads, attachments, scripts and styles:
 * if such a response is ever opened as a document (an uploaded file, an error body), it
 * may load and run nothing. Inline style is allowed only because the browser's own image
 * viewer styles the page it wraps around an opened image.
 */
export const RESOURCE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/** The camera is used by the QR scanner on the app's own pages; nothing else is needed. */
export const PERMISSIONS_POLICY = 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()';

/** One year, subdomains included; only sent when the public address is https (a plain-http install would lock itself out). */
export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every response — API, static files, the SPA's index.html, errors
 * and 404s alike (onSend sees them all). A header a route set itself wins, so a route
 * that needs its own policy sets it and nothing here overrides it. HTML gets the page
 * policy, everything else the resource policy (by the answer's content type).
 */
export function securityHeaders(app: FastifyInstance, opts: { https: boolean }): void {
  const fixed: [string, string][] = [
    ['x-content-type-options', 'nosniff'],
    // tracking links carry their secret in the URL: no page passes its address on
    ['referrer-policy', 'no-referrer'],
    ['x-frame-options', 'DENY'],
    ['cross-origin-opener-policy', 'same-origin'],
    ['cross-origin-resource-policy', 'same-origin'],
    ['permissions-policy', PERMISSIONS_POLICY],
  ];
  if (opts.https) fixed.push(['strict-transport-security', HSTS]);
  app.addHook('onSend', (_request, reply, payload, done) => {
    for (const [name, value] of fixed) if (!reply.hasHeader(name)) reply.header(name, value);
    // A 304 has no content type, and its headers replace the cached response's: a
    // resource policy on it would be applied to the cached index.html and block the app's
    // own scripts. The cached answer keeps the policy it came with.
    if (reply.statusCode !== 304 && !reply.hasHeader('content-security-policy')) {
      const type = String(reply.getHeader('content-type') ?? '');
      reply.header('content-security-policy', type.startsWith('text/html') ? PAGE_CSP : RESOURCE_CSP);
    }
    done(null, payload);
  });
}
