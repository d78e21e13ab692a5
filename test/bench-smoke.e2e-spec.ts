import { BenchReport, runBench } from './bench/bench';
import { optionsFromEnv } from './bench/options';
import { renderTable } from './bench/report';

/**
 * The whole bench at a tiny scale, so that it cannot rot between the times someone runs it. Timings are
 * not asserted (the suite shares the machine with others); what must hold at any scale is.
 */
describe('the bench, at a tiny scale', () => {
  let report: BenchReport;

  beforeAll(async () => {
    const options = optionsFromEnv({
      BENCH_POOLS: '2000',
      BENCH_QUERY_RUNS: '20',
      BENCH_RATE: '5',
      BENCH_SECONDS: '2',
      BENCH_WARM_UP_SECONDS: '1',
      BENCH_SATURATION_SECONDS: '2',
      BENCH_SATURATION_CONCURRENCY: '8',
      BENCH_ACCEPT_VACANCIES: '3',
      BENCH_ACCEPTERS: '10',
      BENCH_FLOOR_SECONDS: '0.5',
      BENCH_FLOOR_RATE: '100',
      BENCH_FLOOR_QUERIES: '50',
      BENCH_FLOOR_BURST: '200',
      // The sources through ts-node: the suite neither needs nor writes a build.
      BENCH_FROM_SOURCE: '1',
    });
    report = await runBench(options, () => undefined);
  }, 180_000);

  it('names the machine and the versions', () => {
    expect(report.machine).toEqual(
      expect.objectContaining({ cores: expect.any(Number), memoryGiB: expect.any(Number), node: process.version, postgres: expect.stringMatching(/^\d+/), redis: expect.stringMatching(/^\d+/) }),
    );
    expect(report.machine.commit).not.toBe('');
  });

  it('measures the floors and holds each figure to one', () => {
    expect(report.floor!.queueHop.count).toBe(50);
    expect(report.floor!.queueJobsPerSecond).toBeGreaterThan(0);
    for (const floor of [report.floor!.select, report.floor!.insert, report.floor!.http]) expect(floor.count).toBe(50);
    expect(report.candidateSearch[0].p99VsFloor).toBeGreaterThan(0);
    expect(report.sms!.firstSmsP99VsFloor).toBeGreaterThan(0);
    expect(report.saturation!.shareOfCeiling).toBeGreaterThan(0);
    expect(report.accepts!.p99VsFloor).toBeGreaterThan(0);
  });

  it('times the candidate search and reads its plans', () => {
    const [search] = report.candidateSearch;
    expect(search).toEqual(expect.objectContaining({ pool: 2000, runs: 20, indexScansOnly: expect.any(Boolean) }));
    expect(search.timings.count).toBe(20);
    expect(search.explained.length).toBeGreaterThan(0);
  });

  it('sends every absence its SMS', () => {
    const sms = report.sms!;
    expect(sms.refused).toEqual({});
    expect(sms.vacancies).toBe(10);
    expect(sms.withSms).toBe(10);
    expect(sms.drained).toBe(true);
    expect(sms.firstSms.count).toBe(10);
    expect(sms.queue.samples.length).toBeGreaterThan(0);
  });

  it('sends the first wave of every vacancy posted flat out', () => {
    const saturation = report.saturation!;
    expect(saturation.refused).toEqual({});
    expect(saturation.vacancies).toBeGreaterThan(0);
    expect(saturation.drained).toBe(true);
    expect(saturation.firstWavesSent + saturation.noCandidates).toBe(saturation.vacancies);
    expect(saturation.firstWavesPerSecondWithDrain).toBeGreaterThan(0);
    expect(saturation.limitedBy).not.toBe('');
  });

  it('books exactly one winner per vacancy and tells the others it is taken', () => {
    const accepts = report.accepts!;
    expect(accepts.vacanciesWithOneWinner).toBe(3);
    expect(accepts.winners).toBe(3);
    expect(accepts.bookings).toBe(3);
    expect(accepts.answers).toEqual({ '200 accepted': 3, '409 VACANCY_TAKEN': 27 });
    expect(accepts.latency.count).toBe(30);
  });

  it('splits the CPU by process, the client apart', () => {
    for (const cpu of [report.sms!.cpu, report.saturation!.cpuPerVacancy]) {
      for (const process of ['api', 'worker', 'postgres'] as const) expect(cpu.service[process].ms).toBeGreaterThan(0);
      // /proc counts in clock ticks (10 ms): Redis's few milliseconds over the short steady run may round to none.
      expect(cpu.service.redis.ms).toBeGreaterThanOrEqual(0);
      expect(cpu.client.ms).toBeGreaterThan(0);
      expect(cpu.serviceTotal.msPerVacancy).toBeGreaterThan(0);
      expect(cpu.coresUsed).toBeGreaterThan(0);
    }
    expect(report.saturation!.cpuPerVacancy.service.redis.ms).toBeGreaterThan(0);
  });

  it('counts the statements per vacancy, match and delivery', () => {
    for (const statements of [report.sms!.statements, report.saturation!.statements]) {
      expect(statements.apiPerVacancy.statements).toBeGreaterThan(0);
      expect(statements.apiPerVacancy.commits).toBeGreaterThan(0);
      expect(statements.perMatch.jobs).toBeGreaterThan(0);
      expect(statements.perMatch.statements).toBeGreaterThan(0);
      expect(statements.perDelivery.jobs).toBeGreaterThan(0);
      expect(statements.perDelivery.statements).toBeGreaterThan(0);
    }
    expect(report.accepts!.statementsPerAccept.statements).toBeGreaterThan(0);
  });

  it('prints one table, and one JSON object', () => {
    const table = renderTable(report);
    for (const row of ['floor: BullMQ', 'candidate search, 2,000 substitutes', "POST's answer → first SMS", 'first waves fully sent', 'accepts: 10 at once']) expect(table).toContain(row);
    expect(JSON.parse(JSON.stringify(report)).machine.cores).toBe(report.machine.cores);
  });
});
