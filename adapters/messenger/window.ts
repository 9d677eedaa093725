import type { SendRequest } from '../../src/channels/types.ts';

export type Delivery = { messaging_type: 'RESPONSE' } | { messaging_type: 'MESSAGE_TAG'; tag: 'HUMAN_AGENT' | 'ACCOUNT_UPDATE' | 'CONFIRMED_EVENT_UPDATE' };

export type WindowDecision = { ok: true; delivery: Delivery } | { ok: false; reason: string };

export interface WindowRules {
  standardHours: number;
  humanAgentHours: number;
  humanAgentTag: boolean;
}

const HOUR = 3_600_000;

/**
 * Picks how a message may go out before sending it, instead of learning it from error 10/2018278
 * (platforms.md 5.4 rule 5): inside the standard window anything goes as RESPONSE; after it only
 * an officer's own words, tagged HUMAN_AGENT, until the extended window closes; a bot's message
 * then is not sent at all, unless it is a system notice carrying a utility tag (ACCOUNT_UPDATE,
 * CONFIRMED_EVENT_UPDATE).
 */
export function decideWindow(req: Pick<SendRequest, 'window' | 'origin' | 'tag'>, now: number, rules: WindowRules): WindowDecision {
  // No bookkeeping from the caller: let Meta judge, its refusal is classified as permanent anyway.
  if (!req.window) return { ok: true, delivery: { messaging_type: 'RESPONSE' } };
  const last = req.window.lastInboundAt;
  if (last === null) return { ok: false, reason: 'Messenger window closed: the worker has never written to the Page, so it cannot be messaged first; not retried' };
  const age = Math.max(0, now - last);
  if (age <= rules.standardHours * HOUR) return { ok: true, delivery: { messaging_type: 'RESPONSE' } };

  const since = `the worker last wrote ${formatAge(age)} ago`;
  // A system notice of a permitted kind (the person's application or case changed, a reminder
  // they asked for) carries its utility tag: non-promotional 1:1 updates may go outside the window.
  if (req.origin !== 'officer' && req.tag) return { ok: true, delivery: { messaging_type: 'MESSAGE_TAG', tag: req.tag } };
  if (req.origin !== 'officer') {
    return { ok: false, reason: `Messenger window closed: ${since}; automated messages are only allowed within ${rules.standardHours} h. Not sent, not retried` };
  }
  if (!rules.humanAgentTag) {
    return { ok: false, reason: `Messenger window closed: ${since}; replies after ${rules.standardHours} h need the HUMAN_AGENT tag, which is turned off (MESSENGER_HUMAN_AGENT_TAG). Not retried` };
  }
  if (age <= rules.humanAgentHours * HOUR) return { ok: true, delivery: { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' } };
  return { ok: false, reason: `Messenger window closed: ${since}; officers may answer for ${formatAge(rules.humanAgentHours * HOUR)} after the worker's last message. Not retried` };
}

function formatAge(ms: number): string {
  const hours = Math.floor(ms / HOUR);
  return hours >= 48 ? `${Math.floor(hours / 24)} days` : `${hours} h`;
}
