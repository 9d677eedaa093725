/** A benefit request's handling: moi (new) -> dang_xu_ly -> da_giai_quyet (granted/done) | tu_choi (refused). */
export const REQUEST_STATUSES = ['moi', 'dang_xu_ly', 'da_giai_quyet', 'tu_choi'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

const TRANSITIONS: Record<RequestStatus, readonly RequestStatus[]> = {
  moi: ['dang_xu_ly', 'da_giai_quyet', 'tu_choi'],
  dang_xu_ly: ['da_giai_quyet', 'tu_choi'],
  // reopening: the worker brings what was missing
  da_giai_quyet: ['dang_xu_ly'],
  tu_choi: ['dang_xu_ly'],
};

export const isRequestStatus = (x: unknown): x is RequestStatus => typeof x === 'string' && (REQUEST_STATUSES as readonly string[]).includes(x);
export const asRequestStatus = (x: string): RequestStatus => (isRequestStatus(x) ? x : 'moi');
export const canMoveRequest = (from: RequestStatus, to: RequestStatus) => TRANSITIONS[from].includes(to);
