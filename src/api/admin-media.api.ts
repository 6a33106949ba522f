import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../auth/http.js';
import { AppError, isAppError, parseOrThrow } from '../errors/index.js';
import type { MediaLibrary } from '../media/media-library.js';
import { defineEndpoint, type Authenticate, type Endpoint } from './endpoint.js';

/** What the media admin API needs. */
export interface AdminMediaApiDeps {
  readonly media: MediaLibrary;
}

/** What the upload route needs besides the library. */
export interface AdminMediaUploadDeps extends AdminMediaApiDeps {
  readonly authenticate: Authenticate;
  /** JIAODIAN_MAX_UPLOAD_MB. */
  readonly maxUploadMb: number;
}

const messages = {
  oneFile: 'send exactly one file, in the part named "file"',
  fieldTooLong: 'a text field is longer than 4096 bytes',
  tooManyParts: 'too many parts: send the file and at most alt, caption and credit',
  malformed: 'the multipart body is malformed or was cut short',
} as const;

// Control characters (but tab and line breaks) have no place in captions and break exports.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const text = (max: number) =>
  z
    .string({ error: 'text' })
    .transform((v) => v.replace(CONTROL, '').trim())
    .pipe(z.string().max(max, `at most ${max} characters`));

/** The text editors give an image: alt text (for screen readers), caption and credit. */
export const mediaTextSchema = z.strictObject(
  { alt: text(500).optional(), caption: text(2000).optional(), credit: text(200).optional() },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field: only alt, caption and credit` : 'an object of alt, caption and credit') },
);

const idParams = z.object({ id: z.string().regex(/^[1-9]\d{0,9}$/, 'a positive whole number').transform(Number) });
const page = z.coerce.number({ error: 'a whole number from 1' }).int('a whole number from 1').min(1, 'a whole number from 1').max(100_000).default(1);
const limit = z.coerce.number({ error: 'a whole number from 1 to 100' }).int('a whole number from 1 to 100').min(1, 'a whole number from 1 to 100').max(100, 'a whole number from 1 to 100').default(30);

/**
 * The upload route, for the OpenAPI document: it is multipart, so it is not an `Endpoint`.
 * Parts: `file` (the image; its name and declared type are ignored), and optional text parts
 * `alt`, `caption`, `credit`. Answers 201 `{media}`; 413 over the size limit; 415 for
 * non-images and SVG; 400 for damaged files, data after the image and too many pixels.
 */
export const MEDIA_UPLOAD_ROUTE = {
  method: 'POST',
  url: '/api/v1/admin/media',
  permissions: 'media.upload',
  summary: 'Upload an image (multipart/form-data: file, alt, caption, credit)',
  statusCode: 201,
} as const;

/**
 * Registers `POST /api/v1/admin/media`. Multipart bodies do not fit the endpoint pipeline's
 * JSON parsing, so the route is registered directly, with the pipeline's checks in the same
 * order: authenticate (cookie with CSRF, or bearer token), permission, then input. Nothing is
 * read from the body before the caller is known. Encapsulated: the multipart parser exists
 * only inside this plugin.
 */
export async function adminMediaUploadRoutes(app: FastifyInstance, d: AdminMediaUploadDeps): Promise<void> {
  const maxBytes = d.maxUploadMb * 1024 * 1024;
  await app.register(fastifyMultipart, {
    limits: { fileSize: maxBytes, files: 1, fields: 3, fieldSize: 4096, parts: 4, headerPairs: 50 },
  });
  app.post(MEDIA_UPLOAD_ROUTE.url, async (req, reply) => {
    const actor = await requireActor(d.authenticate, req, MEDIA_UPLOAD_ROUTE.permissions);
    // A declared length far over the limit is refused before a byte of it is read.
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes + 64 * 1024) throw new AppError('JD_ERR_MEDIA_TOO_LARGE', { maxMb: d.maxUploadMb });
    if (!req.isMultipart()) throw new AppError('JD_ERR_MEDIA_NO_FILE');
    const { bytes, fields } = await readUpload(req, d.maxUploadMb);
    const meta = parseOrThrow(mediaTextSchema, fields);
    const media = await d.media.upload({ bytes, ...meta }, actor);
    return reply.code(201).header('Cache-Control', 'no-store').type('application/json; charset=utf-8').send(JSON.stringify({ media }));
  });
}

/** Reads the one file and the text fields; the file's name and declared type are ignored. */
async function readUpload(req: FastifyRequest, maxMb: number): Promise<{ bytes: Buffer; fields: Record<string, string> }> {
  let bytes: Buffer | undefined;
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || bytes) {
          part.file.resume();
          throw new AppError('JD_ERR_MEDIA_BAD_UPLOAD', { detail: messages.oneFile });
        }
        bytes = await part.toBuffer();
      } else {
        if (part.valueTruncated) throw new AppError('JD_ERR_MEDIA_BAD_UPLOAD', { detail: messages.fieldTooLong });
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    throw uploadError(err, maxMb);
  }
  if (!bytes) throw new AppError('JD_ERR_MEDIA_NO_FILE');
  return { bytes, fields };
}

/** The multipart parser's errors as catalogue errors with a message an editor understands. */
function uploadError(err: unknown, maxMb: number): AppError {
  if (isAppError(err)) return err;
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('JD_ERR_MEDIA_TOO_LARGE', { maxMb }, { cause: err });
  if (code === 'FST_FILES_LIMIT') return new AppError('JD_ERR_MEDIA_BAD_UPLOAD', { detail: messages.oneFile }, { cause: err });
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return new AppError('JD_ERR_MEDIA_BAD_UPLOAD', { detail: messages.tooManyParts }, { cause: err });
  return new AppError('JD_ERR_MEDIA_BAD_UPLOAD', { detail: messages.malformed }, { cause: err });
}

/**
 * The media library (`media.upload`: every newsroom role): list, read, edit text, delete.
 * Members change and delete their own uploads; editors and admins anyone's. A file still used
 * by an article is not deleted (409). Lists are `{media: [...], meta}`, one item `{media}`.
 */
export function adminMediaEndpoints(d: AdminMediaApiDeps): Endpoint[] {
  return [
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/media',
      summary: 'The media library, newest first',
      permissions: 'media.upload',
      cache: { maxAge: 0 },
      query: z.object({ page, limit }),
      handler: async ({ query }) => {
        const { items, total } = await d.media.list(query.page, query.limit);
        return { media: items, meta: { page: query.page, limit: query.limit, total } };
      },
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/admin/media/:id',
      summary: 'One media file with its variants',
      permissions: 'media.upload',
      cache: { maxAge: 0 },
      params: idParams,
      handler: async ({ params }) => ({ media: await d.media.get(params.id) }),
    }),
    defineEndpoint({
      method: 'PATCH',
      url: '/api/v1/admin/media/:id',
      summary: 'Change alt text, caption or credit',
      permissions: 'media.upload',
      cache: { maxAge: 0 },
      params: idParams,
      body: mediaTextSchema,
      handler: async ({ params, body, actor }) => ({ media: await d.media.update(params.id, body, actor!) }),
    }),
    defineEndpoint({
      method: 'DELETE',
      url: '/api/v1/admin/media/:id',
      summary: 'Delete a media file and its variants (409 while an article uses it)',
      permissions: 'media.upload',
      cache: { maxAge: 0 },
      params: idParams,
      handler: async ({ params, actor }) => ({ media: await d.media.remove(params.id, actor!) }),
    }),
  ];
}
