/**
 * Membership tests: the transcript app with its HTTP surface (officer API, card routes), officer
 * bearer tokens scoped to a unit, and what a worker's chat received as notices.
 */
import { randomUUID } from 'node:crypto';
import { mintOfficerToken } from '../../src/cases/token.ts';
import type { OutboundMessage } from '../../src/core/model.ts';
import { registerHttp } from '../../src/http/routes.ts';
import type { OfficerRole } from '../../src/officers/context.ts';
import { openMessage, type StoredMessage } from '../../src/pipeline/seal.ts';
import type { App } from '../../src/app/app.ts';
import type { Transcript } from '../transcript.ts';

/** Serves the officer and public routes on the transcript's app (openTranscript runs without HTTP). */
export async function withHttp(chat: Transcript): Promise<void> {
  const { app } = chat;
  await registerHttp(app.http, {
    config: app.config,
    db: app.db,
    adapters: app.adapters,
    queue: app.queue,
    log: app.log,
    notifier: app.notifier,
    keyring: app.services.keyring,
    clock: app.services.clock,
  });
  await app.http.ready();
}

export interface Officer {
  id: string;
  headers: Record<string, string>;
}

/** A bearer token for an officer whose scope is the subtree of the unit with this code. */
export async function officerOf(app: App, unitCode: string, role: OfficerRole = 'officer'): Promise<Officer> {
  const unit = await app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code: unitCode }, select: { path: true } });
  const id = randomUUID();
  const token = mintOfficerToken(app.services.keyring, { officerId: id, unitCode, scopePath: unit.path, role }, { now: app.services.clock() });
  return { id, headers: { authorization: `Bearer ${token}` } };
}

/** Messages queued to a conversation that were not replies to something the worker sent (notices). */
export async function noticesTo(app: App, conversationId: string): Promise<OutboundMessage[]> {
  const rows = await app.db.prisma.outboxMessage.findMany({ where: { conversationId, inboxId: null }, orderBy: { id: 'asc' } });
  return rows.map((r) => openMessage(app.services.keyring, r.message as unknown as StoredMessage));
}

export const textOf = (m: OutboundMessage): string => ('text' in m ? (m.text ?? '') : m.kind === 'media' ? (m.caption ?? '') : '');

/** Width and height from a PNG's IHDR chunk, after checking the 8-byte signature. */
export function pngSize(buf: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!buf.subarray(0, 8).equals(signature)) throw new Error('not a PNG');
  if (buf.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('PNG without IHDR first');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** The path part of a card image URL: "/card/<token>.png" → token. */
export function tokenOf(cardUrl: string): string {
  const m = /\/card\/([A-Za-z0-9_-]+)\.png$/.exec(cardUrl);
  if (!m) throw new Error(`not a card URL: ${cardUrl}`);
  return m[1]!;
}
