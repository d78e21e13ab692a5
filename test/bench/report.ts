import type { BenchReport } from './bench';
import { ExplainedStatement, POOL_TABLES } from './candidate-search';
import { CpuSplit, SERVICE_PROCESSES } from './cpu';
import type { QueueDepth } from './queue-depth';
import type { Summary } from './stats';
import type { PerUnit, StatementFigures } from './statements';

type Row = [measure: string, value: string, target: string, vsFloor: string];

/** The report as one table: the machine above it, how it was measured below it. */
export function renderTable(report: BenchReport): string {
  const { machine } = report;
  const rows: Row[] = [
    ...floorRows(report),
    ...candidateSearchRows(report),
    ...smsRows(report),
    ...saturationRows(report),
    ...acceptsRows(report),
  ];
  const header: Row = ['measure', 'value', 'target', 'vs floor'];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i].length)));
  const line = (r: Row) => `| ${r.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [
    `Vikariebanken bench, ${machine.date}, commit ${machine.commit}`,
    `${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, load ${machine.loadAtStart} at start; node ${machine.node}, PostgreSQL ${machine.postgres} (autovacuum ${machine.autovacuum}), Redis ${machine.redis}`,
    '',
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
    '',
    ...report.method.map((m) => `- ${m}`),
    ...(report.autovacuumPassesByBench > 0 ? [`- Vacuum and analyze passes the bench ran in place of autovacuum: ${report.autovacuumPassesByBench}`] : []),
    ...report.keptDatabases.map((name) => `- Kept database ${name}`),
  ].join('\n');
}

function floorRows({ floor }: BenchReport): Row[] {
  if (!floor) return [];
  return [
    ['floor: BullMQ add → processor runs', latency(floor.queueHop), '', ''],
    ['floor: BullMQ jobs added at once', `${whole(floor.queueJobsPerSecond)} jobs/s`, '', ''],
    ['floor: PostgreSQL primary-key SELECT', latency(floor.select), '', ''],
    ['floor: PostgreSQL INSERT, committed', latency(floor.insert), '', ''],
    ['floor: HTTP POST, kept alive', latency(floor.http), '', ''],
  ];
}

function candidateSearchRows(report: BenchReport): Row[] {
  return report.candidateSearch.flatMap((r): Row[] => [
    [`candidate search, ${whole(r.pool)} substitutes`, latency(r.timings), `p99 ≤ ${r.pool >= 1_000_000 ? 50 : 20} ms`, times(r.p99VsFloor, 'SELECT')],
    ['  index scans only on pool tables (EXPLAIN ANALYZE)', r.indexScansOnly ? 'yes' : `no: ${r.seqScans.filter((s) => POOL_TABLES.includes(s.split(': ')[1])).join(', ')}`, 'yes', ''],
    ['  slowest statement (EXPLAIN ANALYZE)', slowest(r.explained), '', ''],
    ['  seeded; searches; candidates each', `${r.seedSeconds > 0 ? `${r.seedSeconds.toFixed(0)} s` : 'kept from an earlier run'}; ${r.runs}; ${r.candidatesPerSearch.toFixed(1)}`, '', ''],
  ]);
}

function smsRows({ sms }: BenchReport): Row[] {
  if (!sms) return [];
  const refused = Object.keys(sms.refused).length ? `; refused ${JSON.stringify(sms.refused)}` : '';
  return [
    [`${sms.rate} absences/s for ${sms.seconds} s`, `${sms.vacancies} vacancies, ${sms.withSms} with SMS, ${sms.missing} without${refused}${undrained(sms.drained)}`, 'every one', ''],
    ['  POST /absences', latency(sms.post), 'p99 ≤ 100 ms', times(sms.postP99VsFloor, 'HTTP + INSERT')],
    ["  POST's answer → first SMS", latency(sms.firstSms), 'p99 ≤ 250 ms', times(sms.firstSmsP99VsFloor, '2 hops + SELECT + 2 INSERT + HTTP')],
    ['  first SMS p99 by sixth of the run', sms.firstSmsTimeline.map((s) => ms(s.p99)).join(', '), '', ''],
    ['  POST sent → first SMS', latency(sms.firstSmsFromRequest), '', ''],
    ['  absence → first offer (db)', latency(sms.matching), '', ''],
    ['  offer → SMS sent (db)', latency(sms.delivery), '', ''],
    ['  queue depth (waiting + active)', depth(sms.queue), 'no growth', ''],
    ['  queue depth by second', sms.queue.samples.join(' '), '', ''],
    ...perVacancyCpuRows(sms.cpu),
    ['  cores used', cores(sms.cpu), '', ''],
    ...statementRows(sms.statements),
  ];
}

function saturationRows({ saturation: s }: BenchReport): Row[] {
  if (!s) return [];
  const share = s.shareOfCeiling === null ? '' : `${(s.shareOfCeiling * 100).toFixed(0)}% of bare queue / 2`;
  return [
    [`saturation: ${s.concurrency} POSTs in flight for ${s.seconds.toFixed(0)} s`, `${s.absences} absences, ${s.postsPerSecond.toFixed(0)}/s taken${Object.keys(s.refused).length ? `; refused ${JSON.stringify(s.refused)}` : ''}`, '', ''],
    ['  first waves fully sent, per second', `${s.firstWavesPerSecond.toFixed(0)}/s while posting; ${s.firstWavesPerSecondWithDrain.toFixed(0)}/s with the drain of ${s.drainSeconds.toFixed(1)} s`, '≥ 200/s', share],
    ['  vacancies sent; without candidates', `${s.firstWavesSent} of ${s.vacancies}; ${s.noCandidates}${undrained(s.drained)}`, '', ''],
    ['  POST /absences', latency(s.post), '', ''],
    ['  limited by', s.limitedBy, '', ''],
    ['  queue depth (waiting + active)', depth(s.queue), '', ''],
    ['  cores while posting', cores(s.cpuWhilePosting), '', ''],
    ...perVacancyCpuRows(s.cpuPerVacancy),
    ...statementRows(s.statements),
  ];
}

function acceptsRows({ accepts: a }: BenchReport): Row[] {
  if (!a) return [];
  const answers = Object.entries(a.answers).map(([outcome, n]) => `${outcome}: ${n}`).join(', ');
  return [
    [`accepts: ${a.acceptersPerVacancy} at once on each of ${a.vacancies} vacancies`, `${a.vacanciesWithOneWinner} of ${a.vacancies} with exactly one winner; ${a.bookings} bookings`, 'exactly 1 each', ''],
    ['  accept', latency(a.latency), 'p99 ≤ 100 ms', times(a.p99VsFloor, 'HTTP + INSERT')],
    ['  answers', answers, `1 × 200, rest 409 VACANCY_TAKEN`, ''],
    ['  statements per accept', perUnit(a.statementsPerAccept), '', ''],
    ['  CPU ms per accept', `${a.cpu.serviceTotal.msPerVacancy.toFixed(2)} (${SERVICE_PROCESSES.map((p) => `${p} ${a.cpu.service[p].msPerVacancy.toFixed(2)}`).join(', ')}); client ${a.cpu.client.msPerVacancy.toFixed(2)}`, '', ''],
    ['  cores while answering', cores(a.cpu), '', ''],
  ];
}

function perVacancyCpuRows(cpu: CpuSplit): Row[] {
  const perVacancy = SERVICE_PROCESSES.map((p) => `${p} ${cpu.service[p].msPerVacancy.toFixed(1)}`).join(', ');
  return [
    ['  service CPU ms per vacancy', `${cpu.serviceTotal.msPerVacancy.toFixed(1)} (${perVacancy})`, '', ''],
    ['  client + SMS server CPU ms per vacancy', `${cpu.client.msPerVacancy.toFixed(1)} (not in the service's)`, '', ''],
  ];
}

function cores(cpu: CpuSplit): string {
  const service = SERVICE_PROCESSES.map((p) => `${p} ${cpu.service[p].cores.toFixed(2)}`).join(', ');
  const others = `other databases ${cpu.otherDatabases.cores.toFixed(2)}, other processes ${cpu.otherProcessesCores.toFixed(2)}`;
  return `${cpu.coresUsed.toFixed(2)} in all: ${service}; client ${cpu.client.cores.toFixed(2)}; not counted: ${others}`;
}

function statementRows(s: StatementFigures): Row[] {
  return [
    ['  statements per vacancy: api; worker', `${perUnit(s.apiPerVacancy)}; ${perUnit(s.workerPerVacancy)}`, '', ''],
    ['  statements per match job; per delivery', `${perUnit(s.perMatch)}; ${perUnit(s.perDelivery)}`, '', ''],
  ];
}

const undrained = (drained: boolean) => (drained ? '' : ' (the bench stopped waiting: CPU per vacancy is understated)');
function slowest(explained: ExplainedStatement[]): string {
  const [top] = [...explained].sort((a, b) => b.ms - a.ms);
  return top ? `${top.statement}, ${ms(top.ms)} (of ${explained.length} statements)` : '';
}

const perUnit = (p: PerUnit) => `${p.statements.toFixed(1)} (${p.commits.toFixed(1)} commits)`;
const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 2 : 1)} ms`);
const latency = (s: Summary) => `p50 ${ms(s.p50)} / p99 ${ms(s.p99)}`;
const whole = (n: number) => Math.round(n).toLocaleString('en');
const times = (r: number | null, floor: string) => (r === null || !Number.isFinite(r) ? '' : `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}× (${floor})`);
const depth = (q: QueueDepth) =>
  `max ${q.max} (${Object.entries(q.maxByQueue).map(([name, n]) => `${name} ${n}`).join(', ')}); mean ${q.firstThird.toFixed(1)} first third, ${q.lastThird.toFixed(1)} last: ${q.grows ? 'grows' : 'no growth'}`;
