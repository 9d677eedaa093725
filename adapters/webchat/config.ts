import { z } from 'zod';
import { ConfigError } from '../../src/config.ts';

/**
 * The web chat's own variables (WEBCHAT_SITE_ID and WEBCHAT_TOKEN_TTL_SECONDS predate this file and
 * stay in src/config.ts). WEBCHAT_RESUME_DAYS: how long a browser keeps the conversation after the
 * worker's last visit (the resume key's lifetime, renewed at every visit); 0 turns it off, and the
 * page then forgets the conversation when the tab closes, as before.
 */
const schema = z.object({
  WEBCHAT_RESUME_DAYS: z.coerce.number().int().min(0).max(365).default(30),
});

export interface WebchatConfig {
  resumeDays: number;
}

export function loadWebchatConfig(env: Record<string, string | undefined>): WebchatConfig {
  const relevant = Object.fromEntries(Object.entries(env).filter(([k, v]) => k in schema.shape && v !== undefined && v !== ''));
  const parsed = schema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { resumeDays: parsed.data.WEBCHAT_RESUME_DAYS };
}
