import type { AppConfig } from '../config.ts';

/**
 * Public addresses of a card. The base is PUBLIC_URL, else http://localhost:<PORT> (the embedded
 * default, where the worker's browser and the server are the same machine).
 */
export function publicBase(config: Pick<AppConfig, 'PUBLIC_URL' | 'PORT'>): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}

export const cardImageUrl = (base: string, token: string) => `${base}/card/${token}.png`;
export const verifyUrl = (base: string, token: string) => `${base}/verify/${token}`;
