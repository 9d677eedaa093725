/**
 * A stand-in for a platform's media CDN (Zalo's file links, Meta's lookaside.fbsbx.com) on
 * 127.0.0.1: files put here are served by URL, streamed in chunks without a Content-Length (so
 * only the downloader's own count can stop an oversize one), and every download is recorded.
 */
import { Readable } from 'node:stream';
import Fastify from 'fastify';

export interface FakeCdn {
  put(name: string, bytes: Buffer, contentType?: string): string;
  /** paths downloaded, in order */
  downloads: string[];
  close(): Promise<void>;
}

export async function startFakeCdn(): Promise<FakeCdn> {
  // an aborted oversize download leaves a response mid-stream: close must not wait for it
  const app = Fastify({ logger: false, forceCloseConnections: true });
  const files = new Map<string, { bytes: Buffer; type: string }>();
  const downloads: string[] = [];
  app.get<{ Params: { name: string } }>('/media/:name', async (req, reply) => {
    downloads.push(req.params.name);
    const f = files.get(req.params.name);
    if (!f) return reply.code(404).send('not found');
    let offset = 0;
    const body = new Readable({
      read() {
        if (offset >= f.bytes.byteLength) return void this.push(null);
        this.push(f.bytes.subarray(offset, offset + 65_536));
        offset += 65_536;
      },
    });
    return reply.type(f.type).send(body);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    put(name, bytes, contentType = 'application/octet-stream') {
      files.set(name, { bytes, type: contentType });
      return `${base}/media/${encodeURIComponent(name)}`;
    },
    downloads,
    close: () => app.close(),
  };
}

/** Sample evidence: JPEG magic bytes and a unique body, an .exe (MZ) to be named .pdf, and a 20 MB "photo". */
export const samples = {
  jpeg(n: number, size = 40_000): Buffer {
    const body = Buffer.alloc(size, n);
    body.write(`photo-${n}`, 32);
    return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), body]);
  },
  exe: (): Buffer => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4_000, 0x90)]),
  huge: (): Buffer => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(20 * 1024 * 1024, 1)]),
};
