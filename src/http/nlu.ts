import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defaultParser, type NluParser } from '../nlu/parser.ts';

export interface NluRouteDeps {
  /** defaults to the parser trained on content/nlu/train */
  parser?: NluParser;
}

/** One message, as the channels accept it (src/validate/text.ts HARD_INPUT_LIMIT). */
const ParseBody = z.object({ text: z.string().trim().min(1).max(2000) }).strict();

/**
 * `POST /api/nlu/parse {text}`: the classifier's reading of a message, shaped like Rasa's
 * /model/parse so existing tooling (Rasa X-style test sets, dashboards) reads it unchanged.
 */
export async function registerNluRoutes(app: FastifyInstance, deps: NluRouteDeps = {}): Promise<void> {
  app.post('/api/nlu/parse', async (req, reply) => {
    const body = ParseBody.safeParse(req.body);
    if (!body.success) {
      return reply.code(400).send({ error: 'bad_request', message: body.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') });
    }
    const parser = deps.parser ?? defaultParser();
    const r = parser.parse(body.data.text);
    return { intent: r.intent, intent_ranking: r.intent_ranking, entities: r.entities, text: r.text };
  });
}
