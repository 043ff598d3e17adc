import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/** A request slower than this is logged at warn level at any LOG_LEVEL up to warn. */
export const SLOW_REQUEST_MS = 1000;

/**
 * Fastify writes two info lines per request ("incoming request", "request completed"),
 * which at the default LOG_LEVEL=info cost more than most handlers. This writes one
 * line when the request is done, at a level that says whether it matters: 5xx as error,
 * slow as warn, everything else at debug (LOG_LEVEL=debug shows every request). Fastify's
 * other log lines (stream and serializer errors) are kept as they are.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const ms = reply.elapsedTime;
    const status = reply.statusCode;
    const line = { method: request.method, url: request.url, status, ms: Math.round(ms) };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else if (status >= 500) reply.log.error(line, 'request failed');
    else if (ms >= SLOW_REQUEST_MS) reply.log.warn(line, 'slow request');
    else reply.log.debug(line, 'request completed');
  }
}
