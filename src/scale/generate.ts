/**
 * National-scale data generator (issue 8): the org tree of src/org/seed-data.ts (34 provincial
 * federations, central sector unions, ~120,000 grassroots unions at 11 M members), then people
 * streamed in batches: members with keyed phone/CCCD hashes, channel identities and their
 * conversations, membership registrations (personal data sealed like src/registration/service.ts),
 * grievance cases (routed_path set, statuses spread by age) and handoffs.
 *
 * Memory stays flat: a person is a pure function of (seed, index) (person.ts), a batch is written
 * and dropped, and only the grassroots units (id, path, province) are held, ~40 MB at 120,000.
 * Same seed and as-of date, same rows (ids included); only the sealed values differ between runs
 * because AES-GCM draws a random IV, as it must.
 */
import type { Database } from '../db/client.ts';
import type { Keyring } from '../security/crypto.ts';
import { generateOrgTree, DEFAULT_SEED } from '../org/seed-data.ts';
import { loadOrgTree } from '../org/load.ts';
import { cccdHash, phoneHash } from '../registration/lookup.ts';
import { accessKeyHash } from '../cases/service.ts';
import { formatCaseCode, vnYear } from '../cases/code.ts';
import { CASE_CATEGORIES, type CaseStatus } from '../cases/types.ts';
import { seededRandom } from '../util/random.ts';
import { Batch } from './batch.ts';
import { CASE_TEXTS } from './names.ts';
import { MAX_PEOPLE, memberNoOf, mix, permute, person, registrationCodeOf, rowId } from './person.ts';
import { refreshDashboardRollup } from './rollup.ts';
import { dropSecondaryIndexes, recreateIndexes, type SavedIndex } from './bulk-indexes.ts';

/** PGlite is one in-process backend: beyond this the embedded database is the wrong tool. */
export const EMBEDDED_MAX_MEMBERS = 50_000;
export const MAX_MEMBERS = 11_000_000;
/** average members per grassroots union nationally (≈11 M / 120,000) */
const MEMBERS_PER_UNION = 92;

export class ScaleError extends Error {}

export interface ScaleOptions {
  members: number;
  seed?: number;
  /** the generated history ends here (default: today 00:00 UTC, so a rerun the same day is identical) */
  asOf?: Date;
  /** grassroots unions (default members / 92, between 40 and 120,000) */
  grassroots?: number;
  /** people per statement (default 4000) */
  batchSize?: number;
  /** drop secondary indexes while loading empty tables and rebuild them after (PostgreSQL only, default true) */
  bulkIndexes?: boolean;
  onProgress?(p: { phase: 'org' | 'people' | 'indexes' | 'rollup'; done: number; total: number }): void;
}

export interface ScaleCounts {
  orgUnits: number;
  grassroots: number;
  members: number;
  applicants: number;
  identities: number;
  conversations: number;
  registrations: number;
  cases: number;
  handoffs: number;
}

export interface ScaleResult {
  counts: ScaleCounts;
  seconds: { org: number; people: number; indexes: number; rollup: number; total: number };
}

interface Unit {
  id: string;
  path: string;
  province: string;
  employer: string;
  address: string;
}

// Row-id table numbers (rowId): one id space per table, per seed.
const T = { member: 1, identity: 2, conversation: 3, registration: 4, grievance: 5, handoff: 6 } as const;
const CHANNELS = [
  ['zalo', 0.55, 'oa-congdoan'],
  ['messenger', 0.25, 'page-congdoan'],
  ['webchat', 0.13, 'default'],
  ['telegram', 0.07, 'congdoan_bot'],
] as const;
const DAY = 86_400_000;

export function defaultGrassroots(members: number): number {
  return Math.min(120_000, Math.max(40, Math.round(members / MEMBERS_PER_UNION)));
}

/** People beyond the members: applicants who wrote to the bot and are not (yet) members. */
export function applicantsFor(members: number): number {
  return Math.round(members * 0.01);
}

export async function generateNationalData(db: Database, keyring: Keyring, opts: ScaleOptions): Promise<ScaleResult> {
  const seed = (opts.seed ?? DEFAULT_SEED) >>> 0;
  const members = opts.members;
  if (!Number.isInteger(members) || members < 1) throw new ScaleError('--members must be a positive integer');
  if (members > MAX_MEMBERS) throw new ScaleError(`--members is at most ${MAX_MEMBERS.toLocaleString('en')}`);
  if (db.kind === 'pglite' && members > EMBEDDED_MAX_MEMBERS) {
    throw new ScaleError(
      `The embedded database (PGlite) holds at most ${EMBEDDED_MAX_MEMBERS.toLocaleString('en')} generated members. ` +
        'Set DATABASE_URL (and DATABASE_SCHEMA) to a PostgreSQL server for national sizes.',
    );
  }
  const applicants = applicantsFor(members);
  if (members + applicants > MAX_PEOPLE) throw new ScaleError('too many people for the number spaces');
  const asOf = opts.asOf ?? new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
  const grassroots = opts.grassroots ?? defaultGrassroots(members);
  const batchSize = opts.batchSize ?? 4000;
  const progress = opts.onProgress ?? (() => {});
  const t0 = performance.now();
  // ids are a function of (seed, index): a second run of the same seed would collide row by row
  if ((await db.sql.query(`SELECT 1 FROM member WHERE id = $1::uuid`, [rowId(seed, 1, 0)])).length > 0) {
    throw new ScaleError(`Seed ${seed} was already generated into this schema: use a fresh --schema or another --seed.`);
  }

  // 1. the org tree (idempotent: an existing tree of the same seed is kept)
  const orgTotal = grassroots + 1000;
  await loadOrgTree(db.prisma, generateOrgTree({ size: 'full', seed, grassroots }), {
    onProgress: (done) => progress({ phase: 'org', done, total: Math.max(done, orgTotal) }),
  });
  const t1 = performance.now();

  const units = await db.sql.query<{ id: string; path: string; province_code: string; employer: string | null; name: string; address: string | null }>(
    `SELECT id::text, path, province_code, employer, name, address FROM org_unit WHERE kind = 'grassroots' ORDER BY code`,
  );
  if (units.length === 0) throw new ScaleError('no grassroots unions in org_unit');
  const unitList: Unit[] = units.map((u) => ({
    id: u.id,
    path: u.path,
    province: u.province_code,
    employer: u.employer ?? u.name,
    address: u.address ?? '',
  }));
  const provinces = new Map(
    (await db.sql.query<{ id: string; path: string; province_code: string }>(`SELECT id::text, path, province_code FROM org_unit WHERE kind = 'province'`)).map(
      (p) => [p.province_code, { id: p.id, path: p.path }],
    ),
  );

  // 2. people, streamed
  let saved: SavedIndex[] = [];
  if (db.kind === 'postgres' && (opts.bulkIndexes ?? true)) saved = await dropSecondaryIndexes(db);
  const counts: ScaleCounts = {
    orgUnits: Number((await db.sql.query<{ n: string }>(`SELECT count(*)::text n FROM org_unit`))[0]!.n),
    grassroots: unitList.length,
    members,
    applicants,
    identities: 0,
    conversations: 0,
    registrations: 0,
    cases: 0,
    handoffs: 0,
  };
  const gen = new PeopleWriter(seed, asOf, unitList, provinces, keyring, counts);
  const total = members + applicants;
  const inFlight = new Set<Promise<void>>();
  const maxInFlight = db.kind === 'postgres' ? 2 : 1;
  let written = 0;
  let failure: unknown = null;
  const timings = { people: 0, indexes: 0 };
  try {
    for (let start = 0; start < total && !failure; start += batchSize) {
      const end = Math.min(total, start + batchSize);
      const batch = new Batch();
      for (let i = start; i < end; i++) gen.add(batch, i, i < members);
      const stmt = batch.statement();
      if (!stmt) continue;
      const p: Promise<void> = db.sql
        .query(stmt.text, stmt.params)
        .then(() => {
          written += end - start;
          progress({ phase: 'people', done: written, total });
        })
        .catch((err: unknown) => {
          failure ??= err;
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      // generating the next batch overlaps with PostgreSQL writing this one
      if (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (failure) throw failure;
  } finally {
    await Promise.all(inFlight);
    const t2 = performance.now();
    if (saved.length > 0) {
      await recreateIndexes(db, saved, (done) => progress({ phase: 'indexes', done, total: saved.length }));
    }
    if (db.kind === 'postgres') {
      await db.sql.query(`ANALYZE org_unit, member, channel_identity, conversation, registration, grievance_case, handoff`);
    }
    timings.people = (t2 - t1) / 1000;
    timings.indexes = (performance.now() - t2) / 1000;
  }
  // 3. the dashboard rollup over the whole generated history
  progress({ phase: 'rollup', done: 0, total: 1 });
  const rollup = await refreshDashboardRollup(db, { now: asOf });
  progress({ phase: 'rollup', done: 1, total: 1 });
  return {
    counts,
    seconds: { org: (t1 - t0) / 1000, people: timings.people, indexes: timings.indexes, rollup: rollup.seconds, total: (performance.now() - t0) / 1000 },
  };
}

/** Turns person i into rows. All randomness comes from (seed, i): reruns are identical. */
class PeopleWriter {
  private caseSeq = 0;
  constructor(
    private readonly seed: number,
    private readonly asOf: Date,
    private readonly units: readonly Unit[],
    private readonly provinces: ReadonlyMap<string, { id: string; path: string }>,
    private readonly keyring: Keyring,
    private readonly counts: ScaleCounts,
  ) {}

  private ago(days: number, rnd: () => number): Date {
    return new Date(this.asOf.getTime() - days * DAY - Math.floor(rnd() * DAY));
  }

  add(batch: Batch, i: number, isMember: boolean): void {
    const { seed, units, keyring } = this;
    const rnd = seededRandom(mix(seed ^ 0x51ce, i));
    const p = person(seed, i);
    // Union sizes are skewed (a few very large FDI unions, many small ones); the permutation
    // spreads the large ones over provinces instead of the first codes.
    const skewed = Math.min(units.length - 1, Math.floor(units.length * Math.pow(rnd(), 1.8)));
    const unit = units[permute(skewed, units.length, seed)]!;
    const phoneH = phoneHash(keyring, p.phone);
    const cccdH = cccdHash(keyring, p.cccd);
    const memberId = isMember ? rowId(seed, T.member, i) : null;
    const joinedAt = this.ago(Math.floor(3650 * rnd()), rnd);

    if (isMember) {
      batch.add('member', {
        id: memberId,
        member_no: memberNoOf(unit.province, i),
        full_name: p.fullName,
        org_unit_id: unit.id,
        cccd_hash: cccdH,
        phone_hash: phoneH,
        status: 'active',
        joined_at: joinedAt,
        created_at: joinedAt,
      });
    }

    // ~42 % of members ever wrote to the assistant; 12 % of those on a second channel too.
    const identities = isMember ? (rnd() < 0.42 ? (rnd() < 0.12 ? 2 : 1) : 0) : 1;
    if (identities === 0) return;
    const first = this.pickChannel(rnd());
    const channels = identities === 2 ? [first, (first + 1 + Math.floor(rnd() * 3)) % 4] : [first];
    let firstConversation = '';
    let firstIdentity = '';
    let firstChannel = '';
    let firstAt = this.asOf;
    for (let k = 0; k < channels.length; k++) {
      const [channel, , account] = CHANNELS[channels[k]!]!;
      this.counts.identities++;
      const identityId = rowId(seed, T.identity, 2 * i + k);
      const conversationId = rowId(seed, T.conversation, 2 * i + k);
      // recent activity is denser: days ago ~ 730·u²
      const createdAt = this.ago(Math.floor(730 * rnd() * rnd()), rnd);
      const lastIn = new Date(Math.min(this.asOf.getTime(), createdAt.getTime() + Math.floor(rnd() * 60 * DAY)));
      const platformUserId = `${channel.slice(0, 2)}${(mix(seed, 2 * i + k) >>> 0).toString(36)}${(2 * i + k).toString(36)}`;
      batch.add('identity', {
        id: identityId,
        channel,
        account_id: account,
        platform_user_id: platformUserId,
        display_name: rnd() < 0.7 ? p.fullName : null,
        locale: rnd() < 0.97 ? 'vi' : 'en',
        member_id: memberId,
        created_at: createdAt,
      });
      batch.add('conversation', {
        id: conversationId,
        identity_id: identityId,
        channel,
        account_id: account,
        external_id: platformUserId,
        locale: 'vi',
        owner: 'bot',
        turn_count: 1 + Math.floor(rnd() * rnd() * 60),
        last_inbound_at: lastIn,
        last_outbound_at: lastIn,
        created_at: createdAt,
        updated_at: lastIn,
      });
      this.counts.conversations++;
      if (k === 0) {
        firstConversation = conversationId;
        firstIdentity = identityId;
        firstChannel = channel;
        firstAt = createdAt;
      }
      // ~8 % of conversations were handed to an officer once
      if (rnd() < 0.08) this.handoff(batch, rnd, 2 * i + k, conversationId, memberId, isMember ? unit : null, p.index, createdAt);
    }

    // Registrations: members who joined through the assistant, and every applicant.
    const joinedHere = isMember && rnd() < 0.2;
    const hasUnit = isMember || rnd() < 0.7;
    if (joinedHere || !isMember) {
      const status = isMember ? 'da_duyet' : rnd() < 0.65 ? 'cho_duyet' : 'tu_choi';
      const routed = hasUnit ? { id: unit.id } : this.provinces.get(unit.province)!;
      const createdAt = isMember ? new Date(Math.min(firstAt.getTime(), joinedAt.getTime())) : firstAt;
      batch.add('registration', {
        id: rowId(seed, T.registration, i),
        code: registrationCodeOf(seed, i, vnYear(createdAt)),
        status,
        full_name: p.fullName,
        dob_enc: keyring.seal(p.dob),
        gender: p.gender,
        cccd_enc: keyring.seal(p.cccd),
        cccd_hash: cccdH,
        phone_enc: keyring.seal(p.phone),
        phone_hash: phoneH,
        employer: unit.employer,
        workplace_address: unit.address,
        province_code: unit.province,
        org_unit_id: hasUnit ? unit.id : null,
        routed_to_id: routed.id,
        member_id: status === 'da_duyet' ? memberId : null,
        identity_id: firstIdentity,
        channel: firstChannel,
        locale: 'vi',
        decision_note: status === 'tu_choi' ? 'Không thuộc đối tượng kết nạp' : null,
        created_at: createdAt,
        decided_at: status === 'cho_duyet' ? null : new Date(createdAt.getTime() + Math.floor(rnd() * 7 * DAY)),
      });
      this.counts.registrations++;
    }

    // ~3 % of people who use the assistant file a grievance.
    if (rnd() < 0.03) this.grievance(batch, rnd, i, unit, hasUnit, memberId, firstIdentity, firstConversation, firstChannel, firstAt);
  }

  private pickChannel(r: number): number {
    let x = r;
    for (let k = 0; k < CHANNELS.length; k++) {
      if ((x -= CHANNELS[k]![1]) < 0) return k;
    }
    return 0;
  }

  private grievance(
    batch: Batch,
    rnd: () => number,
    i: number,
    unit: Unit,
    hasUnit: boolean,
    memberId: string | null,
    identityId: string,
    conversationId: string,
    channel: string,
    after: Date,
  ): void {
    const createdAt = new Date(after.getTime() + Math.floor(rnd() * (this.asOf.getTime() - after.getTime())));
    const ageDays = (this.asOf.getTime() - createdAt.getTime()) / DAY;
    const aboutUnion = hasUnit && rnd() < 0.05;
    const toProvince = !hasUnit || aboutUnion;
    const routed = toProvince ? this.provinces.get(unit.province)! : { id: unit.id, path: unit.path };
    const category = CASE_CATEGORIES[Math.floor(rnd() * CASE_CATEGORIES.length)]!;
    const urgent = rnd() < 0.06;
    const seq = ++this.caseSeq;
    batch.add('grievance', {
      id: rowId(this.seed, T.grievance, i),
      // sequence per generated run; 7+ digits only past a million cases
      code: formatCaseCode(vnYear(createdAt), seq),
      access_key_hash: accessKeyHash(this.keyring, `G${i}`),
      status: caseStatus(rnd(), ageDays),
      category,
      urgent,
      urgency: urgent ? (category === 'safety' ? 'danger' : 'wages_many') : null,
      employer: unit.employer,
      province_code: unit.province,
      org_unit_id: hasUnit ? unit.id : null,
      routed_to_id: routed.id,
      routed_path: routed.path,
      about_union: aboutUnion,
      description_enc: this.keyring.seal(CASE_TEXTS[Math.floor(rnd() * CASE_TEXTS.length)]!),
      discovered_on: new Date(createdAt.getTime() - Math.floor(rnd() * 30) * DAY).toISOString().slice(0, 10),
      affected_count: rnd() < 0.8 ? 1 : 2 + Math.floor(rnd() * 200),
      anonymous: rnd() < 0.25,
      member_id: memberId,
      identity_id: identityId,
      conversation_id: conversationId,
      channel,
      locale: 'vi',
      created_at: createdAt,
      updated_at: new Date(Math.min(this.asOf.getTime(), createdAt.getTime() + Math.floor(rnd() * 20 * DAY))),
    });
    this.counts.cases++;
  }

  private handoff(
    batch: Batch,
    rnd: () => number,
    n: number,
    conversationId: string,
    memberId: string | null,
    unit: Unit | null,
    personIndex: number,
    conversationAt: Date,
  ): void {
    const target = unit ?? (() => {
      const u = this.units[personIndex % this.units.length]!;
      const p = this.provinces.get(u.province)!;
      return { id: p.id, path: p.path };
    })();
    const requestedAt = new Date(conversationAt.getTime() + Math.floor(rnd() * 2 * DAY));
    if (requestedAt > this.asOf) return;
    const slaDue = new Date(requestedAt.getTime() + 30 * 60_000);
    // first response: minutes, log-normal-ish with a long tail past the SLA
    const waitMs = Math.floor(60_000 * Math.exp(rnd() * 4.5));
    const responded = new Date(requestedAt.getTime() + waitMs);
    const open = responded > this.asOf;
    const breached = responded > slaDue;
    const closedAt = open ? null : new Date(Math.min(this.asOf.getTime(), responded.getTime() + Math.floor(rnd() * 3_600_000)));
    batch.add('handoff', {
      id: rowId(this.seed, T.handoff, n),
      conversation_id: conversationId,
      member_id: memberId,
      unit_id: target.id,
      unit_path: target.path,
      origin_unit_id: target.id,
      status: open ? 'waiting' : 'closed',
      urgent: rnd() < 0.05,
      reason: rnd() < 0.7 ? 'worker_asked' : 'misunderstood',
      requested_at: requestedAt,
      assigned_at: open ? null : responded,
      first_response_at: open ? null : responded,
      sla_due_at: slaDue,
      escalation_level: breached ? 1 : 0,
      escalated_at: breached ? slaDue : null,
      closed_at: closedAt,
      closed_by: open ? null : 'idle',
      csat: open || rnd() < 0.5 ? null : 3 + Math.floor(rnd() * 3),
      last_activity_at: closedAt ?? requestedAt,
    });
    this.counts.handoffs++;
  }
}

/** Old cases are mostly settled; recent ones mostly open. */
function caseStatus(r: number, ageDays: number): CaseStatus {
  const spread: ReadonlyArray<readonly [CaseStatus, number]> =
    ageDays > 60
      ? [['da_giai_quyet', 0.55], ['dong', 0.25], ['chuyen_co_quan', 0.12], ['dang_xu_ly', 0.08]]
      : [['moi', 0.3], ['dang_xu_ly', 0.35], ['cho_bo_sung', 0.12], ['da_giai_quyet', 0.15], ['dong', 0.05], ['chuyen_co_quan', 0.03]];
  let x = r;
  for (const [s, w] of spread) if ((x -= w) < 0) return s;
  return spread[0]![0];
}
