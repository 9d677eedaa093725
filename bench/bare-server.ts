/**
 * The ceiling: a bare fastify JSON route on the same machine, no database, no queue. The pipeline
 * benchmark reports it beside its own numbers so the figures can be read against the hardware.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/echo', async (req) => ({ ok: true, got: (req.body as { text?: string }).text?.length ?? 0 }));
const address = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`listening ${address}`);
