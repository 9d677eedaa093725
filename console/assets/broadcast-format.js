// Formatting for the broadcast screens: Vietnamese wall-clock time (the union sends by it, whatever
// the officer's device says), sending durations that run past a day, and reason codes in words.
import { t, tOr, currentLang } from './lib.js';

export const VN_TZ = 'Asia/Ho_Chi_Minh';
/** Vietnam keeps UTC+7 all year (no daylight saving): a fixed offset converts form values exactly. */
const VN_OFFSET = '+07:00';
export const QUIET_START_HOUR = 22;
export const QUIET_END_HOUR = 8;

const locale = () => (currentLang() === 'en' ? 'en-GB' : 'vi-VN');

/** "23/11/2026 09:30" in Vietnam time */
export function formatVnTime(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), { timeZone: VN_TZ, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** A <input type=datetime-local> value ("2026-11-23T09:30") read as Vietnam time. */
export const vnLocalToDate = (value) => (value ? new Date(`${value}:00${VN_OFFSET}`) : null);
/** A <input type=date> value read as 00:00 Vietnam time of that day. */
export const vnDayToDate = (value) => (value ? new Date(`${value}T00:00:00${VN_OFFSET}`) : null);

/** The datetime-local value of an instant in Vietnam time (for the field's min). */
export function dateToVnLocal(d) {
  const l = new Date(d.getTime() + 7 * 3_600_000);
  return l.toISOString().slice(0, 16);
}

export function isQuietHour(d) {
  const h = (d.getUTCHours() + 7) % 24;
  return h >= QUIET_START_HOUR || h < QUIET_END_HOUR;
}

/** "27 giờ 48 phút", "3 ngày 4 giờ": a plan can take days at Zalo's rate, so days are kept with hours. */
export function formatLongDuration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('broadcasts.duration.seconds', { n: s });
  const m = Math.floor(s / 60);
  if (m < 60) return t('broadcasts.duration.minutes', { m });
  const h = Math.floor(m / 60);
  if (h < 48) return t('broadcasts.duration.hoursMinutes', { h, m: m % 60 });
  return t('broadcasts.duration.daysHours', { d: Math.floor(h / 24), h: h % 24 });
}

/** A skip / failure / wait reason in words; a delivery error we have no words for is shown as the platform said it. */
export const reasonText = (code) => tOr(`broadcasts.reason.${code}`, code);

export const channelName = (channel) => (channel === 'none' ? t('broadcasts.noChannel') : tOr(`channels.${channel}`, channel));

export const statusText = (status) => tOr(`broadcasts.status.${status}`, status);

export const formatCount = (n) => new Intl.NumberFormat(locale()).format(n ?? 0);
