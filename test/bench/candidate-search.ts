import { randomUUID } from 'node:crypto';
import type { QueryConfig } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { DEFAULT_WORKING_TIME } from '../../src/bookings/working-time';
import { dataSourceOptions } from '../../src/database/data-source';
import * as candidateQuery from '../../src/matching/candidate-query';
import { asAppRole } from './databases';
import { DISTRICTS, QUALIFICATIONS, SeededPool } from './pool';
import { Summary, summarize } from './stats';

const HOUR = 3_600_000;
const WAVE = 15;
const WARM_UP = 10;
/** The tables whose size grows with the pool: a sequential scan of any of them is a scan of the pool. */
export const POOL_TABLES = ['substitute', 'substitute_qualification', 'availability_window', 'booked_shift'];

export interface CandidateSearchResult {
  pool: number;
  seedSeconds: number;
  runs: number;
  timings: Summary;
  candidatesPerSearch: number;
  /** No sequential scan of a pool table in the plans (EXPLAIN ANALYZE) of the statements one search sends. */
  indexScansOnly: boolean;
  /** Every sequential scan found, as "statement: table". */
  seqScans: string[];
  /** Each statement two searches sent, with its execution time under EXPLAIN ANALYZE. */
  explained: ExplainedStatement[];
}

export interface ExplainedStatement {
  /** The name candidate-query.ts exports the statement under, or else its start on one line. */
  statement: string;
  ms: number;
}

interface Explained extends ExplainedStatement {
  plan: PlanNode;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/**
 * The candidate search timed as the service runs it: findCandidates as the application role, in a
 * transaction scoped to the municipality (row-level security on), with the working-time rules, for a wave of
 * 15. Then the plans of the statements it sends, from EXPLAIN (ANALYZE, FORMAT JSON), in the same setting.
 */
export async function benchCandidateSearch(databaseUrl: string, pool: SeededPool, runs: number): Promise<CandidateSearchResult> {
  const db = await new DataSource(dataSourceOptions(asAppRole(databaseUrl), { poolSize: 2, applicationName: 'vikariebanken-bench' })).initialize();
  try {
    const timings: number[] = [];
    let found = 0;
    for (let i = 0; i < runs + WARM_UP; i++) {
      const { ms, candidates } = await timedSearch(db, pool, i);
      if (i < WARM_UP) continue;
      timings.push(ms);
      found += candidates;
    }
    const explained: Explained[] = [];
    for (let i = 0; i < 2; i++) await timedSearch(db, pool, i, explained);
    const seqScans = [...new Set(explained.flatMap(({ plan, statement }) => sequentialScans(plan).map((table) => `${statement}: ${table}`)))];
    return {
      pool: pool.size,
      seedSeconds: pool.seedSeconds,
      runs,
      timings: summarize(timings),
      candidatesPerSearch: found / runs,
      indexScansOnly: !seqScans.some((scan) => POOL_TABLES.includes(scan.split(': ')[1])),
      seqScans,
      explained: explained.map(({ statement, ms }) => ({ statement, ms })),
    };
  } finally {
    await db.destroy();
  }
}

/**
 * One search, for the i-th of a spread of vacancies: a day to a week ahead, by turns each qualification, unit
 * and district. With `explained`, each SELECT it sends is explained first.
 */
async function timedSearch(db: DataSource, pool: SeededPool, i: number, explained?: Explained[]): Promise<{ ms: number; candidates: number }> {
  const start = new Date(Date.now() + (24 + (i % 200)) * HOUR);
  const runner = db.createQueryRunner();
  await runner.startTransaction();
  const stopExplaining = explained ? await explainEach(runner, explained) : () => undefined;
  try {
    await runner.query(`SELECT set_config('app.municipality_id', $1, true)`, [pool.municipalityId]);
    const began = performance.now();
    const candidates = await candidateQuery.findCandidates(runner.manager, {
      municipalityId: pool.municipalityId,
      vacancyId: randomUUID(),
      unitId: pool.unitIds[i % pool.unitIds.length],
      district: `Distrikt ${i % DISTRICTS}`,
      qualificationCode: i % 2 ? QUALIFICATIONS[0] : QUALIFICATIONS[6],
      shifts: [{ start, end: new Date(start.getTime() + 8 * HOUR) }],
      rules: DEFAULT_WORKING_TIME,
      now: new Date(),
      limit: WAVE,
    });
    const ms = performance.now() - began;
    await runner.commitTransaction();
    return { ms, candidates: candidates.length };
  } finally {
    stopExplaining();
    await runner.release();
  }
}

type Query = (config: string | QueryConfig, values?: unknown[]) => Promise<{ rows: unknown[] }>;

/**
 * From here on, each SELECT the runner's connection is sent (through TypeORM or straight to pg, prepared or
 * not) first runs under EXPLAIN ANALYZE with the same values, and its plan is kept. Answers how to stop.
 */
async function explainEach(runner: QueryRunner, explained: Explained[]): Promise<() => void> {
  const client = (await runner.connect()) as { query: Query };
  const query: Query = client.query.bind(client);
  client.query = async (config, values) => {
    const text = typeof config === 'string' ? config : config.text;
    if (/^\s*(SELECT|WITH)\b/i.test(text) && !/set_config\(/.test(text)) {
      const { rows } = await query(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, values ?? (typeof config === 'string' ? undefined : config.values));
      const [{ Plan: plan, 'Execution Time': ms }] = (rows[0] as { 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number }[] })['QUERY PLAN'];
      explained.push({ statement: statementName(text), ms, plan });
    }
    return query(config, values);
  };
  return () => void delete (client as { query?: Query }).query;
}

function statementName(sql: string): string {
  const exported = Object.entries(candidateQuery).find(([, value]) => value === sql);
  return exported ? exported[0] : sql.replace(/\s+/g, ' ').trim().slice(0, 60);
}

function sequentialScans(node: PlanNode): string[] {
  const own = node['Node Type'] === 'Seq Scan' ? [node['Relation Name'] ?? '?'] : [];
  return [...own, ...(node.Plans ?? []).flatMap(sequentialScans)];
}
