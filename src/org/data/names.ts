/**
 * Parts for invented employer names and the central sector / economic-group unions.
 * Sector names follow the 2025 restructuring: the agriculture and environment unions merged
 * into "Công đoàn Nông nghiệp và Môi trường Việt Nam", and the information-and-communications
 * union went with its ministry into "Công đoàn Khoa học và Công nghệ Việt Nam". The transport
 * union is left out because its ministry merged into Bộ Xây dựng and we could not confirm what
 * became of the union.
 */
export interface SeedSector {
  name: string;
  /**
   * Employers of grassroots unions under this sector; "{stem}" is replaced by an invented
   * two-syllable stem and "{place}" by a province name.
   */
  employers: readonly string[];
  /** share of sector-attached grassroots unions that fall here */
  weight: number;
}

export const SEED_SECTORS: readonly SeedSector[] = [
  { name: 'Công đoàn Dệt May Việt Nam', weight: 6, employers: ['Tổng công ty Cổ phần May {stem}', 'Công ty Cổ phần Dệt may {stem}', 'Công ty Cổ phần Sợi {stem}'] },
  { name: 'Công đoàn Ngân hàng Việt Nam', weight: 5, employers: ['Ngân hàng Thương mại Cổ phần {stem} - Chi nhánh {place}', 'Ngân hàng Nhà nước Chi nhánh Khu vực {place}'] },
  { name: 'Công đoàn Y tế Việt Nam', weight: 4, employers: ['Bệnh viện {stem} Trung ương', 'Viện Kiểm nghiệm thuốc {stem}'] },
  { name: 'Công đoàn Giáo dục Việt Nam', weight: 4, employers: ['Trường Đại học {stem}', 'Trường Cao đẳng Kỹ thuật {stem}'] },
  { name: 'Công đoàn Công Thương Việt Nam', weight: 4, employers: ['Công ty Cổ phần Cơ khí {stem}', 'Công ty Cổ phần Hóa chất {stem}', 'Tổng công ty Thương mại {stem}'] },
  { name: 'Công đoàn Xây dựng Việt Nam', weight: 4, employers: ['Tổng công ty Xây dựng {stem}', 'Công ty Cổ phần Xi măng {stem}', 'Công ty Cổ phần Đầu tư Xây dựng {stem}'] },
  { name: 'Công đoàn Nông nghiệp và Môi trường Việt Nam', weight: 3, employers: ['Công ty TNHH Một thành viên Lâm nghiệp {stem}', 'Công ty Cổ phần Giống cây trồng {stem}', 'Viện Nghiên cứu Thủy lợi {stem}'] },
  { name: 'Công đoàn Khoa học và Công nghệ Việt Nam', weight: 2, employers: ['Viện Công nghệ {stem}', 'Công ty Cổ phần Viễn thông {stem}'] },
  { name: 'Công đoàn Viên chức Việt Nam', weight: 2, employers: ['Nhà xuất bản {stem}', 'Trung tâm Lưu trữ {stem}'] },
  { name: 'Công đoàn Đường sắt Việt Nam', weight: 1, employers: ['Công ty Cổ phần Vận tải Đường sắt {stem}', 'Công ty Cổ phần Đường sắt {place}'] },
  { name: 'Công đoàn Tập đoàn Điện lực Việt Nam', weight: 3, employers: ['Công ty Điện lực {place}', 'Công ty Thủy điện {stem}', 'Công ty Dịch vụ Kỹ thuật Truyền tải điện {stem}'] },
  { name: 'Công đoàn Dầu khí Việt Nam', weight: 2, employers: ['Công ty Cổ phần Dịch vụ Kỹ thuật Dầu khí {stem}', 'Công ty TNHH Lọc hóa dầu {stem}'] },
  { name: 'Công đoàn Than - Khoáng sản Việt Nam', weight: 2, employers: ['Công ty Than {stem} - TKV', 'Công ty Cổ phần Khoáng sản {stem}'] },
  { name: 'Công đoàn Tập đoàn Công nghiệp Cao su Việt Nam', weight: 2, employers: ['Công ty TNHH Một thành viên Cao su {stem}', 'Công ty Cổ phần Cao su {stem}'] },
  { name: 'Công đoàn Tổng công ty Hàng không Việt Nam', weight: 1, employers: ['Công ty TNHH Kỹ thuật Máy bay {stem}', 'Công ty Cổ phần Suất ăn Hàng không {stem}'] },
  { name: 'Công đoàn Tập đoàn Bưu chính Viễn thông Việt Nam', weight: 1, employers: ['Viễn thông {place}'] },
  { name: 'Công đoàn Tổng công ty Bưu điện Việt Nam', weight: 1, employers: ['Bưu điện {place}'] },
  { name: 'Công đoàn Tập đoàn Hóa chất Việt Nam', weight: 1, employers: ['Công ty Cổ phần Phân bón {stem}', 'Công ty Cổ phần Pin ắc quy {stem}'] },
  { name: 'Công đoàn Quốc phòng', weight: 1, employers: ['Tổng công ty Công nghiệp {stem} - Bộ Quốc phòng'] },
  { name: 'Công đoàn Công an Nhân dân', weight: 0.5, employers: ['Công ty TNHH Một thành viên In {stem} - Bộ Công an'] },
];

/** Vietnamese-sounding syllables for brand stems ("Phú Thịnh", "Tân Phát"). */
// The two lists are disjoint so a stem never doubles a syllable ("Thịnh Thịnh").
export const VN_FIRST: readonly string[] = [
  'Việt', 'Phú', 'Tân', 'Hoàng', 'Minh', 'An', 'Đại', 'Bình', 'Thiên', 'Hòa', 'Đông', 'Tây', 'Sao', 'Kim', 'Phúc',
  'Trường', 'Nhật', 'Quang', 'Đức', 'Toàn', 'Bảo', 'Gia', 'Lộc', 'Vạn', 'Nam', 'Bắc', 'Ngọc', 'Thái', 'Hồng',
  'Trung', 'Xuân',
];
export const VN_SECOND: readonly string[] = [
  'Phát', 'Thắng', 'Lợi', 'Thuận', 'Cường', 'Tiến', 'Khang', 'Vượng', 'Hà', 'Sơn', 'Mai', 'Dương', 'Á', 'Mỹ',
  'Lâm', 'Huy', 'Nguyên', 'Thịnh', 'Phong', 'Hưng', 'Thành', 'Tín', 'Đạt', 'Anh', 'Châu', 'Long', 'Hải',
];
/** Optional last word of a domestic name: "Công ty TNHH May Phú Thịnh Quốc tế". */
export const VN_QUALIFIERS: readonly string[] = ['', 'Việt Nam', 'Quốc tế', 'Miền Nam', 'Miền Bắc', 'Group', 'Sài Gòn', 'Hà Nội'];
/**
 * Place-like stems ("May Sông Đà"-style). "Sông Hồng" is absent on purpose: the hand-picked
 * demo units own it, so searches for it have a known answer.
 */
export const VN_PLACE_STEMS: readonly string[] = [
  'Sông Đà', 'Cửu Long', 'Hồng Hà', 'Trường Sơn', 'Tây Nguyên', 'Sài Gòn', 'Thăng Long', 'Bến Nghé', 'Kinh Bắc',
  'Hạ Long', 'Mê Kông', 'Sông Thu', 'Hải Âu', 'Tràng An', 'Lam Sơn', 'Phố Hiến', 'Hương Giang', 'Đồng Tiến',
];

/** Industry words as they appear in Vietnamese company names. */
export const VN_INDUSTRIES: readonly string[] = [
  'May', 'May mặc', 'Dệt may', 'Giày da', 'Túi xách', 'Điện tử', 'Linh kiện điện tử', 'Chế biến thủy sản',
  'Thủy sản', 'Chế biến gỗ', 'Gỗ', 'Nội thất', 'Logistics', 'Vận tải', 'Xây dựng', 'Cơ khí', 'Nhựa', 'Bao bì',
  'Thực phẩm', 'Dược phẩm', 'Thép', 'Vật liệu xây dựng', 'Sản xuất Thương mại', 'Dịch vụ Bảo vệ', 'Cơ điện',
  'Kỹ thuật', 'Xuất nhập khẩu', 'Chế biến nông sản',
];

/** Syllables for invented foreign brands: Korean-, Taiwanese/Chinese- and Japanese-sounding. */
export const FDI_BRANDS: ReadonlyArray<readonly [readonly string[], readonly string[]]> = [
  [['Han', 'Dae', 'Sung', 'Young', 'Seo', 'Jin', 'Kwang', 'Min', 'Hyun', 'Chang', 'Bo', 'Geum'], ['won', 'jin', 'woo', 'il', 'kwang', 'sol', 'san', 'shin', 'tek', 'yang', 'jung']],
  [['Pou', 'Feng', 'Tai', 'Yu', 'Shun', 'Lien', 'Kuo', 'Hsin', 'Ching', 'Fu', 'Long'], ['chang', 'tai', 'hsing', 'yuan', 'fa', 'lin', 'sheng', 'da', 'feng', 'wei']],
  [['Naka', 'Yama', 'Tomo', 'Kawa', 'Sumi', 'Hira', 'Taka', 'Hoshi', 'Asa', 'Mori'], ['moto', 'shima', 'tec', 'den', 'seiki', 'kogyo', 'hara', 'tsu', 'giken']],
];
export const FDI_INDUSTRIES: readonly string[] = [
  'Điện tử', 'Giày', 'May mặc', 'Linh kiện', 'Công nghiệp', 'Kỹ thuật', 'Nhựa', 'Cơ khí chính xác', 'Dệt',
  'Vina', 'Hóa chất', 'Bao bì', 'Thiết bị y tế', 'Ô tô',
];
export const FDI_SUFFIXES: readonly string[] = ['Việt Nam', 'Vina', 'VN', '', 'Global Việt Nam'];
/** English tails FDI names often carry: "Công ty TNHH Hanwon Precision Vina". */
export const FDI_TAILS: readonly string[] = ['Precision', 'Industrial', 'Electronics', 'Textile', 'Global', 'Tech', 'Apparel', 'Footwear'];

/** Occupations of nghiệp đoàn cơ sở (unions of self-employed workers in one ward). */
export const GUILD_TRADES: readonly string[] = [
  'xe ôm công nghệ', 'lái xe công nghệ', 'bốc xếp', 'thợ xây', 'giúp việc gia đình', 'tiểu thương chợ', 'nghề cá',
];
