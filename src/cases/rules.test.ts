import { describe, expect, it } from 'vitest';
import { checkAttachment } from './attachments.ts';
import { formatCaseCode, newAccessKey, parseAccessKey, parseCaseCode } from './code.ts';
import { effectiveUrgency } from './service.ts';
import { disputeDeadlines } from './time-limits.ts';
import { canTransition } from './types.ts';
import { parseDiscovered } from '../../flows/grievance/date.ts';

describe('case codes and access keys', () => {
  it('are PA-<year>-<6-digit sequence> and read back from what workers type', () => {
    expect(formatCaseCode(2026, 123)).toBe('PA-2026-000123');
    expect(parseCaseCode('pa 2026 000123')).toBe('PA-2026-000123');
    expect(parseCaseCode('PA-2026-123')).toBe('PA-2026-000123');
    expect(parseCaseCode('PA2026000123')).toBe('PA-2026-000123');
    expect(parseCaseCode('PA-2026-000000')).toBeNull();
    expect(parseCaseCode('DK-2026-7KQ4MX')).toBeNull();
    expect(parseCaseCode('PA-2026')).toBeNull();
  });

  it('keys avoid look-alike characters and are read in any case', () => {
    for (let i = 0; i < 100; i++) expect(newAccessKey()).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(parseAccessKey(' 7kq4mx ')).toBe('7KQ4MX');
    expect(parseAccessKey('7KQ4M0')).toBeNull();
    expect(parseAccessKey('7KQ4M')).toBeNull();
  });
});

describe('attachment limits', () => {
  it('accepts photos, audio, video, PDF and Word up to 10 MB', () => {
    expect(checkAttachment({ type: 'image', mime: 'image/jpeg', size: 10 * 1024 * 1024 }).ok).toBe(true);
    expect(checkAttachment({ type: 'audio', mime: 'audio/aac', size: 1000 }).ok).toBe(true);
    expect(checkAttachment({ type: 'video' }).ok).toBe(true);
    expect(checkAttachment({ type: 'file', mime: 'application/pdf' }).ok).toBe(true);
    expect(checkAttachment({ type: 'file', name: 'hop dong.DOC' }).ok).toBe(true);
    expect(checkAttachment({ type: 'file', mime: 'application/octet-stream', name: 'x.docx' }).ok).toBe(true);
  });

  it('refuses more than 10 MB, other file types, stickers and links', () => {
    expect(checkAttachment({ type: 'image', mime: 'image/png', size: 10 * 1024 * 1024 + 1 })).toMatchObject({ ok: false, error: 'too_big' });
    expect(checkAttachment({ type: 'file', mime: 'application/zip', name: 'a.zip' })).toMatchObject({ ok: false, error: 'unsupported_type' });
    expect(checkAttachment({ type: 'file', name: 'a.xlsx' })).toMatchObject({ ok: false, error: 'unsupported_type' });
    expect(checkAttachment({ type: 'image', mime: 'text/html' })).toMatchObject({ ok: false, error: 'unsupported_type' });
    expect(checkAttachment({ type: 'sticker' })).toMatchObject({ ok: false, error: 'unsupported_type' });
    expect(checkAttachment({ type: 'link', url: 'https://x' })).toMatchObject({ ok: false, error: 'unsupported_type' });
  });
});

describe('urgency, lifecycle and time limits', () => {
  it('unpaid wages for 10 or more workers are urgent on their own', () => {
    expect(effectiveUrgency('wages', null, 10)).toBe('wages_many');
    expect(effectiveUrgency('wages', null, 9)).toBeNull();
    expect(effectiveUrgency('overtime', null, 500)).toBeNull();
    expect(effectiveUrgency('safety', 'danger', 1)).toBe('danger');
  });

  it('follows mới -> đang xử lý -> chờ bổ sung -> closed, and a closed case can only be reopened', () => {
    expect(canTransition('moi', 'dang_xu_ly')).toBe(true);
    expect(canTransition('dang_xu_ly', 'cho_bo_sung')).toBe(true);
    expect(canTransition('cho_bo_sung', 'chuyen_co_quan')).toBe(true);
    expect(canTransition('dong', 'cho_bo_sung')).toBe(false);
    expect(canTransition('dong', 'dang_xu_ly')).toBe(true);
    expect(canTransition('dang_xu_ly', 'moi')).toBe(false);
  });

  it('counts 6 months, 9 months and 1 year from discovery, for individual disputes only', () => {
    expect(disputeDeadlines('wages', '2026-08-31', '2026-11-22')).toEqual({
      discoveredOn: '2026-08-31',
      mediator: '2027-02-28',
      arbitration: '2027-05-31',
      court: '2027-08-31',
      expired: false,
      mediationOptional: false,
    });
    expect(disputeDeadlines('dismissal', '2025-01-10', '2026-11-22')).toMatchObject({ expired: true, mediationOptional: true });
    expect(disputeDeadlines('harassment', '2026-10-01', '2026-11-22')).toBeNull();
    expect(disputeDeadlines('wages', null, '2026-11-22')).toBeNull();
  });

  it('reads the discovery date the way workers type it', () => {
    const now = new Date('2026-11-22T09:00:00+07:00');
    expect(parseDiscovered('15/10/2026', now)).toEqual({ ok: true, value: '2026-10-15' });
    expect(parseDiscovered('10/2026', now)).toEqual({ ok: true, value: '2026-10-01' });
    expect(parseDiscovered('hom nay', now)).toEqual({ ok: true, value: '2026-11-22' });
    expect(parseDiscovered('hôm qua', now)).toEqual({ ok: true, value: '2026-11-21' });
    expect(parseDiscovered('12/12', now)).toEqual({ ok: true, value: '2025-12-12' });
    expect(parseDiscovered('ko nho', now)).toEqual({ ok: true, value: null });
    expect(parseDiscovered('1/1/2027', now)).toMatchObject({ ok: false, error: 'future' });
    expect(parseDiscovered('31/2/2026', now)).toMatchObject({ ok: false, error: 'format' });
    expect(parseDiscovered('thang truoc', now)).toMatchObject({ ok: false, error: 'format' });
  });
});
