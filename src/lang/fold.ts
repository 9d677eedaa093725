/**
 * Folds Vietnamese text to a search key: NFC first (iOS and Windows keyboards differ), then
 * strip combining marks, map đ/Đ (and the look-alike Ð U+00D0, whose lower case is ð U+00F0) to d,
 * lower case, squeeze spaces.
 * "Nguyễn Thị Minh Anh" -> "nguyen thi minh anh".
 */
export function fold(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐÐð]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
