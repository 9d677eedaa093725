/**
 * Shared by the survey tests: a survey built like a content file, stored; members placed in
 * org units and linked to a chat identity.
 */
import type { ChannelId } from '../../src/core/model.ts';
import { surveySchema, type Survey } from '../../src/surveys/schema.ts';
import { storeSurveys } from '../../src/surveys/store.ts';
import type { Transcript, Worker } from '../../test/transcript.ts';

export const NOW = new Date('2026-11-22T09:00:00+07:00');
export const DAY = 24 * 3600_000;

/** A draft on overtime caps: one question of each kind, the last optional. */
export function overtimeSurvey(over: Partial<Record<string, unknown>> = {}): Survey {
  return surveySchema.parse({
    id: 'thu-lam-them',
    title: { vi: 'Góp ý dự thảo về giờ làm thêm', en: 'Draft overtime rules' },
    short_title: { vi: 'Giờ làm thêm', en: 'Overtime' },
    draft: {
      name: { vi: 'Dự thảo sửa đổi Bộ luật Lao động', en: 'Draft Labour Code amendment' },
      summary: { vi: 'Dự thảo đề xuất nâng trần làm thêm lên 60 giờ mỗi tháng.', en: 'The draft raises the monthly overtime cap to 60 hours.' },
      url: 'https://duthaoonline.quochoi.vn/',
    },
    opens_at: '2026-11-15T00:00:00+07:00',
    closes_at: '2026-12-31T23:59:00+07:00',
    anonymous: false,
    target: { audience: 'everyone', units: ['TLD'] },
    questions: [
      {
        id: 'cap',
        type: 'single',
        text: { vi: 'Bạn thấy đề xuất 60 giờ/tháng thế nào?', en: 'What about 60 hours a month?' },
        options: [
          { key: 'agree', label: { vi: 'Đồng ý', en: 'Agree' } },
          { key: 'keep_40', label: { vi: 'Giữ 40 giờ', en: 'Keep 40 hours' } },
          { key: 'lower', label: { vi: 'Nên giảm xuống', en: 'Lower' } },
        ],
      },
      {
        id: 'worries',
        type: 'multiple',
        max_choices: 2,
        text: { vi: 'Bạn lo ngại điều gì?', en: 'What worries you?' },
        options: [
          { key: 'health', label: { vi: 'Sức khỏe', en: 'Health' } },
          { key: 'family', label: { vi: 'Gia đình', en: 'Family' } },
          { key: 'safety', label: { vi: 'An toàn lao động', en: 'Safety' } },
        ],
      },
      {
        id: 'consent',
        type: 'scale',
        text: { vi: 'Quy định ghi rõ sự đồng ý có cần thiết không?', en: 'Is written consent needed?' },
        low: { vi: 'Không cần', en: 'Not needed' },
        high: { vi: 'Rất cần', en: 'Very needed' },
      },
      {
        id: 'comment',
        type: 'text',
        required: false,
        text: { vi: 'Ý kiến khác của bạn?', en: 'Anything else?' },
      },
    ],
    ...over,
  });
}

export async function store(chat: Transcript, ...surveys: Survey[]): Promise<void> {
  await storeSurveys(chat.app.db.prisma, surveys, NOW);
}

/** Makes a member of the unit with this code; returns the member id. */
export async function member(chat: Transcript, unitCode: string, name = 'Nguyễn Văn An'): Promise<string> {
  const p = chat.app.db.prisma;
  const unit = await p.orgUnit.findUniqueOrThrow({ where: { code: unitCode } });
  const m = await p.member.create({ data: { fullName: name, orgUnitId: unit.id } });
  return m.id;
}

/** Links the worker's chat identity on this channel to the member (as verification would). */
export async function linkWorker(chat: Transcript, w: Worker, platformUserId: string, channel: ChannelId, memberId: string): Promise<void> {
  if (!w.conversationId) await w.opens();
  await chat.app.db.prisma.channelIdentity.updateMany({ where: { channel, platformUserId }, data: { memberId } });
}
