import type { InboundEvent, OutboundMessage } from '../core/model.ts';
import type { Keyring } from '../security/crypto.ts';

/**
 * What a worker types (a CCCD, a phone number, a grievance) and what the assistant answers (a
 * summary with their name and date of birth) is personal data, so message bodies are sealed at
 * rest in the inbox and the outbox. Only routing facts stay readable for SQL: kind, ids, keys.
 */
type Sealed = { sealed: string };

export type StoredEvent = Omit<InboundEvent, 'text' | 'contact' | 'attachments' | 'location' | 'displayName'> & Sealed;
export type StoredMessage = { kind: OutboundMessage['kind'] } & Sealed;

export function sealEvent(keyring: Keyring, event: InboundEvent): StoredEvent {
  const { text, contact, attachments, location, displayName, ...rest } = event;
  return { ...rest, sealed: keyring.seal(JSON.stringify({ text, contact, attachments, location, displayName })) };
}

export function openEvent(keyring: Keyring, stored: StoredEvent | InboundEvent): InboundEvent {
  if (!('sealed' in stored)) return stored;
  const { sealed, ...rest } = stored;
  return { ...rest, ...(JSON.parse(keyring.open(sealed)) as Partial<InboundEvent>) } as InboundEvent;
}

export function sealMessage(keyring: Keyring, message: OutboundMessage): StoredMessage {
  return { kind: message.kind, sealed: keyring.seal(JSON.stringify(message)) };
}

export function openMessage(keyring: Keyring, stored: StoredMessage | OutboundMessage): OutboundMessage {
  if (!('sealed' in stored)) return stored;
  return JSON.parse(keyring.open(stored.sealed)) as OutboundMessage;
}
