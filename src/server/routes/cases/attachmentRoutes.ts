import { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Attachment,
  AttachmentParams,
  AttachmentUpload,
  CaseNumberParams,
} from '../../../shared/api/cases.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/enums.ts';
import { addAttachment } from '../../commands/addAttachment.ts';
import type { Context } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { authenticate, requireCaseAccess } from '../../http/authenticate.ts';
import type { App } from '../../http/types.ts';
import { caseAttachments } from '../../queries/caseConversation.ts';
import { findVisibleCase } from '../../queries/findVisibleCase.ts';

const errors = {
  400: ApiError,
  401: ApiError,
  403: ApiError,
  404: ApiError,
  409: ApiError,
  413: ApiError,
  415: ApiError,
  422: ApiError,
  429: ApiError,
};

const LIMIT_TEXT = `${MAX_ATTACHMENT_BYTES / (1024 * 1024)} MB`;

const tooLarge = () =>
  new AppError(413, 'too_large', `The file is larger than the ${LIMIT_TEXT} limit.`, {
    file: `A file may be at most ${LIMIT_TEXT}`,
  });

/** Types a browser would render or run: always served as a download of opaque bytes. */
const ACTIVE_CONTENT = /html|xml|svg|javascript|ecmascript/i;

/** Validates params and the like with zod, but leaves the multipart body to the handler's stream. */
const bodyReadByHandler: FastifySchemaCompiler<z.ZodType> = (route) =>
  route.httpPart === 'body' ? () => ({ value: undefined }) : validatorCompiler(route);

/** RFC 8187 value for `filename*`: percent-encodes everything but attr-chars. */
function encodeFilename(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Reads the one `file` part of a multipart upload into memory, bounded by the attachment limit.
 * Anything that is not a well-formed multipart body with that field is the client's error, never a 500.
 */
async function readUpload(request: FastifyRequest): Promise<{ filename: string; bytes: Buffer }> {
  if (!request.isMultipart()) {
    throw new AppError(
      415,
      'unsupported_media_type',
      'Send attachments as multipart/form-data with the file in the field "file".',
    );
  }
  const missing = () =>
    new AppError(400, 'validation_failed', 'Choose a file to attach.', {
      file: 'Send the file in the multipart field "file"',
    });
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await request.file();
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if ((err as { statusCode?: number }).statusCode === 413) {
      throw new AppError(
        413,
        'too_large',
        'Send one file in the field "file", with at most a few small fields.',
      );
    }
    throw new AppError(400, 'malformed_multipart', 'The multipart/form-data body could not be read.');
  }
  if (!part) throw missing();
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw missing();
  }
  try {
    return { filename: part.filename, bytes: await part.toBuffer() };
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw new AppError(400, 'malformed_multipart', 'The upload ended before the whole file arrived.');
  }
}

/** Case attachments (SPEC §2–§3, §11): list, upload (multipart field `file`), download. */
export async function attachmentRoutes(app: App, ctx: Context) {
  // Multipart parsing exists only in this scope: no other route accepts multipart bodies.
  await app.register(async (plugin) => {
    const scope = plugin as App;
    await scope.register(fastifyMultipart, {
      limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 },
    });
    // The upload body is documented (AttachmentUpload) but read as a stream by the handler, never
    // validated by zod; no route of this scope takes a JSON body.
    scope.setValidatorCompiler(bodyReadByHandler);
    const guard = [authenticate(ctx), requireCaseAccess];

    scope.get(
      '/cases/:number/attachments',
      {
        onRequest: guard,
        schema: {
          tags: ['cases'],
          summary: 'Attachments of a case, oldest first',
          params: CaseNumberParams,
          response: { 200: z.object({ items: z.array(Attachment), total: z.number() }), ...errors },
        },
      },
      async (request) => {
        const { row } = await findVisibleCase(ctx.database.db, request.actor, request.params.number);
        const items = await caseAttachments(ctx.database.db, row.id, row.number);
        return { items, total: items.length };
      },
    );

    scope.post(
      '/cases/:number/attachments',
      {
        onRequest: guard,
        schema: {
          tags: ['cases'],
          summary: `Attach a file (multipart/form-data, field "file", at most ${LIMIT_TEXT})`,
          description:
            `Send multipart/form-data with the file in the field \`file\`, at most ${LIMIT_TEXT}. ` +
            'The type is decided from the content; executables are refused (422 executable_refused) however ' +
            'they are named. Larger files answer 413 too_large; other bodies 415. A closed case takes no files (409).',
          consumes: ['multipart/form-data'],
          params: CaseNumberParams,
          body: AttachmentUpload,
          response: { 201: Attachment, ...errors },
        },
      },
      async (request, reply) => {
        // 404 before reading a byte of the upload.
        await findVisibleCase(ctx.database.db, request.actor, request.params.number);
        const upload = await readUpload(request);
        const { id, caseId } = await addAttachment(ctx, request.actor, request.params.number, upload);
        const items = await caseAttachments(ctx.database.db, caseId, request.params.number);
        const created = items.find((a) => a.id === id)!;
        return reply.status(201).header('location', created.downloadUrl).send(created);
      },
    );

    scope.get(
      '/cases/:number/attachments/:id',
      {
        onRequest: guard,
        schema: {
          tags: ['cases'],
          summary: 'Download an attachment (always as a file, never rendered inline)',
          params: AttachmentParams,
          response: {
            200: {
              description: 'The bytes of the file',
              content: {
                'application/octet-stream': {
                  schema: z.instanceof(Readable).meta({ type: 'string', format: 'binary' }),
                },
              },
            },
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const { row } = await findVisibleCase(ctx.database.db, request.actor, request.params.number);
        const file = await ctx.database.db
          .selectFrom('attachments')
          .selectAll()
          .where('id', '=', request.params.id)
          .where('case_id', '=', row.id)
          .where('deleted_at', 'is', null)
          .executeTakeFirst();
        if (!file || !(await ctx.attachments.has(file.sha256))) throw notFound('Attachment');
        const type = ACTIVE_CONTENT.test(file.content_type) ? 'application/octet-stream' : file.content_type;
        return reply
          .headers({
            'content-type': type,
            'content-length': String(file.size),
            'content-disposition': `attachment; filename*=UTF-8''${encodeFilename(file.filename)}`,
            'x-content-type-options': 'nosniff',
            'content-security-policy': 'sandbox',
            'cache-control': 'private, no-store',
          })
          .send(ctx.attachments.open(file.sha256));
      },
    );
  });
}
