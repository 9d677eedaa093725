import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { legalRetriever, type LegalRetriever } from '../legal/retrieve.ts';

export interface KbRouteDeps {
  /** defaults to the retriever over content/legal */
  retriever?: LegalRetriever;
}

const SearchBody = z
  .object({
    q: z.string().trim().min(2).max(1000),
    k: z.number().int().min(1).max(20).optional(),
  })
  .strict();

/**
 * `POST /api/kb/search {q, k?}`: the legal knowledge base's top entries for a question, with
 * scores (BM25F score, coverage, relevance = score × coverage), the confidence verdict the chat uses, and citations.
 */
export async function registerKbRoutes(app: FastifyInstance, deps: KbRouteDeps = {}): Promise<void> {
  app.post('/api/kb/search', async (req, reply) => {
    const body = SearchBody.safeParse(req.body);
    if (!body.success) {
      return reply.code(400).send({ error: 'bad_request', message: body.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') });
    }
    const retriever = deps.retriever ?? legalRetriever();
    const out = retriever.search(body.data.q, body.data.k ?? 3);
    return {
      q: body.data.q,
      confident: out.confident,
      as_of: retriever.kb.asOf,
      results: out.results.map((r) => ({
        id: r.entry.id,
        kind: r.entry.kind,
        title: r.entry.title,
        answer: r.entry.answer,
        score: Number(r.score.toFixed(3)),
        coverage: Number(r.coverage.toFixed(3)),
        relevance: Number(r.relevance.toFixed(3)),
        citation: {
          law: r.citation.law,
          law_number: r.citation.lawNumber,
          article: r.citation.article,
          clause: r.citation.clause ?? null,
          label: r.citation.label,
          label_en: r.citation.labelEn,
          effective_from: r.citation.effectiveFrom,
          effective_to: r.entry.effectiveTo ?? null,
        },
        unconfirmed: r.entry.unconfirmed,
      })),
    };
  });
}
