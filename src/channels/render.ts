import type { Choice, OutboundMessage } from '../core/model.ts';
import type { ChannelCapabilities } from './types.ts';

/**
 * Degrades a message to what a channel can show (Rasa's OutputChannel idea): choices beyond the
 * channel's buttons become a numbered text menu ("1", "2" and the labels are understood by the
 * flow engine on every channel), long texts are split at sentence boundaries.
 */
export function degrade(message: OutboundMessage, caps: ChannelCapabilities): OutboundMessage[] {
  switch (message.kind) {
    case 'text':
      return splitText(message.text, caps.maxTextLength).map((text) => ({ kind: 'text', text }));
    case 'choices': {
      const fits =
        caps.choices.native &&
        message.choices.length <= caps.choices.maxCount &&
        message.choices.every(
          (c) => [...c.label].length <= caps.choices.maxLabelLength && Buffer.byteLength(c.key) <= caps.choices.maxKeyBytes,
        );
      if (fits) return withSplitLead(message.text, caps, (text) => ({ ...message, text }));
      return splitText(numbered(message.text, message.choices), caps.maxTextLength).map((text) => ({ kind: 'text', text }));
    }
    case 'request_contact':
      if (caps.requestContact) return [message];
      return [{ kind: 'text', text: message.text }];
    case 'cards':
      if (caps.cards.native && message.cards.length <= caps.cards.maxCount) return [message];
      return splitText(
        [message.text, ...message.cards.map((c, i) => `${i + 1}. ${c.title}${c.subtitle ? ` — ${c.subtitle}` : ''}`)]
          .filter(Boolean)
          .join('\n'),
        caps.maxTextLength,
      ).map((text) => ({ kind: 'text', text }));
    case 'media':
      if (caps.media) return [message];
      return [{ kind: 'text', text: [message.caption, message.url].filter(Boolean).join('\n') }];
  }
}

export function numbered(text: string, choices: Choice[]): string {
  return [text, ...choices.map((c, i) => `${i + 1}. ${c.label}`)].join('\n');
}

/** Keeps the buttons on the last part when the lead text itself is too long. */
function withSplitLead(
  text: string,
  caps: ChannelCapabilities,
  last: (text: string) => OutboundMessage,
): OutboundMessage[] {
  const parts = splitText(text, caps.maxTextLength);
  return parts.map((p, i) => (i === parts.length - 1 ? last(p) : { kind: 'text', text: p }));
}

/** Splits at paragraph, then sentence, then word boundaries; never inside a word if avoidable. */
export function splitText(text: string, max: number): string[] {
  if ([...text].length <= max) return [text];
  const out: string[] = [];
  let rest = text;
  while ([...rest].length > max) {
    const window = [...rest].slice(0, max).join('');
    const cut =
      lastBreak(window, /\n\n/g) ?? lastBreak(window, /\n/g) ?? lastBreak(window, /[.!?…](\s)/g) ?? lastBreak(window, /\s/g) ?? window.length;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

function lastBreak(window: string, re: RegExp): number | undefined {
  let best: number | undefined;
  for (const m of window.matchAll(re)) {
    const end = m.index + m[0].length;
    // Avoid tiny first chunks: a break in the first third is not worth it.
    if (end > window.length / 3) best = end;
  }
  return best;
}
