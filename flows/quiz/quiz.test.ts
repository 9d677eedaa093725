import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openTranscript, type Transcript } from '../../test/transcript.ts';
import { phoneHash } from '../../src/registration/lookup.ts';
import { phoneKey } from '../../src/quiz/service.ts';
import { addContest, attemptsOfContest, testContest, typedAnswer } from './test-helpers.ts';

let chat: Transcript;
const NOW = new Date('2026-11-22T09:00:00+07:00');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

beforeAll(async () => {
  chat = await openTranscript({ now: NOW });
});
afterAll(async () => {
  await chat?.close();
});

const personOf = (phone: string) => ({ personKey: phoneKey(phoneHash(chat.app.services.keyring, phone)) });

describe('practice quiz', () => {
  test('five random questions, each answered at once with the explanation and its article', async () => {
    const w = chat.worker('practice-1');
    let bot = await w.says('on luat');
    expect(bot.text).toMatch(/ôn luật/);
    expect(bot.text).toMatch(/Câu 1\/5/);
    expect(bot.choices.length).toBeGreaterThanOrEqual(2);
    for (let n = 1; n <= 5; n++) {
      // a tap on the first button: a single answer, a true/false, or one pick of a multiple choice
      const multiple = bot.choices.some((c) => c.key.endsWith(':ok'));
      bot = multiple ? await w.says('1,2') : await w.taps(bot.choices[0]!.label);
      expect(bot.text).toMatch(/Chính xác!|Chưa đúng rồi\. Đáp án đúng: /);
      expect(bot.text).toMatch(/📖 Căn cứ: Điều \d+/);
      if (n < 5) expect(bot.text).toMatch(new RegExp(`Câu ${n + 1}/5`));
    }
    expect(bot.text).toMatch(/Bạn trả lời đúng [0-5]\/5 câu/);
  });

  test('nonsense is not taken as an answer; the question is asked again', async () => {
    const w = chat.worker('practice-2');
    await w.says('trac nghiem');
    const bot = await w.says('hom nay troi dep');
    // the round is random: a true/false question is a choice step (the kit's "not an option"),
    // the others the quiz's own "did not understand the answer"
    expect(bot.text).toMatch(/chưa hiểu đáp án|chưa nhận ra lựa chọn/);
    expect(bot.text).toMatch(/Câu 1\/5/);
  });
});

test('practice in English: English texts and explanations', async () => {
  const w = chat.worker('practice-en');
  await w.says('English');
  let bot = await w.says('practice');
  expect(bot.text).toMatch(/Let's practise! I'll ask you 5 questions/);
  expect(bot.text).toMatch(/Question 1\/5/);
  bot = await w.says('1');
  expect(bot.text).toMatch(/Correct!|Not quite\. The right answer: /);
  expect(bot.text).toMatch(/Legal basis: Điều \d+/);
});

describe('law contest', () => {
  const contestId = 'thu-nghiem';
  beforeAll(async () => {
    await addContest(chat, testContest(contestId, minutes(-60), minutes(120)));
  });

  test('a non-member enters with name, phone and unit, answers every question and sees score and rank', async () => {
    const w = chat.worker('contest-1');
    let bot = await w.says('du thi');
    expect(bot.text).toMatch(/Cuộc thi thử thu-nghiem/);
    expect(bot.text).toMatch(/3 câu hỏi, làm trong 5 phút, mỗi người 1 lượt/);
    expect(bot.text).toMatch(/mã hóa/);
    bot = await w.says('dong y');
    expect(bot.text).toMatch(/họ và tên/);
    bot = await w.says('nguyen thi lan');
    expect(bot.text).toMatch(/điện thoại/);
    bot = await w.says('0912 345 678');
    expect(bot.text).toMatch(/đơn vị/);
    bot = await w.says('cty may song hong viet');
    expect(bot.text).toMatch(/bao nhiêu người sẽ tham gia/);
    bot = await w.says('15.000');
    expect(bot.choices.map((c) => c.label)).toEqual(['Bắt đầu', 'Để sau']);
    bot = await w.says('bat dau');
    expect(bot.text).toMatch(/Câu 1\/3 · còn 5 phút/);

    const me = personOf('+84912345678');
    chat.setNow(minutes(1));
    bot = await w.says(await typedAnswer(chat, contestId, me, 0));
    expect(bot.text).toMatch(/Câu 2\/3 · còn 4 phút/);
    expect(bot.text).not.toMatch(/Chính xác|Chưa đúng/);
    chat.setNow(minutes(2));
    bot = await w.says(await typedAnswer(chat, contestId, me, 1));
    chat.setNow(minutes(3));
    bot = await w.says(await typedAnswer(chat, contestId, me, 2));
    expect(bot.text).toMatch(/hoàn thành bài thi/);
    expect(bot.text).toMatch(/đúng 3\/3 câu, thời gian làm bài 3 phút 0 giây/);
    expect(bot.text).toMatch(/Xếp hạng hiện tại: 1\/1/);

    const [attempt] = await attemptsOfContest(chat, contestId);
    expect(attempt).toMatchObject({ status: 'finished', score: 3, durationMs: 180_000, prediction: 15000, channel: 'webchat', fullName: 'nguyen thi lan' });
    expect(attempt!.phoneEnc).not.toContain('0912');
    expect(chat.app.services.keyring.open(attempt!.phoneEnc!)).toBe('+84912345678');
    const answers = await chat.app.db.prisma.contestAnswer.findMany({ where: { attemptId: attempt!.id }, orderBy: { position: 'asc' } });
    expect(answers.map((a) => [a.correct, a.elapsedMs])).toEqual([
      [true, 60_000],
      [true, 60_000],
      [true, 60_000],
    ]);
    const consent = await chat.app.db.prisma.consent.findFirst({ where: { purpose: 'contest_participation' } });
    expect(consent?.granted).toBe(true);
  });

  test('a second attempt is refused, on the same channel and on another one with the same phone', async () => {
    for (const [id, channel] of [['contest-1', 'webchat'], ['contest-1-tg', 'telegram']] as const) {
      const w = chat.worker(id, channel);
      await w.says('du thi');
      await w.says('dong y');
      await w.says('Nguyen Thi Lan');
      const bot = await w.says('0912345678');
      expect(bot.text).toMatch(/đã dùng hết 1 lượt thi/);
      expect(bot.text).toMatch(/đúng 3\/3 câu/);
      expect(bot.text).toMatch(/Xếp hạng hiện tại: 1\/1/);
    }
    expect(await attemptsOfContest(chat, contestId)).toHaveLength(1);
  });

  test('an answer after the time limit is rejected and the attempt closes with what came in time', async () => {
    chat.setNow(minutes(10));
    const w = chat.worker('contest-late');
    await w.says('tham gia cuoc thi');
    await w.says('dong y');
    await w.says('Tran Van Binh');
    await w.says('0987 654 321');
    await w.says('Cong ty Dien tu Bac Ninh');
    await w.says('20000');
    let bot = await w.says('bat dau');
    expect(bot.text).toMatch(/Câu 1\/3/);
    const me = personOf('+84987654321');
    chat.setNow(minutes(11));
    bot = await w.says(await typedAnswer(chat, contestId, me, 0));
    expect(bot.text).toMatch(/Câu 2\/3/);
    chat.setNow(minutes(15) );
    chat.setNow(new Date(minutes(15).getTime() + 1000)); // 5 min 1 s after the start
    bot = await w.says(await typedAnswer(chat, contestId, me, 1));
    expect(bot.text).toMatch(/Đã hết giờ làm bài/);
    expect(bot.text).toMatch(/đúng 1\/3 câu, thời gian làm bài 5 phút 0 giây/);
    expect(bot.text).toMatch(/Xếp hạng hiện tại: 2\/2/);
    const [attempt] = await attemptsOfContest(chat, contestId);
    expect(attempt).toMatchObject({ status: 'timed_out', score: 1 });
    expect(await chat.app.db.prisma.contestAnswer.count({ where: { attemptId: attempt!.id } })).toBe(1);
  });

  test('after the contest closes no attempt can start', async () => {
    chat.setNow(minutes(121));
    const bot = await chat.worker('contest-closed').says('du thi');
    expect(bot.text).toMatch(/chưa có cuộc thi nào đang mở/);
    chat.setNow(NOW);
  });

  test('buttons: multiple choice by tapping options then "Xong"; true/false typed as "dung" is an answer, not "dừng"', async () => {
    chat.setNow(NOW);
    await addContest(chat, testContest('nut-bam', minutes(-60), minutes(120), { prediction: null }));
    const w = chat.worker('contest-buttons');
    let bot = await w.says('du thi');
    // two contests are open now: the worker picks one
    bot = await w.taps('nut-bam');
    await w.says('dong y');
    await w.says('Hoang Thi Thu');
    await w.says('0911 222 333');
    bot = await w.says('Cong ty Giay Dong Thap');
    bot = await w.says('bat dau');
    const me = personOf('+84911222333');
    for (let p = 0; p < 3; p++) {
      const right = (await typedAnswer(chat, 'nut-bam', me, p)).split(',').map(Number);
      const labels = bot.choices.map((c) => c.label);
      if (labels.includes('Xong')) {
        for (const k of right) {
          bot = await w.taps(String.fromCharCode(64 + k));
          expect(bot.text).toMatch(/Bạn đã chọn: /);
        }
        bot = await w.taps('Xong');
      } else if (labels.includes('A. Đúng')) {
        bot = await w.says(right[0] === 1 ? 'dung' : 'sai');
      } else {
        bot = await w.taps(String.fromCharCode(64 + right[0]!));
      }
    }
    expect(bot.text).toMatch(/đúng 3\/3 câu/);
  });
});
