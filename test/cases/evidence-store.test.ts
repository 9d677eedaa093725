/**
 * The evidence store and the download worker below the channels: sealed bytes round-trip on
 * PGlite and on PostgreSQL, a tampered blob does not open, the download cap holds whatever the
 * server says, and a failing platform is retried with backoff, then given up with a reason.
 */
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadCapped } from '../../src/blobs/download.ts';
import { openBytes, sealBytes } from '../../src/blobs/seal.ts';
import { sniffEvidence } from '../../src/blobs/sniff.ts';
import { getBlob, putBlob } from '../../src/blobs/store.ts';
import { fetchAttachment, FETCH_JOB, fetchBackoffSeconds, MAX_FETCH_ATTEMPTS } from '../../src/cases/fetch.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createKeyring } from '../../src/security/crypto.ts';
import type { ChannelAdapter } from '../../src/channels/types.ts';
import { freshSchema, servicesAvailable, type TestSchema } from '../env.ts';
import { openTranscript, type Transcript } from '../transcript.ts';
import { samples } from './fake-cdn.ts';
import { createCase } from '../../src/cases/service.ts';

const keyring = createKeyring('evidence-store-test-secret-0123456789abcdef');
const MB = 1024 * 1024;

describe('sealed evidence bytes', () => {
  it('open what they sealed; a flipped byte or another key does not open', () => {
    const plain = samples.jpeg(3);
    const { data, keyEnc } = sealBytes(keyring, plain);
    expect(data.includes(plain.subarray(0, 64))).toBe(false);
    expect(openBytes(keyring, data, keyEnc).equals(plain)).toBe(true);
    const tampered = Buffer.from(data);
    tampered[40] = tampered[40]! ^ 1;
    expect(() => openBytes(keyring, tampered, keyEnc)).toThrow();
    expect(() => openBytes(createKeyring('another-secret-another-secret-0123456789'), data, keyEnc)).toThrow();
  });

  it('sniffing trusts bytes, not names: .exe named .pdf, plain text and an empty file are refused', async () => {
    expect(await sniffEvidence(samples.jpeg(1), 'x.pdf')).toMatchObject({ ok: true, mime: 'image/jpeg' });
    expect(await sniffEvidence(samples.exe(), 'hop-dong.pdf')).toMatchObject({ ok: false, reason: 'unsupported_type', detected: 'application/x-msdownload' });
    expect(await sniffEvidence(Buffer.from('just some words'), 'note.pdf')).toMatchObject({ ok: false, reason: 'unsupported_type' });
    expect(await sniffEvidence(Buffer.alloc(0))).toMatchObject({ ok: false, reason: 'empty' });
  });
});

async function roundTrip(db: Database) {
  const bytes = samples.jpeg(7, 300_000);
  const put = await putBlob(db.sql, keyring, bytes, { mime: 'image/jpeg' });
  const got = await getBlob(db.sql, keyring, put.id);
  expect(got?.bytes.equals(bytes)).toBe(true);
  expect(got).toMatchObject({ size: bytes.byteLength, mime: 'image/jpeg', sha256: put.sha256 });
  const raw = await db.sql.query<{ data: Uint8Array }>(`SELECT data FROM evidence_blob WHERE id = $1::uuid`, [put.id]);
  expect(Buffer.from(raw[0]!.data).includes(bytes.subarray(12, 200))).toBe(false);
}

describe('evidence store', () => {
  it('round-trips on PGlite', async () => {
    const db = await openDatabase({ dataDir: 'memory://' });
    await db.migrate();
    try {
      await roundTrip(db);
    } finally {
      await db.close();
    }
  });

  it('round-trips on PostgreSQL', async (t) => {
    if (!(await servicesAvailable())) return t.skip();
    const schema: TestSchema = await freshSchema('blobs');
    const db = await openDatabase({ url: schema.url, schema: schema.schema, dataDir: 'memory://' });
    try {
      await db.migrate();
      await roundTrip(db);
    } finally {
      await db.close();
      await schema.drop();
    }
  });
});

describe('download cap', () => {
  let server: FastifyInstance;
  let base = '';
  beforeAll(async () => {
    server = Fastify({ logger: false });
    // 20 MB streamed with no Content-Length: only the reader's count can stop it
    server.get('/chunked', async (_req, reply) => {
      let sent = 0;
      return reply.send(new Readable({ read() { if (sent >= 20 * MB) return void this.push(null); sent += 65_536; this.push(Buffer.alloc(65_536, 1)); } }));
    });
    server.get('/declared', async (_req, reply) => {
      // a server announcing 50 MB (Fastify would correct the header, so the raw response)
      reply.hijack();
      reply.raw.writeHead(200, { 'content-length': String(50 * MB), 'content-type': 'video/mp4' });
      reply.raw.write(Buffer.alloc(10));
      setTimeout(() => reply.raw.destroy(), 200).unref();
    });
    server.get('/small', async (_req, reply) => reply.type('image/jpeg').send(samples.jpeg(1)));
    server.get('/gone', async (_req, reply) => reply.code(404).send('expired'));
    server.get('/busy', async (_req, reply) => reply.code(503).send('busy'));
    await server.listen({ host: '127.0.0.1', port: 0 });
    const a = server.server.address();
    base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  });
  afterAll(() => server.close());

  it('stops a body past 10 MB whatever was declared, refuses a declared 50 MB unread, and sorts failures', async () => {
    const opts = { maxBytes: 10 * MB };
    expect(await downloadCapped(`${base}/chunked`, opts)).toMatchObject({ ok: false, reason: 'too_big', retry: false });
    expect(await downloadCapped(`${base}/declared`, opts)).toMatchObject({ ok: false, reason: 'too_big' });
    const ok = await downloadCapped(`${base}/small`, opts);
    expect(ok.ok && ok.bytes.equals(samples.jpeg(1))).toBe(true);
    expect(await downloadCapped(`${base}/gone`, opts)).toMatchObject({ ok: false, reason: 'gone', retry: false });
    expect(await downloadCapped(`${base}/busy`, opts)).toMatchObject({ ok: false, reason: 'error', retry: true });
    expect(await downloadCapped('file:///etc/passwd', opts)).toMatchObject({ ok: false, reason: 'gone' });
  });
});

describe('fetch worker retries', () => {
  let chat: Transcript;
  beforeAll(async () => {
    chat = await openTranscript();
  });
  afterAll(() => chat.close());

  it('a platform error is retried with backoff and a hint; after the last attempt the row is failed with a reason', async () => {
    const w = chat.worker('retry-worker', 'zalo');
    await w.says('xin chao');
    const conv = await chat.app.db.prisma.conversation.findUniqueOrThrow({ where: { id: w.conversationId! } });
    const garment = await chat.app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code: 'CS24-0001' } });
    const kase = await chat.app.db.prisma.$transaction((tx) =>
      createCase(tx, chat.app.services.keyring, {
        category: 'wages', urgency: null, employer: 'Công ty May', provinceCode: '24', orgUnitId: garment.id, aboutUnion: false,
        description: 'Nợ lương tháng 10 của cả chuyền.', discoveredOn: null, affectedCount: 3, anonymous: false,
        attachments: [{ type: 'image', url: 'https://cdn.example.test/a.jpg', size: 1000 }],
        memberId: null, identityId: conv.identityId, conversationId: conv.id, channel: 'zalo', locale: 'vi', now: new Date(),
      }),
    );
    const row = await chat.app.db.prisma.grievanceAttachment.findFirstOrThrow({ where: { caseId: kase.id } });
    const hints: Array<{ name: string; id: string; delayMs?: number }> = [];
    let calls = 0;
    const flaky: ChannelAdapter['fetchMedia'] = async () => {
      calls++;
      return { ok: false, reason: 'error', retry: true, detail: 'HTTP 503' };
    };
    const adapters = new Map<string, ChannelAdapter>([['zalo', { channel: 'zalo', capabilities: {} as ChannelAdapter['capabilities'], send: async () => ({ ok: true }), fetchMedia: flaky }]]);
    const deps = { sql: chat.app.db.sql, prisma: chat.app.db.prisma, keyring: chat.app.services.keyring, adapters, log: chat.app.log,
      queue: { enqueue: async (name: string, id: string, o?: { delayMs?: number }) => void hints.push({ name, id, ...(o?.delayMs ? { delayMs: o.delayMs } : {}) }) } };

    expect(await fetchAttachment(deps, row.id)).toBe('retry');
    expect(hints).toEqual([{ name: FETCH_JOB, id: row.id, delayMs: fetchBackoffSeconds(1) * 1000 }]);
    // not due yet: a second worker (or an early hint) takes nothing
    expect(await fetchAttachment(deps, row.id)).toBe('skipped');
    for (let attempt = 2; attempt <= MAX_FETCH_ATTEMPTS; attempt++) {
      await chat.app.db.sql.query(`UPDATE grievance_attachment SET fetch_after = now() WHERE id = $1::uuid`, [row.id]);
      expect(await fetchAttachment(deps, row.id)).toBe(attempt < MAX_FETCH_ATTEMPTS ? 'retry' : 'failed');
    }
    expect(calls).toBe(MAX_FETCH_ATTEMPTS);
    const after = await chat.app.db.prisma.grievanceAttachment.findUniqueOrThrow({ where: { id: row.id } });
    expect(after).toMatchObject({ fetchStatus: 'failed', fetchReason: 'download', fetchAttempts: MAX_FETCH_ATTEMPTS, fetchAfter: null, blobId: null });
  });
});
