/** Time-zone arithmetic for the stand-in: civil fields of an instant, and the instant of civil fields. */

export const MS_PER_DAY = 86_400_000;
/** Sheets serial 0 is 1899-12-30; serial 25569 is 1970-01-01. */
export const SERIAL_1970 = 25_569;

export interface Civil {
  y: number;
  mo: number; // 1..12
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
  /** 0 = Sunday. */
  dow: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True when `tz` is an IANA zone name Intl knows. */
export function validTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `tz` from UTC at instant `ms`, in ms (UTC+7 gives 25_200_000). Cached per quarter hour. */
export function tzOffset(ms: number, tz: string): number {
  if (tz === 'UTC' || tz === 'Etc/UTC' || tz === 'GMT' || tz === 'Etc/GMT') return 0;
  const bucket = Math.floor(ms / 900_000);
  const key = `${tz}|${bucket}`;
  let off = offsets.get(key);
  if (off === undefined) {
    const t = bucket * 900_000;
    const p: Record<string, number> = {};
    for (const part of formatter(tz).formatToParts(new Date(t))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const local = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
    off = local - t;
    if (offsets.size > 200_000) offsets.clear();
    offsets.set(key, off);
  }
  return off;
}

export function civil(ms: number, tz: string): Civil {
  const local = ms + tzOffset(ms, tz);
  const dt = new Date(local);
  return {
    y: dt.getUTCFullYear(),
    mo: dt.getUTCMonth() + 1,
    d: dt.getUTCDate(),
    h: dt.getUTCHours(),
    mi: dt.getUTCMinutes(),
    s: dt.getUTCSeconds(),
    ms: dt.getUTCMilliseconds(),
    dow: dt.getUTCDay(),
  };
}

/** The instant whose civil time in `tz` is the given fields (the earlier one in a DST overlap). */
export function fromCivil(y: number, mo: number, d: number, h: number, mi: number, s: number, tz: string, ms = 0): number {
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  let t = local - tzOffset(local, tz);
  t = local - tzOffset(t, tz);
  return t;
}

/** Sheets serial number (days since 1899-12-30, fraction = time of day) of an instant, read in `tz`. */
export function msToSerial(ms: number, tz: string): number {
  return (ms + tzOffset(ms, tz)) / MS_PER_DAY + SERIAL_1970;
}

/** The instant of a Sheets serial number read as civil time in `tz`. */
export function serialToMs(serial: number, tz: string): number {
  const local = Math.round((serial - SERIAL_1970) * MS_PER_DAY);
  let t = local - tzOffset(local, tz);
  t = local - tzOffset(t, tz);
  return t;
}
