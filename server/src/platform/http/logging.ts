import type { IncomingMessage } from 'node:http';
import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';

/** A request slower than this is logged at warn level at any LOG_LEVEL up to warn. */
export const SLOW_REQUEST_MS = 1000;

/** Carries the request id in both directions: taken from the caller when well-formed, always answered. */
export const REQUEST_ID_HEADER = 'x-request-id';

// what a proxy or client may choose as the id: short, and nothing that could forge a log line or header
const INCOMING_REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * The request id (Fastify's `genReqId`): the caller's `x-request-id` when it is a plain
 * token of at most 64 characters (a reverse proxy's id then ties its access log to ours),
 * otherwise a fresh random one.
 */
export function requestIdFor(req: IncomingMessage): string {
  const sent = req.headers[REQUEST_ID_HEADER];
  if (typeof sent === 'string' && INCOMING_REQUEST_ID.test(sent)) return sent;
  return Math.random().toString(36).slice(2, 12);
}

// the per-request child logger points back at its request, so a line can name the user
const kRequest = Symbol('houqin.logRequest');

interface RequestLinked {
  [kRequest]?: FastifyRequest;
  isLevelEnabled?: (level: string) => boolean;
}

/**
 * pino's mixin: adds `userId` to every line written through a request's logger, the
 * error handler's included. The actor is only known after the auth hook has run, so it
 * is read when a line is written, never bound up front: requests that log nothing pay
 * nothing. (pino merges the line's own fields into the returned object, so it must be a
 * fresh one.)
 */
function requestFields(_line: object, _level: number, logger: unknown): object {
  const userId = (logger as RequestLinked)[kRequest]?.actor?.userId;
  return userId ? { userId } : {};
}

/** The app's logger options: the caller's (level, stream…) with the request fields added. */
export function withRequestFields(logger: boolean | object | undefined): FastifyServerOptions['logger'] {
  if (!logger) return false;
  return { ...(logger === true ? {} : logger), mixin: requestFields };
}

/**
 * Fastify writes two info lines per request ("incoming request", "request completed"),
 * which at the default LOG_LEVEL=info cost more than most handlers. This writes one
 * line when the request is done, at a level that says whether it matters: 5xx as error,
 * slow as warn, everything else at debug (LOG_LEVEL=debug shows every request). Every
 * request line carries `reqId` (Fastify's binding) and `userId` (the mixin above).
 * Fastify's other log lines (stream and serializer errors) are kept as they are.
 */
export class RequestLogController extends LogController {
  /** Called once per request, whatever the level: answers the id and links the logger to the request. */
  override incomingRequest(request: FastifyRequest, reply: FastifyReply): void {
    reply.header(REQUEST_ID_HEADER, request.id);
    const log = request.log as unknown as RequestLinked;
    // without a logger every request shares one null logger, which must not hold on to a request
    if (log.isLevelEnabled) log[kRequest] = request;
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const ms = reply.elapsedTime;
    const status = reply.statusCode;
    const log = reply.log;
    if (error) log.error({ ...requestLine(request, status, ms), err: error }, 'request errored');
    else if (status >= 500) log.error(requestLine(request, status, ms), 'request failed');
    else if (ms >= SLOW_REQUEST_MS) log.warn(requestLine(request, status, ms), 'slow request');
    else if ((log as unknown as RequestLinked).isLevelEnabled?.('debug')) log.debug(requestLine(request, status, ms), 'request completed');
  }
}

function requestLine(request: FastifyRequest, status: number, ms: number) {
  return { method: request.method, url: loggedUrl(request), status, ms: Math.round(ms) };
}

/**
 * The URL with a `:token` path parameter masked: a follow-up link's token
 * (/api/v1/public/track/:token) is enough to act on the work order, and logs travel
 * further than the database.
 */
function loggedUrl(request: FastifyRequest): string {
  const token = (request.params as Record<string, unknown> | null | undefined)?.token;
  return typeof token === 'string' && token.length > 0 ? request.url.replace(token, '***') : request.url;
}
