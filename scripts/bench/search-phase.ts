import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { ProgressBar } from './progress-bar';

export interface SearchStats {
  runs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface SearchResult {
  stories: number;
  totalSeconds: number;
  results: Record<string, SearchStats | Record<string, unknown>>;
}

/**
 * The pool search and near-duplicate measure (issue 3) as one phase of the bench: the search
 * bench runs in its own process against its own scratch database, so its memory and its 200,000
 * stories never mix with the network under test. Its last stdout line is its JSON result.
 */
export function measureSearch(stories: number, progress: ProgressBar): Promise<SearchResult> {
  const script = resolve(__dirname, 'pool-search.bench.js');
  const queries = stories >= 100_000 ? 200 : 50;
  progress.note(`search: ${stories} stories in a scratch database (segmenting, loading, indexing, then ${queries} queries per kind)…`);
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [script, '--stories', String(stories), '--queries', String(queries), '--database', 'postgres://postgres@127.0.0.1:5432/scratch_search_bench'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: process.env,
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => {
      const line = d.toString('utf8').trim().split('\n').pop();
      if (line) progress.note(`search: ${line.replace(/^\[bench [\d:]+\] /, '')}`);
    });
    child.on('exit', (code) => {
      if (code !== 0) return fail(new Error(`search bench exited with ${code}`));
      const last = out.trim().split('\n').pop() ?? '';
      try {
        done(JSON.parse(last) as SearchResult);
      } catch {
        fail(new Error(`search bench printed no JSON result: ${last.slice(0, 200)}`));
      }
    });
  });
}

/** The keys the summary carries, named after what they measure. */
export function searchSummary(r: SearchResult): Record<string, number> {
  const p95 = (k: string) => (r.results[k] as SearchStats | undefined)?.p95 ?? -1;
  const nd = r.results['near_duplicate'] as { p95?: number } | undefined;
  return {
    search_pool_stories: r.stories,
    search_p95_rare_word_ms: p95('rare_word'),
    search_p95_medium_word_ms: p95('medium_word'),
    search_p95_common_word_ms: p95('common_word'),
    search_p95_two_common_words_ms: p95('two_words_both_common'),
    search_p95_common_word_category_tag_ms: p95('common_word_category_tag'),
    search_p95_common_word_county_60_days_ms: p95('common_word_county_60d'),
    search_p95_baseline_gin_ts_rank_common_word_ms: p95('baseline_gin_ts_rank_common_word'),
    near_duplicate_check_p95_ms: nd?.p95 ?? -1,
  };
}
