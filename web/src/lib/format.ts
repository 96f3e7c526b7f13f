/** The time zone the rounds, offices and deadlines run on, wherever the browser is. */
export const SEOUL = 'Asia/Seoul';

/** `11월 26일 오후 2:05` / `26 Nov, 2:05 PM`: a moment in Korean time. */
export function formatDateTime(iso: string | number | Date, language: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: SEOUL,
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** `오후 2:05` / `2:05 PM`: a time of day in Korean time. */
export function formatTime(iso: string | number | Date, language: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: SEOUL,
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** `2026년 11월 26일 목요일` / `Thursday, 26 November 2026`: today in Korea. */
export function formatToday(language: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'full', timeZone: SEOUL }).format(now);
}

/** The calendar day in Korea, `YYYY-MM-DD` (the format of the contracts' dates). */
export function seoulDay(now: Date | number = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: SEOUL,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** A Korean wall-clock time on a day as an instant with its offset: `2026-11-25T09:00:00+09:00`. */
export function seoulInstant(day: string, time: string): string {
  return `${day}T${time}:00+09:00`;
}

/** `1,234` / `1,234`: a count in the reader's language. */
export function formatCount(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}
