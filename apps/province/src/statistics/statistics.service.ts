import { BadRequestException, Injectable } from '@nestjs/common';
import type { AdoptionLevel, LedgerKind } from '@syn/contracts';
import { CenterDirectory } from '@syn/network';
import { DataSource } from 'typeorm';
import { computeMonthlyStatistics, Figures, LedgerFactRow, PointsWeights, rankByPoints } from './monthly-statistics';
import { monthOf, monthRange } from './month-range';
import { PointsWeightsService } from './points-weights.service';

export interface MonthlyReport {
  month: string;
  from: string;
  to: string;
  weights: PointsWeights;
  centers: Array<Figures & { rank: number; code: string; name: string; level: string }>;
  authors: Array<Figures & { rank: number; name: string; center: { code: string; name: string } }>;
  totals: Figures;
  ledgerEntries: number;
}

interface LedgerDbRow {
  entry_id: string;
  kind: LedgerKind;
  story_id: string;
  story_version: number;
  origin_code: string;
  authors: string[];
  level: AdoptionLevel | null;
  channel: string | null;
  actor_code: string;
  ref_id: string | null;
  recorded_by: string;
  occurred_at: Date;
}

/** 考核 / 稿酬: monthly figures and points per center and author, computed from the ledger alone. */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: CenterDirectory,
    private readonly weights: PointsWeightsService,
  ) {}

  async monthly(province: string, month?: string): Promise<MonthlyReport> {
    const range = this.range(month);
    const rows = await this.facts(province, range.from, range.to);
    const w = await this.weights.get(province);
    const weights = { province: w.province, city: w.city, republish: w.republish };
    const stats = computeMonthlyStatistics(rows.map(toFact), range.from, range.to, weights);
    // Every center below the province is ranked, active or not: a zero is a figure too.
    const codes = new Set([
      ...this.directory
        .all()
        .filter((c) => c.code !== province && this.directory.isSelfOrAncestor(province, c.code))
        .map((c) => c.code),
      ...stats.centers.keys(),
    ]);
    const centers = rankByPoints(
      [...codes].map((code) => ({
        code,
        name: this.nameOf(code),
        level: this.directory.has(code) ? this.directory.get(code).level : 'unknown',
        ...(stats.centers.get(code) ?? zero()),
      })),
      (r) => r.code,
    );
    const authors = rankByPoints(
      [...stats.authors.entries()].map(([key, f]) => {
        const [code, name] = splitAuthorKey(key);
        return { name, center: { code, name: this.nameOf(code) }, ...f };
      }),
      (r) => `${r.center.code}|${r.name}`,
    );
    const totals = [...stats.centers.values()].reduce((t, f) => {
      for (const k of Object.keys(t) as Array<keyof Figures>) t[k] += f[k];
      return t;
    }, zero());
    return {
      month: range.month,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      weights,
      centers,
      authors,
      totals,
      ledgerEntries: rows.filter((r) => r.occurred_at >= range.from).length,
    };
  }

  /** The month's ledger rows, so that anyone can recompute every figure. */
  async ledger(province: string, month?: string) {
    const range = this.range(month);
    const rows: LedgerDbRow[] = await this.dataSource.query(
      `SELECT * FROM ledger_entries WHERE center_code = $1 AND occurred_at >= $2 AND occurred_at < $3 ORDER BY occurred_at, entry_id`,
      [province, range.from, range.to],
    );
    return {
      month: range.month,
      items: rows.map((r) => ({
        entryId: r.entry_id,
        kind: r.kind,
        storyId: r.story_id,
        storyVersion: r.story_version,
        originCode: r.origin_code,
        authors: r.authors,
        level: r.level,
        channel: r.channel,
        actorCode: r.actor_code,
        refId: r.ref_id,
        recordedBy: r.recorded_by,
        occurredAt: r.occurred_at.toISOString(),
      })),
    };
  }

  private range(month?: string) {
    try {
      return monthRange(month ?? monthOf(new Date()));
    } catch (e) {
      throw new BadRequestException({ statusCode: 400, message: [`month: ${(e as Error).message}`], fields: ['month'] });
    }
  }

  /**
   * Facts of the month, plus the earlier facts the points rules need for the stories that earn or
   * lose points in it: their adoptions, 转载 and takedowns, the stories merged into them, and those
   * merged stories' own takedowns.
   */
  private facts(province: string, from: Date, to: Date): Promise<LedgerDbRow[]> {
    return this.dataSource.query(
      `WITH month AS (
         SELECT * FROM ledger_entries WHERE center_code = $1 AND occurred_at >= $2 AND occurred_at < $3),
       touched AS (
         SELECT story_id FROM month WHERE kind IN ('adopted','republished','withdrawn')
         UNION SELECT ref_id FROM ledger_entries
                WHERE center_code = $1 AND kind = 'merged' AND occurred_at < $3 AND story_id IN (SELECT story_id FROM month WHERE kind = 'withdrawn')),
       members AS (
         SELECT story_id FROM ledger_entries WHERE center_code = $1 AND kind = 'merged' AND occurred_at < $3 AND ref_id IN (SELECT story_id FROM touched))
       SELECT * FROM month
       UNION ALL
       SELECT l.* FROM ledger_entries l
        WHERE l.center_code = $1 AND l.occurred_at < $2
          AND ((l.kind IN ('adopted','republished','withdrawn') AND l.story_id IN (SELECT story_id FROM touched))
               OR (l.kind = 'merged' AND l.ref_id IN (SELECT story_id FROM touched))
               OR (l.kind = 'withdrawn' AND l.story_id IN (SELECT story_id FROM members)))`,
      [province, from, to],
    );
  }

  private nameOf(code: string) {
    return this.directory.has(code) ? this.directory.get(code).name : code;
  }
}

const zero = (): Figures => ({ submitted: 0, accepted: 0, rejected: 0, adoptedCity: 0, adoptedProvince: 0, republished: 0, topicsAnswered: 0, points: 0 });

function splitAuthorKey(key: string): [string, string] {
  const i = key.indexOf('|');
  return [key.slice(0, i), key.slice(i + 1)];
}

function toFact(r: LedgerDbRow): LedgerFactRow {
  return {
    kind: r.kind,
    storyId: r.story_id,
    originCode: r.origin_code,
    authors: r.authors,
    level: r.level,
    actorCode: r.actor_code,
    refId: r.ref_id,
    occurredAt: r.occurred_at,
  };
}
