import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/**
 * JSON logs (one object a line) for production log shippers. Message text and personal data are
 * never logged at info level (DESIGN.md "Personal data"): log ids, kinds and counts instead.
 */
export function createLogger(level: string, name = 'union-assistant'): Logger {
  return pino({
    name,
    level,
    redact: { paths: ['*.text', '*.phone', '*.cccd', 'event.text', 'message.text'], censor: '[redacted]' },
  });
}
