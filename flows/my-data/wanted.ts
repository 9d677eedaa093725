import type { Action } from './answers.ts';

/**
 * Which right the opening message names, on its normalized form (folded, teencode expanded):
 * "xuất dữ liệu" → export, "xoa dl cua e" → delete. Order matters: "rút lại đồng ý xử lý dữ
 * liệu" is a withdrawal even though it says "dữ liệu"; "không đồng ý lưu" is a withdrawal too.
 */
const RULES: Array<[Action, RegExp]> = [
  ['withdraw', / (rut lai|rut|huy) (su )?dong y | khong dong y | withdraw | revoke /],
  ['delete', / (xoa|xoa bo|xoa het|delete|erase|remove) /],
  ['export', / (xuat|tai (ve|xuong|du lieu|dl|ban sao)|export|download|ban sao|copy) /],
  ['correct', / (sua|chinh sua|cap nhat|dinh chinh|correct|update|fix) /],
  ['view', / (xem|luu (nhung )?(gi|j)|dang luu|view|see|what data) /],
];

export function wantedAction(normalized: string): Action | undefined {
  const n = ` ${normalized} `;
  for (const [action, re] of RULES) if (re.test(n)) return action;
  return undefined;
}
