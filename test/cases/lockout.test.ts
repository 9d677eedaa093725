/**
 * Guessing a case's access key from other chats: five wrong keys lock that code for 15 minutes
 * for everyone (a database row: every chat and every process sees it), an unknown code locks
 * the same way (so the lock says nothing about existence), and the right key works again after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_ALPHABET } from '../../src/registration/code.ts';
import { openTranscript, type Transcript, type Worker } from '../transcript.ts';
import { codeIn, fillUpToEvidence, keyIn, WAGES } from './helpers.ts';

const NOW = new Date('2026-11-22T09:00:00+07:00');

async function file(w: Worker): Promise<{ code: string; key: string }> {
  await fillUpToEvidence(w, { ...WAGES, affected: '3' });
  await w.says('khong co');
  await w.says('khong can');
  const done = await w.says('dung roi');
  return { code: codeIn(done.text)!, key: keyIn(done.text)! };
}

/** One lookup by code and key from a chat that did not file the case; the bot's last answer. */
async function lookup(w: Worker, code: string, key: string): Promise<string> {
  await w.says('tra cuu phan anh');
  await w.says(code);
  return (await w.says(key)).text;
}

/** The n-th wrong key: well-formed (so it is checked, not asked again), never the real one. */
const wrongKey = (key: string, n: number) => {
  const k = `ABCDE${CODE_ALPHABET[n]}`;
  return k === key ? `ABCDE${CODE_ALPHABET[n + 10]}` : k;
};

describe('case access key lockout', () => {
  let chat: Transcript;
  beforeAll(async () => {
    chat = await openTranscript({ now: NOW });
  });
  afterAll(() => chat.close());

  it('five wrong keys lock the code for everyone for 15 minutes; the right key works again after', async () => {
    const { code, key } = await file(chat.worker('lock-owner', 'zalo'));
    const guesser = chat.worker('lock-guesser', 'messenger');
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) answers.push(await lookup(guesser, code, wrongKey(key, i)));
    for (const a of answers.slice(0, 4)) expect(a).toMatch(/không tìm thấy phản ánh nào khớp/);
    expect(answers[4]).toMatch(/tạm khóa tra cứu.*15 phút/);

    // the right key, from another chat on another channel: still locked, and nothing of the case shows
    const owner2 = chat.worker('lock-owner-elsewhere', 'telegram');
    const locked = await lookup(owner2, code, key);
    expect(locked).toMatch(/tạm khóa tra cứu/);
    expect(locked).not.toMatch(/Nợ, chậm lương|Tình trạng/);

    const row = await chat.app.db.prisma.caseKeyLockout.findMany();
    expect(row).toHaveLength(1);
    // keyed by a keyed hash: no case code in clear in the lockout table
    expect(JSON.stringify(row)).not.toContain(code);

    chat.setNow(new Date(NOW.getTime() + 15 * 60_000 + 1_000));
    const open = await lookup(owner2, code, key);
    expect(open).toContain(code);
    expect(open).toMatch(/Tình trạng: Mới tiếp nhận/);
    chat.setNow(NOW);
  });

  it('an unknown code locks exactly like a real one, so the lock reveals nothing', async () => {
    const { code: real, key } = await file(chat.worker('lock-owner-2', 'webchat'));
    const ghost = 'PA-2026-099999';
    const onReal: string[] = [];
    const onGhost: string[] = [];
    const a = chat.worker('lock-probe-a', 'telegram');
    const b = chat.worker('lock-probe-b', 'telegram');
    for (let i = 0; i < 6; i++) {
      onReal.push(await lookup(a, real, wrongKey(key, i)));
      onGhost.push(await lookup(b, ghost, wrongKey(key, i)));
    }
    expect(onGhost).toEqual(onReal);
    expect(onReal[5]).toMatch(/tạm khóa tra cứu/);
  });

  it('the worker\'s own chat lists the case without any key, lock or not', async () => {
    const w = chat.worker('lock-owner-3', 'telegram');
    const { code, key } = await file(w);
    const g = chat.worker('lock-guesser-3', 'zalo');
    for (let i = 0; i < 5; i++) await lookup(g, code, wrongKey(key, i));
    const own = await w.says('tra cuu phan anh');
    expect(own.text).toContain(code);
  });
});
