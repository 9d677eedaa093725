/**
 * Where seed enterprises sit: post-2025 commune/ward names and industrial parks per province.
 * Ward names follow the two-tier local government (no districts since 01/07/2025), so an address
 * is "<lot>, KCN <park>, <phường/xã>, <province>". Seed data: plausible, not a gazetteer.
 */
export interface SeedPark {
  /** "KCN Tân Tạo", "KCX Linh Trung" */
  name: string;
  /** the ward or commune the park lies in */
  ward: string;
}

export interface SeedPlaces {
  wards: readonly string[];
  parks: readonly SeedPark[];
  /**
   * Wards that have a commune-level union. A ward gets one only with about 1,500 members and 10
   * grassroots unions, so it is a subset; HCMC runs area working groups instead and has none.
   */
  wardUnions: readonly string[];
  /** name of the province's industrial-park union, when it has one */
  parksUnion?: string;
  /** how many seed enterprises land here, relative to the others */
  weight: number;
}

const p = (
  weight: number,
  wards: string[],
  parks: Array<[string, string]> = [],
  wardUnions: string[] = [],
  parksUnion?: string,
): SeedPlaces => ({
  weight,
  wards,
  parks: parks.map(([name, ward]) => ({ name, ward })),
  wardUnions,
  ...(parksUnion ? { parksUnion } : {}),
});

export const SEED_PLACES: Readonly<Record<string, SeedPlaces>> = {
  '01': p(
    11,
    ['phường Hoàn Kiếm', 'phường Ba Đình', 'phường Cầu Giấy', 'phường Đống Đa', 'phường Long Biên', 'phường Hà Đông', 'phường Hoàng Mai', 'xã Đông Anh', 'xã Quang Minh', 'xã Sóc Sơn', 'xã Thạch Thất', 'xã Phú Nghĩa', 'xã Thiên Lộc'],
    [['KCN Thăng Long', 'xã Đông Anh'], ['KCN Quang Minh', 'xã Quang Minh'], ['KCN Nội Bài', 'xã Sóc Sơn'], ['KCN Bắc Thăng Long', 'xã Thiên Lộc'], ['KCN Phú Nghĩa', 'xã Phú Nghĩa'], ['KCN Thạch Thất - Quốc Oai', 'xã Thạch Thất']],
    ['phường Cầu Giấy', 'phường Long Biên', 'phường Hà Đông', 'xã Đông Anh', 'xã Sóc Sơn'],
    'Công đoàn các Khu công nghiệp và chế xuất Hà Nội',
  ),
  '79': p(
    24,
    ['phường Sài Gòn', 'phường Bến Thành', 'phường Tân Tạo', 'phường Bình Tân', 'phường Tân Thuận', 'phường Linh Xuân', 'phường Tây Thạnh', 'phường Tân Sơn Nhất', 'phường Thủ Dầu Một', 'phường Thuận An', 'phường Dĩ An', 'phường Bến Cát', 'phường Tân Uyên', 'phường Vũng Tàu', 'phường Rạch Dừa', 'phường Bà Rịa', 'phường Phú Mỹ', 'xã Hiệp Phước', 'xã Nhà Bè', 'xã Củ Chi'],
    [['KCN Tân Tạo', 'phường Tân Tạo'], ['KCX Tân Thuận', 'phường Tân Thuận'], ['KCX Linh Trung', 'phường Linh Xuân'], ['KCN Tân Bình', 'phường Tây Thạnh'], ['KCN Hiệp Phước', 'xã Hiệp Phước'], ['KCN VSIP', 'phường Thuận An'], ['KCN Sóng Thần', 'phường Dĩ An'], ['KCN Mỹ Phước', 'phường Bến Cát'], ['KCN Nam Tân Uyên', 'phường Tân Uyên'], ['KCN Phú Mỹ I', 'phường Phú Mỹ'], ['KCN Đông Xuyên', 'phường Rạch Dừa'], ['KCN Tây Bắc Củ Chi', 'xã Củ Chi']],
    [],
    'Công đoàn các Khu chế xuất và công nghiệp Thành phố Hồ Chí Minh',
  ),
  '31': p(
    9,
    ['phường Hồng Bàng', 'phường Lê Chân', 'phường Ngô Quyền', 'phường Hải An', 'phường Đông Hải', 'phường Thủy Nguyên', 'phường An Dương', 'phường Hải Dương', 'phường Chí Linh', 'xã Cẩm Giàng'],
    [['KCN Đình Vũ', 'phường Đông Hải'], ['KCN Tràng Duệ', 'phường An Dương'], ['KCN Nomura', 'phường An Dương'], ['KCN VSIP Hải Phòng', 'phường Thủy Nguyên'], ['KCN Đại An', 'phường Hải Dương'], ['KCN Phúc Điền', 'xã Cẩm Giàng']],
    ['phường Hải An', 'phường Hải Dương', 'phường Thủy Nguyên'],
    'Công đoàn các Khu công nghiệp và kinh tế Hải Phòng',
  ),
  '48': p(
    3,
    ['phường Hải Châu', 'phường Thanh Khê', 'phường Hòa Khánh', 'phường Liên Chiểu', 'phường Tam Kỳ', 'phường Hội An', 'phường Điện Bàn'],
    [['KCN Hòa Khánh', 'phường Hòa Khánh'], ['KCN Điện Nam - Điện Ngọc', 'phường Điện Bàn'], ['KCN Tam Thăng', 'phường Tam Kỳ']],
    ['phường Hòa Khánh', 'phường Hải Châu'],
    'Công đoàn các Khu công nghệ cao và công nghiệp Đà Nẵng',
  ),
  '92': p(1.5, ['phường Ninh Kiều', 'phường Bình Thủy', 'phường Cái Răng', 'phường Sóc Trăng', 'phường Vị Thanh'], [['KCN Trà Nóc', 'phường Bình Thủy'], ['KCN An Nghiệp', 'phường Sóc Trăng']], ['phường Bình Thủy']),
  '46': p(0.6, ['phường Thuận Hóa', 'phường Phú Xuân', 'phường Hương Thủy', 'phường Phú Bài'], [['KCN Phú Bài', 'phường Phú Bài']]),
  '75': p(
    10,
    ['phường Trấn Biên', 'phường Biên Hòa', 'phường Long Bình', 'phường Tam Phước', 'phường Long Hưng', 'xã Nhơn Trạch', 'xã Long Thành', 'xã Trảng Bom', 'phường Bình Phước', 'phường Đồng Xoài'],
    [['KCN Amata', 'phường Long Bình'], ['KCN Biên Hòa 2', 'phường Trấn Biên'], ['KCN Nhơn Trạch 3', 'xã Nhơn Trạch'], ['KCN Long Thành', 'xã Long Thành'], ['KCN Hố Nai', 'xã Trảng Bom'], ['KCN Tam Phước', 'phường Tam Phước'], ['KCN Đồng Xoài', 'phường Đồng Xoài']],
    ['phường Long Bình', 'phường Trấn Biên', 'xã Nhơn Trạch', 'xã Trảng Bom'],
    'Công đoàn các Khu công nghiệp Đồng Nai',
  ),
  '22': p(2, ['phường Hạ Long', 'phường Bãi Cháy', 'phường Cẩm Phả', 'phường Uông Bí', 'phường Đông Mai', 'phường Móng Cái 1'], [['KCN Đông Mai', 'phường Đông Mai'], ['KCN Cái Lân', 'phường Bãi Cháy']], ['phường Cẩm Phả']),
  '24': p(
    11,
    ['phường Kinh Bắc', 'phường Võ Cường', 'phường Từ Sơn', 'phường Quế Võ', 'phường Nếnh', 'phường Việt Yên', 'phường Bắc Giang', 'xã Yên Phong', 'xã Tiên Du'],
    [['KCN VSIP Bắc Ninh', 'phường Từ Sơn'], ['KCN Yên Phong', 'xã Yên Phong'], ['KCN Quế Võ', 'phường Quế Võ'], ['KCN Tiên Sơn', 'xã Tiên Du'], ['KCN Quang Châu', 'phường Nếnh'], ['KCN Vân Trung', 'phường Việt Yên'], ['KCN Đình Trám', 'phường Nếnh']],
    ['phường Từ Sơn', 'phường Nếnh', 'xã Yên Phong'],
    'Công đoàn các Khu công nghiệp Bắc Ninh',
  ),
  '04': p(0.3, ['phường Thục Phán', 'phường Tân Giang']),
  '08': p(0.3, ['phường Minh Xuân', 'phường Hà Giang 1']),
  '11': p(0.2, ['phường Điện Biên Phủ', 'phường Mường Thanh']),
  '12': p(0.2, ['phường Tân Phong', 'phường Đoàn Kết']),
  '14': p(0.3, ['phường Tô Hiệu', 'phường Chiềng An']),
  '15': p(0.5, ['phường Lào Cai', 'phường Cam Đường', 'phường Yên Bái'], [['KCN Tằng Loỏng', 'phường Cam Đường']]),
  '19': p(4, ['phường Phan Đình Phùng', 'phường Phổ Yên', 'phường Sông Công', 'xã Điềm Thụy', 'phường Bắc Kạn'], [['KCN Yên Bình', 'phường Phổ Yên'], ['KCN Điềm Thụy', 'xã Điềm Thụy'], ['KCN Sông Công', 'phường Sông Công']], ['phường Phổ Yên']),
  '20': p(0.3, ['phường Lương Văn Tri', 'phường Đông Kinh']),
  '25': p(3, ['phường Việt Trì', 'phường Vĩnh Phúc', 'phường Phúc Yên', 'phường Hòa Bình', 'xã Bình Xuyên'], [['KCN Bá Thiện', 'xã Bình Xuyên'], ['KCN Khai Quang', 'phường Vĩnh Phúc'], ['KCN Thụy Vân', 'phường Việt Trì']], ['xã Bình Xuyên']),
  '33': p(4, ['phường Phố Hiến', 'phường Mỹ Hào', 'phường Đường Hào', 'phường Thái Bình', 'xã Tiền Hải'], [['KCN Phố Nối A', 'phường Mỹ Hào'], ['KCN Thăng Long II', 'phường Đường Hào'], ['KCN Tiền Hải', 'xã Tiền Hải']], ['phường Mỹ Hào']),
  '37': p(2, ['phường Hoa Lư', 'phường Nam Định', 'phường Phủ Lý', 'phường Duy Tiên', 'phường Tam Điệp'], [['KCN Hòa Xá', 'phường Nam Định'], ['KCN Đồng Văn', 'phường Duy Tiên'], ['KCN Gián Khẩu', 'phường Hoa Lư']]),
  '38': p(2, ['phường Hạc Thành', 'phường Nghi Sơn', 'phường Sầm Sơn'], [['KKT Nghi Sơn', 'phường Nghi Sơn'], ['KCN Lễ Môn', 'phường Hạc Thành']]),
  '40': p(2, ['phường Thành Vinh', 'phường Trường Vinh', 'phường Vinh Hưng', 'phường Hoàng Mai'], [['KCN VSIP Nghệ An', 'phường Vinh Hưng'], ['KCN Bắc Vinh', 'phường Thành Vinh']]),
  '42': p(0.4, ['phường Thành Sen', 'phường Trần Phú'], [['KKT Vũng Áng', 'phường Trần Phú']]),
  '44': p(0.3, ['phường Đồng Hới', 'phường Đông Hà']),
  '51': p(0.5, ['phường Cẩm Thành', 'phường Kon Tum'], [['KKT Dung Quất', 'phường Cẩm Thành']]),
  '52': p(0.5, ['phường Pleiku', 'phường Quy Nhơn'], [['KCN Phú Tài', 'phường Quy Nhơn']]),
  '56': p(0.6, ['phường Nha Trang', 'phường Cam Ranh', 'phường Phan Rang']),
  '66': p(0.4, ['phường Buôn Ma Thuột', 'phường Tuy Hòa']),
  '68': p(0.5, ['phường Xuân Hương - Đà Lạt', 'phường Phan Thiết', 'phường Bắc Gia Nghĩa']),
  '80': p(6, ['phường Tân Ninh', 'phường Long An', 'phường Trảng Bàng', 'xã Đức Hòa', 'xã Bến Lức', 'xã Cần Giuộc'], [['KCN Tân Đức', 'xã Đức Hòa'], ['KCN Thuận Đạo', 'xã Bến Lức'], ['KCN Long Hậu', 'xã Cần Giuộc'], ['KCN Trảng Bàng', 'phường Trảng Bàng']], ['xã Đức Hòa', 'xã Bến Lức'], 'Công đoàn các Khu công nghiệp Tây Ninh'),
  '82': p(1, ['phường Mỹ Tho', 'phường Cao Lãnh', 'phường Sa Đéc', 'xã Tân Hương'], [['KCN Tân Hương', 'xã Tân Hương']]),
  '86': p(1, ['phường Thanh Đức', 'phường Bến Tre', 'phường Trà Vinh', 'xã Giao Long'], [['KCN Giao Long', 'xã Giao Long']]),
  '91': p(0.6, ['phường Long Xuyên', 'phường Rạch Giá', 'phường Châu Đốc']),
  '96': p(0.6, ['phường An Xuyên', 'phường Bạc Liêu'], [['KCN Khánh An', 'phường An Xuyên']]),
};

export const STREETS: readonly string[] = [
  'đường Nguyễn Văn Linh', 'đường Lê Duẩn', 'đường Trần Hưng Đạo', 'Quốc lộ 1A', 'Quốc lộ 5', 'đường Hùng Vương',
  'đường Lý Thường Kiệt', 'đường Nguyễn Trãi', 'đường Võ Văn Kiệt', 'đường Phạm Văn Đồng', 'đường Điện Biên Phủ',
  'đường Hai Bà Trưng', 'đường Lê Lợi', 'đường Trường Chinh', 'đường ĐT 743',
];
