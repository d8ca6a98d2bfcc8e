import type { Page } from 'playwright-core';

export interface PageProblem {
  kind: 'console' | 'pageerror' | 'csp';
  text: string;
  url: string;
}

/**
 * Records what a page complains about: console errors, uncaught exceptions and Content-Security-
 * Policy violations (each reported by the browser itself, also when the console is quiet).
 * A failed HTTP call shows as "Failed to load resource … status of 401"; a test that provokes one
 * on purpose names the status in `allowHttpStatus`.
 */
export class PageProblems {
  readonly problems: PageProblem[] = [];

  private constructor(private readonly page: Page) {}

  static async watch(page: Page): Promise<PageProblems> {
    const w = new PageProblems(page);
    page.on('console', (m) => {
      if (m.type() === 'error') w.problems.push({ kind: 'console', text: `${m.text()} ${m.location().url}`.trim(), url: page.url() });
    });
    page.on('pageerror', (e) => w.problems.push({ kind: 'pageerror', text: `${e.name}: ${e.message}`, url: page.url() }));
    await page.exposeBinding('__reportCspViolation', (_src, text: string) => w.problems.push({ kind: 'csp', text, url: page.url() }));
    // Init scripts run through the debugging protocol, outside the page's CSP.
    await page.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (e) => window.__reportCspViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' (' + e.sourceFile + ':' + e.lineNumber + ')'));`,
    });
    return w;
  }

  /** The problems seen so far, less the HTTP failures the test expects. */
  unexpected(opts: { allowHttpStatus?: number[]; allow?: RegExp[] } = {}): PageProblem[] {
    const allowed = opts.allowHttpStatus ?? [];
    return this.problems.filter(
      (p) => !(p.kind === 'console' && (allowed.some((s) => p.text.includes(`status of ${s}`)) || (opts.allow ?? []).some((re) => re.test(p.text)))),
    );
  }

  clear(): void {
    this.problems.length = 0;
  }
}
