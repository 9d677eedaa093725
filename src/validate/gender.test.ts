import { describe, expect, it } from 'vitest';
import { parseGender } from './gender.ts';

describe('parseGender', () => {
  it.each([
    ['Nam', 'male'],
    ['nam', 'male'],
    ['NAM', 'male'],
    ['nam giới', 'male'],
    ['Giới tính nam', 'male'],
    ['gioi tinh: nam', 'male'],
    ['dạ em là nam ạ', 'male'],
    ['tôi là nam', 'male'],
    ['namm', 'male'],
    ['male', 'male'],
    ['Male', 'male'],
    ['M', 'male'],
    ['Nữ', 'female'],
    ['nu', 'female'],
    ['nũ', 'female'],
    ['nuwx', 'female'],
    ['NỮ', 'female'],
    ['Nữ'.normalize('NFD'), 'female'],
    ['nữ giới', 'female'],
    ['giới tính nữ', 'female'],
    ['phụ nữ', 'female'],
    ['chị là nữ nhé', 'female'],
    ['female', 'female'],
    ['F', 'female'],
  ])('%s -> %s', (text, gender) => {
    expect(parseGender(text)).toBe(gender);
  });

  it.each([
    [''],
    ['anh'],
    ['chị'],
    ['em'],
    ['Nam/Nữ'],
    ['nam nữ'],
    ['không phải nam'],
    ['khác'],
    ['Nguyễn Văn Nam'],
    ['bạn đoán xem'],
    ['<script>nam</script>'],
    ['nam'.repeat(100)],
  ])('%j -> null', (text) => {
    expect(parseGender(text)).toBeNull();
  });
});
