import type { PlatformCall } from '../../../src/channels/contract.ts';

type Body = {
  message?: {
    text?: string;
    quick_replies?: Array<{ content_type: string; title?: string; payload?: string }>;
    attachment?: { type: string; payload: Record<string, any> };
  };
};

type Button = { type: string; title: string; payload?: string; url?: string };

/** Send API calls -> what the worker's phone shows, one string per bubble, buttons as "[label]". */
export function seenBubbles(calls: PlatformCall[]): string[] {
  return sendCalls(calls).flatMap((c) => {
    const m = (c.body as Body).message;
    if (!m) return []; // typing indicators
    if (m.text !== undefined) {
      const buttons = (m.quick_replies ?? []).map((q) => (q.content_type === 'text' ? `[${q.title}]` : `[${q.content_type}]`));
      return [[m.text, buttons.join(' ')].filter(Boolean).join('\n')];
    }
    const a = m.attachment;
    if (!a) return [];
    if (a.type !== 'template') return [`[${a.type}] ${a.payload.url}`];
    if (a.payload.template_type === 'button') return [[a.payload.text, labels(a.payload.buttons)].join('\n')];
    return (a.payload.elements as Array<{ title: string; subtitle?: string; buttons?: Button[] }>).map((e) =>
      [e.title, e.subtitle, e.buttons?.length ? labels(e.buttons) : undefined].filter(Boolean).join('\n'),
    );
  });
}

/** The choice keys a call offers: quick replies and postback buttons (links and the phone button carry none). */
export function offeredChoices(call: PlatformCall): Array<{ key: string; label: string }> {
  const m = (call.body as Body).message;
  if (!m) return [];
  const quick = (m.quick_replies ?? []).filter((q) => q.content_type === 'text').map((q) => ({ key: String(q.payload), label: q.title ?? '' }));
  const p = m.attachment?.type === 'template' ? m.attachment.payload : undefined;
  const buttons: Button[] = p ? (p.template_type === 'button' ? p.buttons : (p.elements as Array<{ buttons?: Button[] }>).flatMap((e) => e.buttons ?? [])) : [];
  return [...quick, ...buttons.filter((b) => b.type === 'postback').map((b) => ({ key: String(b.payload), label: b.title }))];
}

export function sendCalls(calls: PlatformCall[]): PlatformCall[] {
  return calls.filter((c) => c.method === 'POST' && c.path.endsWith('/me/messages'));
}

function labels(buttons: Button[]): string {
  return buttons.map((b) => `[${b.title}]`).join(' ');
}
