import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { ABSENCE_REASONS, Absence, AbsenceReason } from '../absences/absence.entity';
import { VacancyShift } from '../absences/vacancy-shift.entity';
import { Vacancy } from '../absences/vacancy.entity';
import { VACANCY_STATUSES, VacancyStatus } from '../absences/vacancy-status';
import { BookedShift } from '../bookings/booked-shift.entity';
import { Booking } from '../bookings/booking.entity';
import { HOUR_MS, LOCAL_ZONE, toLocalDate } from '../common/time';
import type { Period } from '../database/tstzrange';
import { rankCandidates } from '../matching/rank-candidates';
import { DEFAULT_MATCHING_SETTINGS, planWave, waveMayGoAt } from '../matching/wave-plan';
import { offerToken, tokenHash } from '../notifications/credentials';
import { Offer } from '../offers/offer.entity';
import { OFFER_STATUSES, OfferStatus } from '../offers/offer-status';
import { SERVICE_AREAS, ServiceArea } from '../organisation/service-area';
import { insertInChunks } from './insert';
import { Random } from './random';

/*
 * The demo's past: about six weeks of absences, and a few days ahead, at the demo units, with what became of
 * each vacancy. Nothing is sent: the story is replayed here, event by event in time order, by the rules the
 * worker follows (the candidate query's eligibility, rankCandidates, planWave and waveMayGoAt with the default
 * matching settings, the daily rest of the booking constraints), and only its outcome is written, back-dated,
 * in the seed's transaction. No outbox rows, jobs, messages or audit entries are written.
 *
 * Every vacancy of the history ends filled, unfilled or cancelled, with no offer pending: a live one would
 * wake the worker, whose next wave sends SMS. A vacancy still live at the seed's "now" (posted so recently
 * that its matching would still be running) is therefore left out, as if not yet posted.
 */

// ---------------------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------------------

export const HISTORY_WEEKS = 6;
export const HISTORY_DAYS_AHEAD = 4;

export const UNIT_KINDS = ['school', 'preschool', 'care_home', 'home_care', 'social_office', 'family_centre', 'supported_housing', 'kitchen', 'school_kitchen'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

type Clock = readonly [hour: number, minute: number];

/** A shift pattern in Swedish wall-clock time; an end at or before the start is the next morning. */
interface ShiftTemplate {
  start: Clock;
  end: Clock;
  weight: number;
}

interface KindProfile {
  /** Open at weekends and on public holidays too (care around the clock). */
  everyDay: boolean;
  /** Closed in the school holidays. */
  schoolBreaks: boolean;
  /** The chance that a new absence is posted for a given open day. */
  dailyAbsence: number;
  qualifications: Record<string, number>;
  shifts: ShiftTemplate[];
}

const shift = (start: Clock, end: Clock, weight: number): ShiftTemplate => ({ start, end, weight });
const DAY = shift([7, 0], [16, 0], 3);
const EARLY = shift([6, 45], [15, 15], 3);
const EVENING = shift([14, 0], [21, 30], 3);
const NIGHT = shift([21, 0], [7, 0], 1);

const KINDS: Record<UnitKind, KindProfile> = {
  school: {
    everyDay: false,
    schoolBreaks: true,
    dailyAbsence: 0.4,
    qualifications: { legitimerad_larare: 5, elevassistent: 3 },
    shifts: [shift([7, 30], [16, 0], 3), shift([8, 0], [16, 30], 2)],
  },
  preschool: {
    everyDay: false,
    schoolBreaks: false,
    dailyAbsence: 0.45,
    qualifications: { forskollarare: 2, barnskotare: 4 },
    shifts: [shift([6, 30], [15, 0], 2), DAY, shift([9, 0], [17, 30], 2)],
  },
  care_home: {
    everyDay: true,
    schoolBreaks: false,
    dailyAbsence: 0.75,
    qualifications: { underskoterska: 6, vardbitrade: 3, sjukskoterska: 1 },
    shifts: [DAY, EARLY, EVENING, NIGHT],
  },
  home_care: {
    everyDay: true,
    schoolBreaks: false,
    dailyAbsence: 0.55,
    qualifications: { underskoterska: 4, vardbitrade: 4, personlig_assistent: 1 },
    shifts: [DAY, { ...EARLY, weight: 2 }, EVENING],
  },
  social_office: {
    everyDay: false,
    schoolBreaks: false,
    dailyAbsence: 0.2,
    qualifications: { socialsekreterare: 1 },
    shifts: [shift([8, 0], [17, 0], 1)],
  },
  family_centre: {
    everyDay: false,
    schoolBreaks: false,
    dailyAbsence: 0.2,
    qualifications: { socialsekreterare: 1, behandlingsassistent: 2 },
    shifts: [shift([8, 0], [16, 30], 1)],
  },
  supported_housing: {
    everyDay: true,
    schoolBreaks: false,
    dailyAbsence: 0.35,
    qualifications: { behandlingsassistent: 1 },
    shifts: [{ ...DAY, weight: 2 }, { ...EVENING, weight: 2 }, NIGHT],
  },
  kitchen: {
    everyDay: false,
    schoolBreaks: false,
    dailyAbsence: 0.3,
    qualifications: { kock: 2, ekonomibitrade: 3 },
    shifts: [EARLY, { ...DAY, weight: 2 }],
  },
  school_kitchen: {
    everyDay: false,
    schoolBreaks: true,
    dailyAbsence: 0.3,
    qualifications: { kock: 2, ekonomibitrade: 3 },
    shifts: [EARLY, { ...DAY, weight: 2 }],
  },
};

/** Study leave appears here untagged too (studies outside Jobbsatsningen); the programme's own is planned per unit below. */
const REASON_WEIGHTS: Record<AbsenceReason, number> = { sick: 60, parental: 14, vacation: 9, other: 9, study_leave: 8 };

/** How long before the first shift an absence is posted. */
type Lead = 'same_day' | 'evening_before' | 'days_ahead' | 'weeks_ahead';
const LEADS: Record<AbsenceReason, Partial<Record<Lead, number>>> = {
  sick: { same_day: 55, evening_before: 35, days_ahead: 10 },
  parental: { same_day: 50, days_ahead: 20, weeks_ahead: 30 },
  vacation: { days_ahead: 25, weeks_ahead: 75 },
  other: { same_day: 20, evening_before: 20, days_ahead: 60 },
  study_leave: { days_ahead: 30, weeks_ahead: 70 },
};

/** Jobbsatsningen: a member of staff studies one weekday a week; each day is a vacancy of its own. */
const PROGRAMME_NOTES: Record<ServiceArea, string> = {
  utbildning: 'Jobbsatsningen: studerar till förskollärare, en dag i veckan.',
  vard_omsorg: 'Jobbsatsningen: undersköterskeutbildning på Komvux, en dag i veckan.',
  socialtjanst: 'Jobbsatsningen: vidareutbildning i socialt arbete, en dag i veckan.',
  kost: 'Jobbsatsningen: kockutbildning, en dag i veckan.',
};
const UNTAGGED_STUDY_NOTE = 'Studieledighet.';

const UNIT_CANCELS_ABSENCE = 'Frånvaron har ställts in av enheten.';
const UNIT_CANCELS_VACANCY = 'Vikariatet har ställts in av enheten.';
const SUBSTITUTE_CANCEL_REASONS = ['Sjuk', 'Mitt barn är sjukt', 'Har fått förhinder', 'Krockar med en tenta'];

/** Chances that the unit calls off an absence, one vacancy of a split absence, or that the booked substitute cancels. */
const CANCEL_ABSENCE = 0.035;
const CANCEL_SPLIT_VACANCY = 0.03;
const SUBSTITUTE_CANCELS = 0.02;

/** How a substitute answers an offer, by the vacancy's lead time when the offer goes out (minutes). */
const ANSWERS: { maxLeadMinutes: number; accept: number; decline: number }[] = [
  { maxLeadMinutes: 3 * 60, accept: 0.09, decline: 0.3 },
  { maxLeadMinutes: 24 * 60, accept: 0.16, decline: 0.3 },
  { maxLeadMinutes: 7 * 24 * 60, accept: 0.28, decline: 0.25 },
  { maxLeadMinutes: Number.MAX_SAFE_INTEGER, accept: 0.32, decline: 0.2 },
];

const SETTINGS = DEFAULT_MATCHING_SETTINGS;
const FAIRNESS_WINDOW_MS = 28 * 24 * HOUR_MS;
const SECOND = 1000;
const MINUTE = 60 * SECOND;

// ---------------------------------------------------------------------------------------------------------
// Input and output
// ---------------------------------------------------------------------------------------------------------

export interface HistoryUnit {
  id: string;
  serviceArea: ServiceArea;
  district: string;
  kind: UnitKind;
  /** Who posts the unit's absences. */
  managerId: string;
}

export interface HistoryPerson {
  id: string;
  /** Position in the demo pool: breaks ranking ties the same way on every run (ids are random). */
  order: number;
  active: boolean;
  districts: string[];
  consentedAt: Date;
  verifiedAt: Date | null;
  qualifications: { code: string; verifiedAt: Date | null; validUntil: string | null }[];
  /** Local hours the person makes themselves available on an ISO weekday, as their availability profile. */
  hours: (weekday: number) => readonly [number, number] | null;
}

export interface HistoryContext {
  municipalityId: string;
  now: DateTime;
  programmeId: string;
  units: HistoryUnit[];
  people: HistoryPerson[];
  restHours: number;
  offerTokenSecret: string;
  seed: number;
}

export interface HistorySummary {
  /** First and last local day with a shift. */
  from: string;
  to: string;
  absences: Record<AbsenceReason, number>;
  programmeAbsences: number;
  vacancies: Record<VacancyStatus, number>;
  offers: Record<OfferStatus, number>;
  bookings: { confirmed: number; cancelled: number };
}

// ---------------------------------------------------------------------------------------------------------
// Calendar
// ---------------------------------------------------------------------------------------------------------

/** Easter Sunday (anonymous Gregorian algorithm), local midnight. */
function easterSunday(year: number): DateTime {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.fromObject({ year, month, day }, { zone: LOCAL_ZONE });
}

const daysFromEaster = (day: DateTime) => Math.round(day.startOf('day').diff(easterSunday(day.year), 'days').days);

/** Swedish public holidays, with the eves workplaces close on (midsummer, Christmas and New Year's Eve). */
export function isPublicHoliday(day: DateTime): boolean {
  if (['01-01', '01-06', '05-01', '06-06', '12-24', '12-25', '12-26', '12-31'].includes(day.toFormat('MM-dd'))) return true;
  if ([-2, 1, 39].includes(daysFromEaster(day))) return true;
  return day.month === 6 && day.day >= 19 && day.day <= 25 && day.weekday === 5;
}

/** Norrköping's school holidays, roughly: autumn (week 44), Christmas, winter (week 9), Easter and summer. */
function isSchoolBreak(day: DateTime): boolean {
  if (day.weekNumber === 44 || day.weekNumber === 9) return true;
  if ((day.month === 12 && day.day >= 21) || (day.month === 1 && day.day <= 7)) return true;
  if ((day.month === 6 && day.day >= 12) || day.month === 7 || (day.month === 8 && day.day < 18)) return true;
  const fromEaster = daysFromEaster(day);
  return fromEaster >= 1 && fromEaster <= 5;
}

function isOpen(kind: UnitKind, day: DateTime): boolean {
  const profile = KINDS[kind];
  if (profile.everyDay) return true;
  if (day.weekday > 5 || isPublicHoliday(day)) return false;
  return !(profile.schoolBreaks && isSchoolBreak(day));
}

function shiftOn(day: DateTime, template: ShiftTemplate): Period {
  const start = day.set({ hour: template.start[0], minute: template.start[1], second: 0, millisecond: 0 });
  let end = day.set({ hour: template.end[0], minute: template.end[1], second: 0, millisecond: 0 });
  if (end <= start) end = day.plus({ days: 1 }).set({ hour: template.end[0], minute: template.end[1], second: 0, millisecond: 0 });
  return { start: start.toJSDate(), end: end.toJSDate() };
}

const pickShift = (rng: Random, kind: UnitKind): ShiftTemplate =>
  KINDS[kind].shifts[Number(rng.weighted(Object.fromEntries(KINDS[kind].shifts.map((s, i) => [String(i), s.weight]))))];

// ---------------------------------------------------------------------------------------------------------
// Planning the absences
// ---------------------------------------------------------------------------------------------------------

interface PlannedAbsence {
  unit: HistoryUnit;
  reason: AbsenceReason;
  qualificationCode: string;
  programme: boolean;
  note: string | null;
  createdAt: Date;
  /** One vacancy per group of shifts. */
  vacancies: Period[][];
  /** When the unit calls the whole absence off, if it does. */
  cancelAt: Date | null;
}

function postedAt(rng: Random, lead: Lead, firstStart: DateTime): DateTime {
  const at = (day: DateTime) => day.set({ hour: rng.int(8, 15), minute: rng.int(0, 59), second: rng.int(0, 59), millisecond: 0 });
  switch (lead) {
    case 'same_day':
      // A call in the morning for the day's shift, or during the day for the evening or night.
      return firstStart.minus({ minutes: firstStart.hour < 11 ? rng.int(20, 100) : rng.int(45, 300), seconds: rng.int(0, 59) });
    case 'evening_before':
      return firstStart.startOf('day').minus({ days: 1 }).set({ hour: rng.int(16, 21), minute: rng.int(0, 59), second: rng.int(0, 59) });
    case 'days_ahead':
      return at(firstStart.startOf('day').minus({ days: rng.int(2, 6) }));
    case 'weeks_ahead':
      return at(firstStart.startOf('day').minus({ days: rng.int(9, 28) }));
  }
}

function dayCount(rng: Random, reason: AbsenceReason, lead: Lead): number {
  switch (reason) {
    case 'sick':
      return Number(rng.weighted({ '1': 60, '2': 25, '3': 15 }));
    case 'parental':
      return lead === 'same_day' ? 1 : rng.int(2, 5);
    case 'vacation':
      return rng.int(3, 5);
    case 'study_leave':
      return rng.int(1, 2);
    case 'other':
      return 1;
  }
}

/** A call-off at a random moment between posting and `until`, if it happens and there is time for it. */
function maybeCancel(rng: Random, chance: number, createdAt: Date, until: Date): Date | null {
  if (!rng.chance(chance)) return null;
  const span = until.getTime() - createdAt.getTime();
  if (span < 2 * HOUR_MS) return null;
  return new Date(createdAt.getTime() + Math.floor(span * (0.1 + 0.8 * rng.fraction())));
}

function planAbsences(ctx: HistoryContext, rng: Random, first: DateTime, last: DateTime): PlannedAbsence[] {
  const now = ctx.now.toJSDate();
  const days: DateTime[] = [];
  for (let day = first; day <= last; day = day.plus({ days: 1 })) days.push(day);
  const planned: PlannedAbsence[] = [];

  // Jobbsatsningen's study leave: one or two units per service area, one weekday a week, posted as one absence
  // with a vacancy per day ("split shifts"), a few weeks ahead.
  for (const area of SERVICE_AREAS) {
    const units = ctx.units.filter((u) => u.serviceArea === area);
    for (const unit of rng.sample(units, Math.min(units.length, rng.int(1, 2)))) {
      const weekday = rng.int(1, 5);
      const template = KINDS[unit.kind].shifts[0];
      const qualificationCode = rng.weighted(KINDS[unit.kind].qualifications);
      const dates = days.filter((d) => d.weekday === weekday && isOpen(unit.kind, d));
      if (dates.length === 0) continue;
      const shifts = dates.map((d) => shiftOn(d, template));
      const createdAt = postedAt(rng, 'weeks_ahead', DateTime.fromJSDate(shifts[0].start, { zone: LOCAL_ZONE })).toJSDate();
      planned.push({ unit, reason: 'study_leave', qualificationCode, programme: true, note: PROGRAMME_NOTES[area], createdAt, vacancies: shifts.map((s) => [s]), cancelAt: null });
    }
  }

  for (const day of days) {
    for (const unit of ctx.units) {
      const profile = KINDS[unit.kind];
      if (!isOpen(unit.kind, day) || !rng.chance(profile.dailyAbsence)) continue;
      const reason = rng.weighted(REASON_WEIGHTS);
      const lead = rng.weighted(LEADS[reason]);
      const qualificationCode = rng.weighted(profile.qualifications);
      const template = pickShift(rng, unit.kind);
      const dates: DateTime[] = [];
      for (let d = day, wanted = dayCount(rng, reason, lead); dates.length < wanted && d <= last; d = d.plus({ days: 1 })) {
        if (isOpen(unit.kind, d)) dates.push(d);
      }
      const shifts = dates.map((d) => shiftOn(d, template));
      const split = shifts.length > 1 && rng.chance(0.5);
      const programme = reason === 'study_leave' && rng.chance(0.5);
      const createdAt = postedAt(rng, lead, DateTime.fromJSDate(shifts[0].start, { zone: LOCAL_ZONE })).toJSDate();
      const cancelAt = maybeCancel(rng, CANCEL_ABSENCE, createdAt, shifts[0].start);
      // Not posted yet at the seed's "now" (a sick call for tomorrow morning, say): not part of the history.
      if (createdAt >= now) continue;
      planned.push({
        unit,
        reason,
        qualificationCode,
        programme,
        note: programme ? PROGRAMME_NOTES[unit.serviceArea] : reason === 'study_leave' ? UNTAGGED_STUDY_NOTE : null,
        createdAt,
        vacancies: split ? shifts.map((s) => [s]) : [shifts],
        cancelAt: cancelAt && cancelAt < now ? cancelAt : null,
      });
    }
  }
  return planned.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

// ---------------------------------------------------------------------------------------------------------
// Replaying the matching
// ---------------------------------------------------------------------------------------------------------

interface SimAbsence extends PlannedAbsence {
  id: string;
  cancelledAt: Date | null;
  /** The vacancies, as the replay leaves them. */
  sims: SimVacancy[];
}

interface SimVacancy {
  id: string;
  absence: SimAbsence;
  unit: HistoryUnit;
  qualificationCode: string;
  shifts: Period[];
  startsAt: Date;
  endsAt: Date;
  /** The local date of the last shift's end, for the qualification's validity. */
  lastDay: string;
  createdAt: Date;
  status: VacancyStatus;
  waveCount: number;
  filledAt: Date | null;
  /** Bumped whenever the next wave is rescheduled or called off, so that an earlier wave event is stale. */
  waveToken: number;
  offers: SimOffer[];
  bookings: SimBooking[];
  /** A booked substitute cancels (once), with this reason. */
  substituteCancels: string | null;
}

interface SimOffer {
  id: string;
  vacancy: SimVacancy;
  person: SimPerson;
  wave: number;
  createdAt: Date;
  expiresAt: Date;
  status: OfferStatus;
  answeredAt: Date | null;
  rankReason: { rank: number; reason: string[] };
}

interface SimBooking {
  id: string;
  vacancy: SimVacancy;
  person: SimPerson;
  offer: SimOffer;
  createdAt: Date;
  status: 'confirmed' | 'cancelled';
  cancelledAt: Date | null;
  cancelReason: string | null;
}

interface SimPerson extends HistoryPerson {
  keenness: number;
  qualificationOf: Map<string, { verifiedAt: Date | null; validUntil: string | null }>;
  /** Shifts of confirmed bookings (a cancelled booking's shifts are deleted, as booked_shift rows are). */
  booked: { booking: SimBooking; period: Period }[];
  offers: SimOffer[];
}

const overlaps = (a: Period, b: Period) => a.start < b.end && b.start < a.end;
const widen = (p: Period, ms: number): Period => ({ start: new Date(p.start.getTime() - ms), end: new Date(p.end.getTime() + ms) });
const isLive = (v: SimVacancy) => v.status === 'open' || v.status === 'offering';
const livePending = (v: SimVacancy, t: Date) => v.offers.filter((o) => o.status === 'pending' && o.expiresAt > t);

/** A min-heap of timed events; events at the same moment run in the order they were scheduled. */
class Timeline {
  private readonly heap: { at: number; seq: number; run: (at: Date) => void }[] = [];
  private seq = 0;

  at(when: Date, run: (at: Date) => void): void {
    const heap = this.heap;
    heap.push({ at: when.getTime(), seq: this.seq++, run });
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  /** Runs every event before `until`, including those events schedule. */
  runUntil(until: Date): void {
    const heap = this.heap;
    while (heap.length > 0 && heap[0].at < until.getTime()) {
      const next = heap[0];
      const lastEvent = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = lastEvent;
        for (let i = 0; ; ) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && this.before(l, m)) m = l;
          if (r < heap.length && this.before(r, m)) m = r;
          if (m === i) break;
          [heap[i], heap[m]] = [heap[m], heap[i]];
          i = m;
        }
      }
      next.run(new Date(next.at));
    }
  }

  private before(i: number, j: number): boolean {
    const a = this.heap[i];
    const b = this.heap[j];
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}

class Replay {
  private readonly timeline = new Timeline();
  private readonly holders = new Map<string, SimPerson[]>();
  private readonly restMs: number;

  constructor(
    private readonly ctx: HistoryContext,
    private readonly rng: Random,
    people: SimPerson[],
  ) {
    this.restMs = ctx.restHours * HOUR_MS;
    for (const person of people) {
      for (const q of person.qualifications) this.holders.set(q.code, [...(this.holders.get(q.code) ?? []), person]);
    }
  }

  post(absence: SimAbsence): void {
    this.timeline.at(absence.createdAt, () => {
      for (const v of absence.sims) {
        // The outbox relay hands the vacancy to matching within a few seconds.
        this.scheduleWave(v, new Date(v.createdAt.getTime() + this.rng.int(1, 4) * SECOND));
        this.timeline.at(v.startsAt, (t) => this.started(v, t));
      }
    });
    if (absence.cancelAt) {
      this.timeline.at(absence.cancelAt, (t) => {
        absence.cancelledAt = t;
        for (const v of absence.sims) this.cancelVacancy(v, t, UNIT_CANCELS_ABSENCE);
      });
    } else if (absence.sims.length > 1) {
      for (const v of absence.sims) {
        const cancelAt = maybeCancel(this.rng, CANCEL_SPLIT_VACANCY, v.createdAt, v.startsAt);
        if (cancelAt) this.timeline.at(cancelAt, (t) => this.cancelVacancy(v, t, UNIT_CANCELS_VACANCY));
      }
    }
  }

  run(until: Date): void {
    this.timeline.runUntil(until);
  }

  private scheduleWave(v: SimVacancy, at: Date): void {
    const token = ++v.waveToken;
    this.timeline.at(at, (t) => {
      if (token === v.waveToken) this.wave(v, t);
    });
  }

  /** RunWave.sendWave: the next wave of offers, or a later try, or unfilled when nobody is left. */
  private wave(v: SimVacancy, t: Date): void {
    if (!isLive(v) || v.startsAt <= t) return;
    const mayGoAt = waveMayGoAt(SETTINGS, v.startsAt, t);
    if (mayGoAt > t) return this.scheduleWave(v, mayGoAt);
    const plan = planWave(SETTINGS, v.startsAt, t);
    const chosen = this.ranked(v, t).slice(0, plan.size);
    if (chosen.length === 0) {
      const own = livePending(v, t);
      const retryAt = own.length > 0 ? new Date(Math.min(...own.map((o) => o.expiresAt.getTime()))) : this.candidatesFreeAt(v, t);
      if (!retryAt) {
        v.status = 'unfilled';
        v.waveToken++;
        return;
      }
      return this.scheduleWave(v, retryAt);
    }
    v.waveCount++;
    v.status = 'offering';
    for (const c of chosen) this.offer(v, c.person, t, plan.expiresAt, { rank: c.rank, reason: c.reason });
    this.scheduleWave(v, plan.nextWaveAt);
  }

  private offer(v: SimVacancy, person: SimPerson, t: Date, expiresAt: Date, rankReason: SimOffer['rankReason']): void {
    const offer: SimOffer = { id: randomUUID(), vacancy: v, person, wave: v.waveCount, createdAt: t, expiresAt, status: 'pending', answeredAt: null, rankReason };
    v.offers.push(offer);
    person.offers.push(offer);
    const lead = (v.startsAt.getTime() - t.getTime()) / MINUTE;
    const odds = ANSWERS.find((a) => lead <= a.maxLeadMinutes)!;
    const roll = this.rng.fraction();
    const answer = roll < odds.accept * person.keenness ? 'accept' : roll < odds.accept * person.keenness + odds.decline ? 'decline' : null;
    // Most answers come soon after the SMS; some near the end of the time to answer.
    const delay = Math.max(20 * SECOND, Math.floor((expiresAt.getTime() - t.getTime()) * this.rng.fraction() ** 2));
    const at = new Date(t.getTime() + delay);
    if (answer && at < expiresAt) this.timeline.at(at, (when) => (answer === 'accept' ? this.accept(offer, when) : this.decline(offer, when)));
  }

  /** AnswerOffer.decline: with nobody left to answer, the next wave is due now. */
  private decline(offer: SimOffer, t: Date): void {
    if (offer.status !== 'pending' || offer.expiresAt <= t) return;
    offer.status = 'declined';
    offer.answeredAt = t;
    const v = offer.vacancy;
    if (isLive(v) && livePending(v, t).length === 0) this.scheduleWave(v, t);
  }

  /** AnswerOffer.accept: booked unless a booked shift is too close (the offer then stays pending). */
  private accept(offer: SimOffer, t: Date): void {
    const v = offer.vacancy;
    const person = offer.person;
    if (offer.status !== 'pending' || offer.expiresAt <= t || !isLive(v)) return;
    if (person.booked.some((b) => v.shifts.some((s) => overlaps(b.period, widen(s, this.restMs))))) return;
    const booking: SimBooking = { id: randomUUID(), vacancy: v, person, offer, createdAt: t, status: 'confirmed', cancelledAt: null, cancelReason: null };
    v.bookings.push(booking);
    for (const period of v.shifts) person.booked.push({ booking, period });
    offer.status = 'accepted';
    offer.answeredAt = t;
    this.endPending(v, t);
    v.status = 'filled';
    v.filledAt = t;
    v.waveToken++;
    if (v.substituteCancels) {
      const reason = v.substituteCancels;
      v.substituteCancels = null;
      const span = Math.min(v.startsAt.getTime(), this.ctx.now.toMillis()) - t.getTime();
      if (span > HOUR_MS) this.timeline.at(new Date(t.getTime() + Math.floor(span * (0.2 + 0.7 * this.rng.fraction()))), (when) => this.substituteCancels(booking, when, reason));
    }
  }

  /** CancelBooking by the substitute: before the first shift the vacancy reopens and a rematch starts. */
  private substituteCancels(booking: SimBooking, t: Date, reason: string): void {
    if (booking.status !== 'confirmed') return;
    this.cancelBooking(booking, t, reason);
    const v = booking.vacancy;
    if (v.status !== 'filled') return;
    v.filledAt = null;
    v.waveToken++;
    if (v.startsAt > t) {
      v.status = 'open';
      this.scheduleWave(v, new Date(t.getTime() + this.rng.int(1, 4) * SECOND));
    } else {
      v.status = 'unfilled';
    }
  }

  /** CancelVacancy: pending offers withdrawn, a booking cancelled. */
  private cancelVacancy(v: SimVacancy, t: Date, reason: string): void {
    if (v.status === 'cancelled') return;
    v.status = 'cancelled';
    v.waveToken++;
    this.endPending(v, t);
    for (const b of v.bookings) if (b.status === 'confirmed') this.cancelBooking(b, t, reason);
  }

  /** The first shift has begun with the vacancy still live: unfilled; its offers expire with it. */
  private started(v: SimVacancy, t: Date): void {
    if (!isLive(v)) return;
    this.endPending(v, t);
    v.status = 'unfilled';
    v.waveToken++;
  }

  private cancelBooking(b: SimBooking, t: Date, reason: string): void {
    b.status = 'cancelled';
    b.cancelledAt = t;
    b.cancelReason = reason;
    b.person.booked = b.person.booked.filter((s) => s.booking !== b);
  }

  /** Pending offers of the vacancy leave pending: expired if their time has run out, else withdrawn. */
  private endPending(v: SimVacancy, t: Date): void {
    for (const o of v.offers) {
      if (o.status !== 'pending') continue;
      if (o.expiresAt <= t) {
        o.status = 'expired';
      } else {
        o.status = 'withdrawn';
        o.answeredAt = t;
      }
    }
  }

  /** The candidate query's rules at moment `t`, ranked as rankCandidates ranks them. */
  private ranked(v: SimVacancy, t: Date) {
    const eligible = this.eligible(v, t, false);
    const key = (p: SimPerson) => String(p.order).padStart(6, '0');
    const byKey = new Map(eligible.map((p) => [key(p), p]));
    const window: Period = { start: new Date(t.getTime() - FAIRNESS_WINDOW_MS), end: t };
    const candidates = eligible.map((p) => ({
      substituteId: key(p),
      preferred: false,
      workedHere: p.booked.some((b) => b.booking.vacancy.unit.id === v.unit.id),
      recentHours: p.booked.filter((b) => overlaps(b.period, window)).reduce((sum, b) => sum + (b.period.end.getTime() - b.period.start.getTime()) / HOUR_MS, 0),
      verifiedAt: p.qualificationOf.get(v.qualificationCode)!.verifiedAt!,
    }));
    return rankCandidates(candidates).map((c) => ({ person: byKey.get(c.substituteId)!, rank: c.rank, reason: c.reason }));
  }

  private eligible(v: SimVacancy, t: Date, ignoreOffersElsewhere: boolean): SimPerson[] {
    return (this.holders.get(v.qualificationCode) ?? []).filter((p) => {
      const q = p.qualificationOf.get(v.qualificationCode)!;
      if (!q.verifiedAt || q.verifiedAt > t || (q.validUntil !== null && q.validUntil < v.lastDay)) return false;
      if (!p.active || !p.verifiedAt || p.verifiedAt > t || p.consentedAt > t) return false;
      if (p.districts.length > 0 && !p.districts.includes(v.unit.district)) return false;
      if (!v.shifts.every((s) => available(p, s))) return false;
      if (p.booked.some((b) => v.shifts.some((s) => overlaps(b.period, widen(s, this.restMs))))) return false;
      if (v.offers.some((o) => o.person === p && o.status !== 'withdrawn') || v.bookings.some((b) => b.person === p)) return false;
      return ignoreOffersElsewhere || !this.holdsOverlappingOffer(p, v, t);
    });
  }

  private holdsOverlappingOffer(p: SimPerson, v: SimVacancy, t: Date): boolean {
    return p.offers.some((o) => o.status === 'pending' && o.expiresAt > t && o.vacancy.shifts.some((s) => v.shifts.some((own) => overlaps(s, own))));
  }

  /** candidatesFreeAt: when the first of those held by an offer elsewhere at the time is free again. */
  private candidatesFreeAt(v: SimVacancy, t: Date): Date | null {
    const times = this.eligible(v, t, true).flatMap((p) =>
      p.offers
        .filter((o) => o.status === 'pending' && o.expiresAt > t && o.vacancy.shifts.some((s) => v.shifts.some((own) => overlaps(s, own))))
        .map((o) => o.expiresAt.getTime()),
    );
    return times.length > 0 ? new Date(Math.min(...times)) : null;
  }
}

/** Whether the person's availability profile covers the shift on its local day. */
function available(p: HistoryPerson, period: Period): boolean {
  const day = DateTime.fromJSDate(period.start, { zone: LOCAL_ZONE }).startOf('day');
  const hours = p.hours(day.weekday);
  if (!hours) return false;
  return period.start >= day.set({ hour: hours[0] }).toJSDate() && period.end <= day.set({ hour: hours[1] }).toJSDate();
}

/** The history, replayed: absences with their vacancies, offers and bookings as they stand at `ctx.now`. */
export function replayHistory(ctx: HistoryContext): { absences: SimAbsence[]; from: string; to: string } {
  const rng = new Random(ctx.seed);
  const today = ctx.now.setZone(LOCAL_ZONE).startOf('day');
  const first = today.minus({ weeks: HISTORY_WEEKS });
  const last = today.plus({ days: HISTORY_DAYS_AHEAD });
  const people: SimPerson[] = ctx.people.map((p) => ({
    ...p,
    keenness: 0.4 + 1.4 * rng.fraction(),
    qualificationOf: new Map(p.qualifications.map((q) => [q.code, { verifiedAt: q.verifiedAt, validUntil: q.validUntil }])),
    booked: [],
    offers: [],
  }));
  const replay = new Replay(ctx, rng, people);

  const absences: SimAbsence[] = planAbsences(ctx, rng, first, last).map((planned) => {
    const absence: SimAbsence = { ...planned, id: randomUUID(), cancelledAt: null, sims: [] };
    absence.sims = planned.vacancies.map((shifts): SimVacancy => {
      const sorted = [...shifts].sort((a, b) => a.start.getTime() - b.start.getTime());
      const endsAt = new Date(Math.max(...sorted.map((s) => s.end.getTime())));
      return {
        id: randomUUID(),
        absence,
        unit: planned.unit,
        qualificationCode: planned.qualificationCode,
        shifts: sorted,
        startsAt: sorted[0].start,
        endsAt,
        lastDay: toLocalDate(new Date(endsAt.getTime() - 1)),
        createdAt: planned.createdAt,
        status: 'open',
        waveCount: 0,
        filledAt: null,
        waveToken: 0,
        offers: [],
        bookings: [],
        substituteCancels: rng.chance(SUBSTITUTE_CANCELS) ? rng.pick(SUBSTITUTE_CANCEL_REASONS) : null,
      };
    });
    replay.post(absence);
    return absence;
  });
  replay.run(ctx.now.toJSDate());

  // A vacancy whose matching is still running at "now" was not posted yet, as far as the demo goes.
  for (const absence of absences) absence.sims = absence.sims.filter((v) => !isLive(v));
  return { absences: absences.filter((a) => a.sims.length > 0), from: first.toISODate()!, to: last.toISODate()! };
}

// ---------------------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------------------

/** Replays the history and writes it in the seed's transaction, every row back-dated to when it happened. */
export async function writeHistory(tx: EntityManager, ctx: HistoryContext): Promise<HistorySummary> {
  const { absences, from, to } = replayHistory(ctx);
  const municipalityId = ctx.municipalityId;
  const vacancies = absences.flatMap((a) => a.sims);
  const offers = vacancies.flatMap((v) => v.offers);
  const bookings = vacancies.flatMap((v) => v.bookings);
  const now = ctx.now.toJSDate();
  for (const o of offers) {
    if (o.status === 'pending' && o.expiresAt <= now) o.status = 'expired';
    if (o.status === 'pending') throw new Error(`Demo history: offer ${o.id} would still be pending`);
  }

  await insertInChunks(
    tx,
    Absence,
    absences.map((a) => ({
      id: a.id,
      municipalityId,
      unitId: a.unit.id,
      reason: a.reason,
      qualificationCode: a.qualificationCode,
      programmeId: a.programme ? ctx.programmeId : null,
      note: a.note,
      createdBy: a.unit.managerId,
      cancelledAt: a.cancelledAt,
      createdAt: a.createdAt,
    })),
  );
  await insertInChunks(
    tx,
    Vacancy,
    vacancies.map((v) => ({
      id: v.id,
      municipalityId,
      absenceId: v.absence.id,
      unitId: v.unit.id,
      qualificationCode: v.qualificationCode,
      status: v.status,
      startsAt: v.startsAt,
      endsAt: v.endsAt,
      waveCount: v.waveCount,
      nextWaveAt: null,
      filledAt: v.filledAt,
      createdAt: v.createdAt,
    })),
  );
  await insertInChunks(
    tx,
    VacancyShift,
    vacancies.flatMap((v) => v.shifts.map((period) => ({ vacancyId: v.id, municipalityId, period }))),
  );
  await insertInChunks(
    tx,
    Offer,
    offers.map((o) => ({
      id: o.id,
      municipalityId,
      vacancyId: o.vacancy.id,
      substituteId: o.person.id,
      wave: o.wave,
      status: o.status,
      // As OffersService derives it; no message carries the token, so no link to these offers was ever sent.
      tokenHash: tokenHash(offerToken(ctx.offerTokenSecret, o.id)),
      expiresAt: o.expiresAt,
      answeredAt: o.answeredAt,
      rankReason: o.rankReason,
      createdAt: o.createdAt,
    })),
  );
  await insertInChunks(
    tx,
    Booking,
    bookings.map((b) => ({
      id: b.id,
      municipalityId,
      vacancyId: b.vacancy.id,
      substituteId: b.person.id,
      unitId: b.vacancy.unit.id,
      offerId: b.offer.id,
      status: b.status,
      cancelledAt: b.cancelledAt,
      cancelReason: b.cancelReason,
      createdAt: b.createdAt,
    })),
  );
  // Booked shifts of confirmed bookings only (a cancelled booking's are deleted), with the rest zones the
  // exclusion constraints hold apart: half the daily rest either side.
  const halfRest = (ctx.restHours * HOUR_MS) / 2;
  await insertInChunks(
    tx,
    BookedShift,
    bookings
      .filter((b) => b.status === 'confirmed')
      .flatMap((b) =>
        b.vacancy.shifts.map((period) => ({
          bookingId: b.id,
          substituteId: b.person.id,
          municipalityId,
          unitId: b.vacancy.unit.id,
          period,
          restZone: widen(period, halfRest),
        })),
      ),
  );

  const count = <K extends string>(keys: readonly K[], values: K[]) =>
    Object.fromEntries(keys.map((k) => [k, values.filter((v) => v === k).length])) as Record<K, number>;
  return {
    from,
    to,
    absences: count(ABSENCE_REASONS, absences.map((a) => a.reason)),
    programmeAbsences: absences.filter((a) => a.programme).length,
    vacancies: count(VACANCY_STATUSES, vacancies.map((v) => v.status)),
    offers: count(OFFER_STATUSES, offers.map((o) => o.status)),
    bookings: { confirmed: bookings.filter((b) => b.status === 'confirmed').length, cancelled: bookings.filter((b) => b.status === 'cancelled').length },
  };
}
