import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';

function send(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  fields?: Record<string, string>,
) {
  return reply.status(status).send({ error: fields ? { code, message, fields } : { code, message } });
}

function unsupportedMediaType(reply: FastifyReply, request: FastifyRequest) {
  return send(
    reply,
    415,
    'unsupported_media_type',
    `Send this request as ${request.url.includes('/attachments') ? 'multipart/form-data' : 'application/json'}.`,
  );
}

const isJson = (contentType: string) => /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType);

/** Renders every failure as SPEC §11's error body; nothing a client sends becomes a 500. */
export function errorHandler(
  error: FastifyError | AppError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof AppError) {
    if (error.headers) reply.headers(error.headers);
    return send(reply, error.status, error.code, error.message, error.fields);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields: Record<string, string> = {};
    const where: string = (error as FastifyError).validationContext ?? 'body';
    for (const v of error.validation) {
      const path = v.instancePath.split('/').filter(Boolean);
      const field = path[0] ?? where;
      fields[field] ??= v.message ?? 'Invalid value';
    }
    // Fastify parses text/plain too: a body sent as anything but JSON is the wrong media type, not bad fields.
    const contentType = request.headers['content-type'];
    if (where === 'body' && contentType && !isJson(contentType)) return unsupportedMediaType(reply, request);
    const status = where === 'params' ? 404 : 400;
    // A malformed case number answers exactly like a case that does not exist or is not visible.
    if (status === 404) return send(reply, 404, 'not_found', fields.number ? 'Case not found' : 'Not found');
    return send(reply, 400, 'validation_failed', 'Some fields need your attention', fields);
  }
  const fe = error as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return unsupportedMediaType(reply, request);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return send(reply, 400, 'malformed_json', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return send(reply, 413, 'too_large', 'The request is too large.');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return send(
        reply,
        415,
        'unsupported_media_type',
        'Send attachments as multipart/form-data with the field "file".',
      );
  }
  if (error instanceof SyntaxError && (fe.statusCode ?? 0) === 400) {
    return send(reply, 400, 'malformed_json', 'The request body is not valid JSON.');
  }
  const status = fe.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return send(reply, status, (fe.code ?? 'bad_request').toLowerCase(), fe.message);
  }
  request.log.error({ err: error }, 'unhandled error');
  return send(
    reply,
    500,
    'internal',
    'Something went wrong on our side. The error is logged; please try again.',
  );
}
