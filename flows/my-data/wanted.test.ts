import { describe, expect, it } from 'vitest';
import { normalizeForMatch } from '../../src/lang/normalize.ts';
import { wantedAction } from './wanted.ts';

describe('which right the opening message names', () => {
  it.each([
    ['Xem dữ liệu của tôi', 'view'],
    ['cd luu j cua e z', 'view'],
    ['xuất dữ liệu', 'export'],
    ['tải dữ liệu của tôi', 'export'],
    ['xuat dl', 'export'],
    ['sửa thông tin', 'correct'],
    ['sua sdt giup e', 'correct'],
    ['xóa dữ liệu', 'delete'],
    ['xoa het du lieu cua mik di', 'delete'],
    ['rút lại đồng ý', 'withdraw'],
    ['ko dong y luu ttin nua', 'withdraw'],
    ['rut lai dong y xu ly du lieu', 'withdraw'],
    ['delete my data', 'delete'],
    ['dữ liệu của tôi', undefined],
    ['tài khoản của tôi', undefined],
  ])('%s → %s', (text, action) => {
    expect(wantedAction(normalizeForMatch(text))).toBe(action);
  });
});
