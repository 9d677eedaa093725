/** Case lifecycle (issue 4): mới -> đang xử lý -> chờ bổ sung -> đã giải quyết / chuyển cơ quan chức năng / đóng. */
export const CASE_STATUSES = ['moi', 'dang_xu_ly', 'cho_bo_sung', 'da_giai_quyet', 'chuyen_co_quan', 'dong'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Once here the worker can no longer add information; an officer may still reopen the case. */
export const CLOSED_STATUSES: ReadonlySet<CaseStatus> = new Set(['da_giai_quyet', 'chuyen_co_quan', 'dong']);

const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  moi: ['dang_xu_ly', 'cho_bo_sung', 'da_giai_quyet', 'chuyen_co_quan', 'dong'],
  dang_xu_ly: ['cho_bo_sung', 'da_giai_quyet', 'chuyen_co_quan', 'dong'],
  cho_bo_sung: ['dang_xu_ly', 'da_giai_quyet', 'chuyen_co_quan', 'dong'],
  // reopening: a worker comes back with new facts after the case was closed
  da_giai_quyet: ['dang_xu_ly'],
  chuyen_co_quan: ['dang_xu_ly'],
  dong: ['dang_xu_ly'],
};

export const canTransition = (from: CaseStatus, to: CaseStatus): boolean => TRANSITIONS[from].includes(to);

export function isCaseStatus(x: unknown): x is CaseStatus {
  return typeof x === 'string' && (CASE_STATUSES as readonly string[]).includes(x);
}

export const asCaseStatus = (x: string): CaseStatus => (isCaseStatus(x) ? x : 'moi');

/** Categories of domain.md 4.4, grouped to what a worker can pick from one short list. */
export const CASE_CATEGORIES = [
  'wages',
  'overtime',
  'social_insurance',
  'dismissal',
  'discipline',
  'safety',
  'harassment',
  'union_rights',
  'other',
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

export function isCaseCategory(x: unknown): x is CaseCategory {
  return typeof x === 'string' && (CASE_CATEGORIES as readonly string[]).includes(x);
}

export const URGENCIES = ['danger', 'wages_many', 'strike'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Unpaid wages for this many workers or more is urgent even when the worker did not say so. */
export const MANY_WORKERS = 10;

export interface UnitRef {
  id: string;
  name: string;
  code: string;
  path: string;
}
