import type { MonthlyReport } from './statistics.service';

const FIGURE_HEADERS = ['上报', '入库', '退稿', '市级采用', '省级采用', '被转载', '响应选题', '积分'];

const cell = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV for payroll and 考核 sheets; the BOM makes spreadsheet programs read the 中文 as UTF-8. */
export function statisticsCsv(report: MonthlyReport, scope: 'centers' | 'authors'): string {
  const lines: Array<Array<string | number>> = [];
  if (scope === 'centers') {
    lines.push(['月份', '排名', '中心代码', '中心名称', ...FIGURE_HEADERS]);
    for (const c of report.centers) lines.push([report.month, c.rank, c.code, c.name, ...figures(c)]);
  } else {
    lines.push(['月份', '排名', '作者', '中心代码', '中心名称', ...FIGURE_HEADERS]);
    for (const a of report.authors) lines.push([report.month, a.rank, a.name, a.center.code, a.center.name, ...figures(a)]);
  }
  return '\uFEFF' + lines.map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
}

function figures(f: {
  submitted: number;
  accepted: number;
  rejected: number;
  adoptedCity: number;
  adoptedProvince: number;
  republished: number;
  topicsAnswered: number;
  points: number;
}) {
  return [f.submitted, f.accepted, f.rejected, f.adoptedCity, f.adoptedProvince, f.republished, f.topicsAnswered, f.points];
}
