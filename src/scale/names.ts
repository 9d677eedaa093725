/**
 * Vietnamese personal names for generated members. Family names follow their real frequency
 * (Nguyễn ≈ 38 %, Trần ≈ 11 %, Lê ≈ 9.5 %, ...); middle and given names are split by gender, so a
 * generated "Nguyễn Thị Lan" is a woman and "Trần Văn Hùng" a man, as officers would expect.
 */
export const FAMILY_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 3], ['Huỳnh', 2.1], ['Phan', 4.5],
  ['Vũ', 2.3], ['Võ', 1.7], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3],
  ['Dương', 1], ['Lý', 0.5], ['Đinh', 0.8], ['Trịnh', 0.6], ['Đoàn', 0.6], ['Lương', 0.5], ['Mai', 0.5],
  ['Tạ', 0.3], ['Cao', 0.4], ['Lâm', 0.3], ['Hà', 0.4], ['Tô', 0.2], ['Quách', 0.1], ['Châu', 0.2],
];

export const MIDDLE_NAMES = {
  male: ['Văn', 'Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Công', 'Thanh', 'Xuân', 'Đình', 'Ngọc', 'Anh', 'Quốc', 'Trọng', 'Tuấn'],
  female: ['Thị', 'Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Hồng', 'Minh', 'Mỹ', 'Kim', 'Thùy', 'Phương', 'Bích', 'Hoài', 'Diệu'],
} as const;

export const GIVEN_NAMES = {
  male: [
    'An', 'Anh', 'Bảo', 'Bình', 'Cường', 'Dũng', 'Duy', 'Đạt', 'Đông', 'Đức', 'Giang', 'Hải', 'Hiếu', 'Hòa', 'Hoàng', 'Hùng',
    'Huy', 'Khang', 'Khánh', 'Khoa', 'Kiên', 'Lâm', 'Long', 'Lộc', 'Minh', 'Nam', 'Nghĩa', 'Nhân', 'Phong', 'Phúc', 'Quân',
    'Quang', 'Sơn', 'Tài', 'Tâm', 'Thắng', 'Thành', 'Thịnh', 'Toàn', 'Trung', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Vũ',
  ],
  female: [
    'An', 'Anh', 'Chi', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hồng', 'Huệ', 'Hương', 'Lan', 'Liên',
    'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Oanh', 'Phương', 'Quyên', 'Quỳnh', 'Tâm', 'Thảo', 'Thơm',
    'Thu', 'Thủy', 'Trang', 'Trâm', 'Tuyết', 'Uyên', 'Vân', 'Vy', 'Xuân', 'Yến',
  ],
} as const;

/** Two-digit mobile prefixes after +84 (Viettel 3x/8x/9x, Vinaphone 8x/9x, MobiFone 7x/9x, Vietnamobile 5x). */
export const MOBILE_PREFIXES: readonly string[] = [
  '32', '33', '34', '35', '36', '37', '38', '39', '52', '56', '58', '59', '70', '76', '77', '78', '79',
  '81', '82', '83', '84', '85', '86', '88', '89', '90', '91', '93', '94', '96', '97', '98',
];

/** What a worker writes in a grievance, sealed at rest like the real ones. */
export const CASE_TEXTS: readonly string[] = [
  'Công ty chậm trả lương tháng này hơn 15 ngày, nhiều anh chị em trong tổ bị ảnh hưởng.',
  'Tăng ca quá 40 giờ một tháng nhưng không được trả đủ tiền làm thêm giờ.',
  'Công ty không đóng bảo hiểm xã hội cho tôi từ đầu năm.',
  'Tôi bị cho nghỉ việc mà không báo trước, không có quyết định bằng văn bản.',
  'Tổ trưởng quát mắng, xúc phạm công nhân trong ca đêm.',
  'Xưởng nóng, thiếu quạt thông gió, đã có người bị ngất.',
  'Công ty trừ lương vì đi vệ sinh quá thời gian quy định.',
  'Hợp đồng lao động hết hạn nhưng công ty không ký tiếp cũng không trả trợ cấp.',
];
