import type { OutboundMessage } from '../../src/core/model.ts';
import type { ChannelCapabilities } from '../../src/channels/types.ts';
import { degrade, numbered, splitText } from '../../src/channels/render.ts';

export type Recipient = { message_id: string } | { user_id: string };

interface Template {
  type: 'template';
  payload:
    | { template_type: 'media'; elements: Array<{ media_type: 'image'; url: string }> }
    | { template_type: 'request_user_info'; elements: Array<{ title: string; subtitle: string; image_url: string }> };
}

/** The `message` object of one /v3.0/oa/message/cs call (shapes: platforms.md §1.5). */
export type ZaloMessage = { text: string } | { text?: string; attachment: Template };

export interface RenderOptions {
  capabilities: ChannelCapabilities;
  /** banner of the request_user_info card (the card needs one) */
  requestInfoImageUrl?: string;
}

/** One OutboundMessage → the Zalo messages that show it, in order (one bubble each). */
export function toZaloMessages(message: OutboundMessage, opts: RenderOptions): ZaloMessage[] {
  const max = opts.capabilities.maxTextLength;
  const texts = (text: string): ZaloMessage[] => splitText(text, max).filter(Boolean).map((t) => ({ text: t }));
  return degrade(message, opts.capabilities).flatMap((part): ZaloMessage[] => {
    switch (part.kind) {
      case 'text':
        return texts(part.text);
      case 'media': {
        // A file needs a token from Zalo's upload API; a link in text reaches the worker just as well.
        if (part.mediaType === 'file') return texts([part.caption ?? part.name, part.url].filter(Boolean).join('\n'));
        const attachment: Template = { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'image', url: part.url }] } };
        const caption = part.caption?.trim();
        if (!caption) return [{ attachment }];
        if ([...caption].length <= max) return [{ text: caption, attachment }];
        return [{ attachment }, ...texts(caption)];
      }
      case 'request_contact':
        if (!opts.requestInfoImageUrl) return texts(part.text);
        return [
          {
            attachment: {
              type: 'template',
              payload: {
                template_type: 'request_user_info',
                elements: [{ title: part.buttonLabel, subtitle: part.text, image_url: opts.requestInfoImageUrl }],
              },
            },
          },
        ];
      // degrade() turns these into text on Zalo; kept total so a capability change cannot send nothing.
      case 'choices':
        return texts(numbered(part.text, part.choices));
      case 'cards':
        return texts([part.text, ...part.cards.map((c, i) => `${i + 1}. ${c.title}`)].filter(Boolean).join('\n'));
    }
  });
}
