/** Months are counted in China Standard Time (UTC+8), the way the desks and payroll read them. */
const CST_OFFSET_MS = 8 * 3600 * 1000;

export interface MonthRange {
  month: string;
  from: Date;
  to: Date;
}

export function monthRange(month: string): MonthRange {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new Error(`month ${month} is not YYYY-MM`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const from = new Date(Date.UTC(y, mo - 1, 1) - CST_OFFSET_MS);
  const to = new Date(Date.UTC(mo === 12 ? y + 1 : y, mo === 12 ? 0 : mo, 1) - CST_OFFSET_MS);
  return { month, from, to };
}

export function monthOf(at: Date): string {
  const cst = new Date(at.getTime() + CST_OFFSET_MS);
  return `${cst.getUTCFullYear()}-${String(cst.getUTCMonth() + 1).padStart(2, '0')}`;
}
