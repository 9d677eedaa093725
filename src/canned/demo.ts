import type { PrismaClient } from '../generated/prisma/client.ts';

/**
 * Demo canned responses (SEED_DEMO), owned by the root (Tổng Liên đoàn) so every officer has them.
 * Facts and articles from the Labour Code 45/2019/QH14 (BLLĐ), the Social Insurance Law
 * 41/2024/QH15 (BHXH) and Decree 293/2025/NĐ-CP (regional minimum wages from 01/01/2026); see
 * shared/reference/domain.md sections 3.2, 3.3, 3.5, 3.6 and 3.11.
 */
export const DEMO_CANNED: ReadonlyArray<{ shortcut: string; locale: 'vi' | 'en'; text: string }> = [
  {
    shortcut: '/chao',
    locale: 'vi',
    text: 'Chào anh/chị, tôi là cán bộ công đoàn, xin tiếp nhận câu hỏi của anh/chị. Anh/chị cho tôi biết thêm tên công ty và việc đang gặp để tôi hỗ trợ nhanh nhất nhé.',
  },
  {
    shortcut: '/chao',
    locale: 'en',
    text: 'Hello, I am a union officer and I will take your question from here. Please tell me your company and what is happening so I can help you as fast as possible.',
  },
  {
    shortcut: '/luong',
    locale: 'vi',
    text:
      'Về tiền lương: người sử dụng lao động phải trả lương trực tiếp, đầy đủ, đúng hạn và có phiếu lương mỗi kỳ (Điều 94, 95 Bộ luật Lao động 2019). ' +
      'Nếu có lý do bất khả kháng thì chỉ được chậm tối đa 30 ngày; chậm từ 15 ngày trở lên phải trả thêm khoản tiền ít nhất bằng lãi tiền gửi kỳ hạn 1 tháng (Điều 97). ' +
      'Bị nợ lương hoặc trả lương không đúng hạn, anh/chị có quyền nghỉ việc không cần báo trước (Điều 35). ' +
      'Anh/chị gửi giúp tôi: tên công ty, số tháng bị nợ, số người bị nợ để công đoàn làm việc với công ty.',
  },
  {
    shortcut: '/luong',
    locale: 'en',
    text:
      'On wages: the employer must pay directly, in full and on time, with a payslip each pay period (Labour Code 2019, Articles 94–95). ' +
      'Even with force majeure, pay may be at most 30 days late; 15 days or more late, the employer owes at least the interest of a 1-month deposit (Article 97). ' +
      'Unpaid or late wages allow you to quit without notice (Article 35). ' +
      'Please send me the company name, how many months are unpaid and how many workers are affected, so the union can take it up with the company.',
  },
  {
    shortcut: '/toithieu',
    locale: 'vi',
    text:
      'Lương tối thiểu vùng từ 01/01/2026 (Nghị định 293/2025/NĐ-CP): Vùng I 5.310.000 đ/tháng (25.500 đ/giờ), Vùng II 4.730.000 đ (22.700 đ/giờ), ' +
      'Vùng III 4.140.000 đ (20.000 đ/giờ), Vùng IV 3.700.000 đ (17.800 đ/giờ). Vùng tính theo nơi công ty (chi nhánh) hoạt động. ' +
      'Lương trong hợp đồng cho công việc giản đơn nhất không được thấp hơn mức này.',
  },
  {
    shortcut: '/toithieu',
    locale: 'en',
    text:
      'Regional minimum wages from 01/01/2026 (Decree 293/2025/ND-CP): Region I 5,310,000 VND/month (25,500/hour), Region II 4,730,000 (22,700/hour), ' +
      'Region III 4,140,000 (20,000/hour), Region IV 3,700,000 (17,800/hour). The region is where the company (branch) operates. ' +
      'The contract wage for the simplest work may not be lower.',
  },
  {
    shortcut: '/tangca',
    locale: 'vi',
    text:
      'Về làm thêm giờ: phải có sự đồng ý của người lao động; không quá 50% giờ làm bình thường trong ngày, không quá 40 giờ/tháng và 200 giờ/năm ' +
      '(300 giờ/năm với một số ngành như dệt may, da giày, điện tử) (Điều 107 Bộ luật Lao động 2019). ' +
      'Tiền làm thêm ít nhất 150% ngày thường, 200% ngày nghỉ hằng tuần, 300% ngày lễ, Tết (chưa kể lương ngày lễ); làm đêm thêm ít nhất 30%, làm thêm vào ban đêm thêm 20% (Điều 98). ' +
      'Anh/chị cho tôi biết số giờ làm thêm mỗi tháng và cách công ty đang trả để tôi kiểm tra giúp.',
  },
  {
    shortcut: '/tangca',
    locale: 'en',
    text:
      'On overtime: it needs your consent; at most 50% of normal daily hours, 40 hours a month and 200 hours a year ' +
      '(300 a year in some sectors such as garments, footwear and electronics) (Labour Code 2019, Article 107). ' +
      'Overtime pays at least 150% on normal days, 200% on weekly rest days, 300% on public holidays and Tết (plus the holiday pay); night work adds at least 30%, night overtime another 20% (Article 98). ' +
      'Tell me how many overtime hours you work a month and how the company pays them, and I will check it with you.',
  },
  {
    shortcut: '/bhxh',
    locale: 'vi',
    text:
      'Về bảo hiểm xã hội: hợp đồng từ 1 tháng trở lên phải tham gia BHXH bắt buộc (Điều 2 Luật BHXH 2024). Công ty phải đăng ký cho người lao động trong 30 ngày (Điều 28) ' +
      'và đóng hằng tháng; người lao động đóng 8% BHXH, 1,5% BHYT, 1% BHTN, công ty đóng 17,5%, 3% và 1% (Điều 33). ' +
      'Anh/chị tra quá trình đóng trên ứng dụng VssID. Công ty chậm đóng, trốn đóng phải đóng bù kèm tiền lãi và bồi thường thiệt hại cho người lao động (Điều 13, 40); ' +
      'tranh chấp về BHXH không bắt buộc phải hòa giải trước (Điều 188 Bộ luật Lao động). Anh/chị gửi tên công ty và thời gian chưa được đóng để công đoàn kiến nghị.',
  },
  {
    shortcut: '/bhxh',
    locale: 'en',
    text:
      'On social insurance: contracts of 1 month or more must be covered by compulsory social insurance (Social Insurance Law 2024, Article 2). The employer must register you within 30 days (Article 28) ' +
      'and pay every month; you pay 8% SI, 1.5% HI and 1% UI, the employer 17.5%, 3% and 1% (Article 33). ' +
      'Check your contributions in the VssID app. An employer who pays late or evades must pay the arrears with interest and compensate you (Articles 13, 40); ' +
      'social-insurance disputes need no mediation first (Labour Code Article 188). Send me the company name and the months not paid so the union can act.',
  },
];

/** Seeds the demo set once: only when the root has none yet, so an officer's deletion sticks. */
export async function ensureDemoCanned(prisma: PrismaClient, rootPath = '/TLD/'): Promise<number> {
  const root = await prisma.orgUnit.findFirst({ where: { path: rootPath }, select: { id: true } });
  if (!root || (await prisma.cannedResponse.count({ where: { unitPath: rootPath } })) > 0) return 0;
  const r = await prisma.cannedResponse.createMany({ data: DEMO_CANNED.map((c) => ({ ...c, unitPath: rootPath })), skipDuplicates: true });
  return r.count;
}
