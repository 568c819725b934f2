import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/enums.ts';
import { newId } from '../../db/ids.ts';
import { makeCase } from '../../testing/builders.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { type Client, createHarness, type Harness } from '../../testing/harness.ts';

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const LOG = Buffer.from(
  '2026-11-02T08:59:58Z INFO  agent starting\n2026-11-02T09:00:00Z ERROR E0000004 invalid assertion — ünïcødé\n',
);
/** A Windows program: "MZ", the DOS stub and a PE header. */
const WINDOWS_PROGRAM = (() => {
  const b = Buffer.alloc(1024);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
})();

interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer | string;
}

/** A multipart/form-data body, built by hand as a browser would send it. */
function multipart(parts: Part[]) {
  const boundary = `----casebook${newId().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"`;
    head += '\r\n';
    if (p.contentType) head += `Content-Type: ${p.contentType}\r\n`;
    chunks.push(
      Buffer.from(`${head}\r\n`),
      Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(
  client: Client,
  number: string,
  file: { filename: string; data: Buffer; contentType?: string },
  opts: { csrf?: boolean } = {},
) {
  const body = multipart([
    {
      name: 'file',
      filename: file.filename,
      contentType: file.contentType ?? 'application/octet-stream',
      data: file.data,
    },
  ]);
  return client.request({
    method: 'POST',
    url: `/api/v1/cases/${number}/attachments`,
    payload: body.payload,
    headers: { 'content-type': body.contentType },
    csrf: opts.csrf,
  });
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describeEachDatabase('attachment routes', (dialect) => {
  let h: Harness;
  let bob: Client;
  let bobCase: string;
  let bobCaseId: string;
  let otherCase: string;

  /** Every file in the attachment store, so a refused upload can be shown to leave nothing behind. */
  function filesOnDisk(): string[] {
    const root = join(h.ctx.attachments.root, 'attachments');
    try {
      return readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
        .sort();
    } catch {
      return [];
    }
  }

  async function rowsOf(caseId: string) {
    return h.ctx.database.db.selectFrom('attachments').selectAll().where('case_id', '=', caseId).execute();
  }

  beforeAll(async () => {
    h = await createHarness(dialect);
    bob = await h.signIn('bob@acme.example');
    const bobActor = await h.actor('bob@acme.example');
    const mine = await makeCase(h.ctx, bobActor, { subject: 'SAML agent log attached' });
    bobCase = mine.number;
    bobCaseId = mine.id;
    otherCase = (await makeCase(h.ctx, bobActor, { subject: 'Another case of Bob' })).number;
  });
  afterAll(() => h.close());

  describe('upload, list and download', () => {
    let pngId: string;
    let logId: string;

    it('stores a PNG and answers 201 with the attachment, typed by content', async () => {
      h.clock.advance(60_000);
      const res = await upload(bob, bobCase, {
        filename: 'screenshot.png',
        data: PNG,
        contentType: 'text/plain',
      });
      expect(res.statusCode, res.body).toBe(201);
      const a = res.json();
      pngId = a.id;
      expect(a).toMatchObject({
        filename: 'screenshot.png',
        contentType: 'image/png', // from the bytes, not from the client's claim
        size: PNG.length,
        sha256: sha256(PNG),
        uploadedBy: { email: 'bob@acme.example' },
        downloadUrl: `/api/v1/cases/${bobCase}/attachments/${a.id}`,
      });
      expect(res.headers.location).toBe(a.downloadUrl);
      expect(await h.ctx.attachments.has(sha256(PNG))).toBe(true);

      const c = await h.ctx.database.db
        .selectFrom('cases')
        .select('updated_at')
        .where('id', '=', bobCaseId)
        .executeTakeFirstOrThrow();
      expect(new Date(c.updated_at).toISOString()).toBe(h.clock.now().toISOString());
      const history = await h.ctx.database.db
        .selectFrom('case_history')
        .selectAll()
        .where('case_id', '=', bobCaseId)
        .where('action', '=', 'attachment_added')
        .execute();
      expect(history.map((x) => x.new_value)).toEqual(['screenshot.png']);
      const outbox = await h.ctx.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('topic', '=', 'case.attachment_added')
        .where('case_id', '=', bobCaseId)
        .execute();
      expect(outbox).toHaveLength(1);
      expect(JSON.parse(outbox[0]!.payload)).toMatchObject({ number: bobCase, attachmentId: a.id });
    });

    it('stores a text log, with the path and control characters taken out of its name', async () => {
      const res = await upload(bob, bobCase, {
        filename: 'C:\\Users\\bob\\logs\\agent\u0007\u202e.log',
        data: LOG,
        contentType: 'text/x-log',
      });
      expect(res.statusCode, res.body).toBe(201);
      logId = res.json().id;
      expect(res.json()).toMatchObject({
        filename: 'agent.log',
        contentType: 'text/plain',
        size: LOG.length,
      });
    });

    it('shortens a name to 255 characters keeping the extension, and names a nameless file', async () => {
      const long = await upload(bob, otherCase, {
        filename: `${'ä'.repeat(300)}.txt`,
        data: Buffer.from('x'),
      });
      expect(long.statusCode, long.body).toBe(201);
      expect([...long.json().filename]).toHaveLength(255);
      expect(long.json().filename).toMatch(/^ä+\.txt$/);
      const dots = await upload(bob, otherCase, { filename: '../..', data: Buffer.from('y') });
      expect(dots.statusCode, dots.body).toBe(201);
      expect(dots.json().filename).toBe('attachment');
    });

    it('lists the attachments of the case, oldest first', async () => {
      const res = await bob.get(`/api/v1/cases/${bobCase}/attachments`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().total).toBe(2);
      expect(res.json().items.map((a: { id: string }) => a.id)).toEqual([pngId, logId]);
      expect(res.json().items.map((a: { filename: string }) => a.filename)).toEqual([
        'screenshot.png',
        'agent.log',
      ]);
    });

    it('downloads identical bytes, as a file that no browser renders', async () => {
      const png = await bob.get(`/api/v1/cases/${bobCase}/attachments/${pngId}`);
      expect(png.statusCode).toBe(200);
      expect(png.rawPayload.equals(PNG)).toBe(true);
      expect(png.headers).toMatchObject({
        'content-type': 'image/png',
        'content-length': String(PNG.length),
        'content-disposition': "attachment; filename*=UTF-8''screenshot.png",
        'x-content-type-options': 'nosniff',
        'content-security-policy': 'sandbox',
      });
      const log = await bob.get(`/api/v1/cases/${bobCase}/attachments/${logId}`);
      expect(log.statusCode).toBe(200);
      expect(log.rawPayload.equals(LOG)).toBe(true);
      expect(log.headers['content-type']).toBe('text/plain');
      expect(log.headers['content-length']).toBe(String(LOG.length));
    });

    it('encodes a non-ASCII file name in content-disposition (RFC 8187)', async () => {
      const res = await upload(bob, bobCase, {
        filename: "Prüfbericht (v2) 'final'.txt",
        data: Buffer.from('ok'),
      });
      expect(res.statusCode, res.body).toBe(201);
      const dl = await bob.get(res.json().downloadUrl);
      expect(dl.headers['content-disposition']).toBe(
        "attachment; filename*=UTF-8''Pr%C3%BCfbericht%20%28v2%29%20%27final%27.txt",
      );
    });

    it('serves stored HTML, SVG or XML as opaque bytes', async () => {
      const html = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');
      const sha = await h.ctx.attachments.put(html);
      for (const type of ['text/html', 'image/svg+xml', 'application/xml']) {
        const id = newId();
        await h.ctx.database.db
          .insertInto('attachments')
          .values({
            id,
            case_id: bobCaseId,
            uploader_id: null,
            filename: 'page.html',
            content_type: type,
            size: html.length,
            sha256: sha,
            created_at: h.clock.now().toISOString(),
            deleted_at: null,
          })
          .execute();
        const res = await bob.get(`/api/v1/cases/${bobCase}/attachments/${id}`);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type'], type).toBe('application/octet-stream');
        expect(res.headers['content-security-policy']).toBe('sandbox');
        await h.ctx.database.db.deleteFrom('attachments').where('id', '=', id).execute();
      }
    });

    it('lets an Elevated Support Contact (dave) list and download them', async () => {
      const dave = await h.signIn('dave@acme.example');
      const list = await dave.get(`/api/v1/cases/${bobCase}/attachments`);
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items.map((a: { id: string }) => a.id)).toContain(pngId);
      const dl = await dave.get(`/api/v1/cases/${bobCase}/attachments/${pngId}`);
      expect(dl.statusCode).toBe(200);
      expect(dl.rawPayload.equals(PNG)).toBe(true);
    });

    it('answers 404 for an attachment of another case under this case number', async () => {
      const res = await upload(bob, otherCase, { filename: 'other.txt', data: Buffer.from('other case') });
      expect(res.statusCode, res.body).toBe(201);
      const foreignId = res.json().id;
      expect((await bob.get(`/api/v1/cases/${otherCase}/attachments/${foreignId}`)).statusCode).toBe(200);
      const wrong = await bob.get(`/api/v1/cases/${bobCase}/attachments/${foreignId}`);
      expect(wrong.statusCode).toBe(404);
      expect(wrong.json().error.code).toBe('not_found');
      expect((await bob.get(`/api/v1/cases/${bobCase}/attachments/${newId()}`)).statusCode).toBe(404);
      expect((await bob.get(`/api/v1/cases/${bobCase}/attachments/not-an-id`)).statusCode).toBe(404);
    });

    it('answers 404 for an attachment support deleted, and leaves it out of the list', async () => {
      const res = await upload(bob, bobCase, { filename: 'wrong.txt', data: Buffer.from('sent by mistake') });
      const id = res.json().id;
      await h.ctx.database.db
        .updateTable('attachments')
        .set({ deleted_at: h.clock.now().toISOString() })
        .where('id', '=', id)
        .execute();
      expect((await bob.get(`/api/v1/cases/${bobCase}/attachments/${id}`)).statusCode).toBe(404);
      const list = await bob.get(`/api/v1/cases/${bobCase}/attachments`);
      expect(list.json().items.map((a: { id: string }) => a.id)).not.toContain(id);
    });
  });

  describe('size limit', () => {
    it('accepts a file of exactly 2 MB', async () => {
      const exact = Buffer.alloc(MAX_ATTACHMENT_BYTES, 'a');
      const res = await upload(bob, bobCase, { filename: 'exact.txt', data: exact });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().size).toBe(MAX_ATTACHMENT_BYTES);
      const dl = await bob.get(res.json().downloadUrl);
      expect(dl.rawPayload.length).toBe(MAX_ATTACHMENT_BYTES);
    });

    it('refuses 2 MB + 1 byte with 413, storing nothing', async () => {
      const before = { rows: (await rowsOf(bobCaseId)).length, files: filesOnDisk() };
      const tooBig = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 'b');
      const res = await upload(bob, bobCase, { filename: 'huge.txt', data: tooBig });
      expect(res.statusCode, res.body).toBe(413);
      expect(res.json().error.code).toBe('too_large');
      expect(res.json().error.fields.file).toContain('2 MB');
      expect((await rowsOf(bobCaseId)).length).toBe(before.rows);
      expect(filesOnDisk()).toEqual(before.files);
      expect(await h.ctx.attachments.has(sha256(tooBig))).toBe(false);
    });
  });

  describe('refused uploads store nothing', () => {
    it('refuses a Windows program named report.pdf with 422', async () => {
      const before = { rows: (await rowsOf(bobCaseId)).length, files: filesOnDisk() };
      const res = await upload(bob, bobCase, {
        filename: 'report.pdf',
        data: WINDOWS_PROGRAM,
        contentType: 'application/pdf',
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.code).toBe('executable_refused');
      expect(res.json().error.fields).toHaveProperty('file');
      expect((await rowsOf(bobCaseId)).length).toBe(before.rows);
      expect(filesOnDisk()).toEqual(before.files);
    });

    it('refuses a name Windows would run, even with a trailing dot', async () => {
      const res = await upload(bob, bobCase, { filename: 'fix.bat.', data: Buffer.from('echo hi\r\n') });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.code).toBe('executable_refused');
    });

    it('refuses an empty file with 422', async () => {
      const res = await upload(bob, bobCase, { filename: 'empty.txt', data: Buffer.alloc(0) });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.fields).toHaveProperty('file');
    });

    it('answers 415 to a JSON body, or any body that is not multipart', async () => {
      const before = (await rowsOf(bobCaseId)).length;
      const json = await bob.post(`/api/v1/cases/${bobCase}/attachments`, { file: 'aGVsbG8=' });
      expect(json.statusCode, json.body).toBe(415);
      expect(json.json().error.code).toBe('unsupported_media_type');
      expect(json.json().error.message).toMatch(/multipart\/form-data/);
      const raw = await bob.request({
        method: 'POST',
        url: `/api/v1/cases/${bobCase}/attachments`,
        payload: PNG,
        headers: { 'content-type': 'image/png' },
      });
      expect(raw.statusCode, raw.body).toBe(415);
      expect((await rowsOf(bobCaseId)).length).toBe(before);
    });

    it('answers 400 on fields.file when the multipart body has no file field', async () => {
      const before = (await rowsOf(bobCaseId)).length;
      const onlyText = multipart([{ name: 'comment', data: 'see attached' }]);
      const res = await bob.request({
        method: 'POST',
        url: `/api/v1/cases/${bobCase}/attachments`,
        payload: onlyText.payload,
        headers: { 'content-type': onlyText.contentType },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields).toHaveProperty('file');

      const wrongField = multipart([{ name: 'upload', filename: 'a.txt', data: 'hello' }]);
      const res2 = await bob.request({
        method: 'POST',
        url: `/api/v1/cases/${bobCase}/attachments`,
        payload: wrongField.payload,
        headers: { 'content-type': wrongField.contentType },
      });
      expect(res2.statusCode, res2.body).toBe(400);
      expect(res2.json().error.fields).toHaveProperty('file');
      expect((await rowsOf(bobCaseId)).length).toBe(before);
    });

    it('answers 400, not 500, to a broken multipart body', async () => {
      const cut = multipart([{ name: 'file', filename: 'a.txt', data: 'hello world' }]);
      for (const [payload, type] of [
        [cut.payload.subarray(0, cut.payload.length - 30), cut.contentType],
        [Buffer.from('no parts at all'), cut.contentType],
        [cut.payload, 'multipart/form-data'], // no boundary
      ] as const) {
        const res = await bob.request({
          method: 'POST',
          url: `/api/v1/cases/${bobCase}/attachments`,
          payload,
          headers: { 'content-type': type },
        });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error.code).toMatch(/malformed_multipart|validation_failed/);
      }
    });

    it('answers 413, not 500, to a body with too many fields', async () => {
      const before = (await rowsOf(bobCaseId)).length;
      const many = multipart([
        ...Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, data: 'x' })),
        { name: 'file', filename: 'a.txt', data: 'hello' },
      ]);
      const res = await bob.request({
        method: 'POST',
        url: `/api/v1/cases/${bobCase}/attachments`,
        payload: many.payload,
        headers: { 'content-type': many.contentType },
      });
      expect(res.statusCode, res.body).toBe(413);
      expect(res.json().error.code).toBe('too_large');
      expect((await rowsOf(bobCaseId)).length).toBe(before);
    });

    it('refuses an upload without the CSRF header with 403', async () => {
      const before = { rows: (await rowsOf(bobCaseId)).length, files: filesOnDisk() };
      const data = Buffer.from('csrf attempt');
      const res = await upload(bob, bobCase, { filename: 'x.txt', data }, { csrf: false });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('csrf');
      expect((await rowsOf(bobCaseId)).length).toBe(before.rows);
      expect(filesOnDisk()).toEqual(before.files);
    });

    it('refuses an upload to a closed case with 409', async () => {
      const closed = await h.ctx.database.db
        .selectFrom('cases')
        .select(['id', 'number'])
        .where('status', '=', 'closed')
        .executeTakeFirstOrThrow();
      const alice = await h.signIn('alice@acme.example');
      const data = Buffer.from('too late');
      const res = await upload(alice, closed.number, { filename: 'late.txt', data });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('case_closed');
      expect(res.json().error.message).toContain('closed');
      expect(await rowsOf(closed.id)).toEqual([]);
      expect(await h.ctx.attachments.has(sha256(data))).toBe(false);
    });
  });

  describe('who may', () => {
    let pngId: string;
    beforeAll(async () => {
      const res = await upload(bob, bobCase, { filename: 'visible-to-few.png', data: PNG });
      pngId = res.json().id;
    });

    for (const email of ['erin@acme.example', 'gina@globex.example']) {
      it(`answers 404 to ${email} on Bob's case: upload, list and download`, async () => {
        const other = await h.signIn(email);
        const before = { rows: (await rowsOf(bobCaseId)).length, files: filesOnDisk() };
        const data = Buffer.from(`planted by ${email}`);
        const up = await upload(other, bobCase, { filename: 'planted.txt', data });
        expect(up.statusCode, up.body).toBe(404);
        expect((await other.get(`/api/v1/cases/${bobCase}/attachments`)).statusCode).toBe(404);
        const dl = await other.get(`/api/v1/cases/${bobCase}/attachments/${pngId}`);
        expect(dl.statusCode).toBe(404);
        expect(dl.rawPayload.includes(PNG)).toBe(false);
        expect((await rowsOf(bobCaseId)).length).toBe(before.rows);
        expect(filesOnDisk()).toEqual(before.files);
      });
    }

    it('answers 403 to carol (no Case Admin), naming Case Admin', async () => {
      const carol = await h.signIn('carol@acme.example');
      for (const res of [
        await upload(carol, bobCase, { filename: 'c.txt', data: Buffer.from('carol') }),
        await carol.get(`/api/v1/cases/${bobCase}/attachments`),
        await carol.get(`/api/v1/cases/${bobCase}/attachments/${pngId}`),
      ]) {
        expect(res.statusCode, res.body).toBe(403);
        expect(res.json().error.message).toContain('Case Admin');
      }
    });

    it('answers 401 without a session', async () => {
      const res = await h.app.inject({ method: 'GET', url: `/api/v1/cases/${bobCase}/attachments/${pngId}` });
      expect(res.statusCode).toBe(401);
      expect(res.rawPayload.includes(PNG)).toBe(false);
    });
  });

  it('shows the upload in the OpenAPI document as multipart/form-data', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const post = doc.paths['/api/v1/cases/{number}/attachments'].post;
    expect(Object.keys(post.requestBody.content)).toEqual(['multipart/form-data']);
    const ref: string = post.requestBody.content['multipart/form-data'].schema.$ref;
    const body = doc.components.schemas[ref.split('/').pop()!];
    expect(body.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(body.required).toEqual(['file']);
    expect(post.responses).toHaveProperty('201');
    expect(post.responses).toHaveProperty('413');
    expect(doc.paths['/api/v1/cases/{number}/attachments/{id}'].get).toBeDefined();
  });
});
