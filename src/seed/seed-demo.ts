import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../organisation/passwords';
import { DEFAULT_WORKING_TIME } from '../bookings/working-time';
import { LOCAL_ZONE } from '../common/time';
import { ConfigError, loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source';
import { prepareDatabase } from '../database/prepare-database';
import type { Period } from '../database/tstzrange';
import { Municipality } from '../organisation/municipality.entity';
import { SERVICE_AREA_NAMES, SERVICE_AREAS, ServiceArea } from '../organisation/service-area';
import { StaffUserUnit } from '../organisation/staff-user-unit.entity';
import { StaffUser } from '../organisation/staff-user.entity';
import { Unit } from '../organisation/unit.entity';
import { ProgrammeAllocation } from '../programmes/programme-allocation.entity';
import { Programme } from '../programmes/programme.entity';
import { Qualification } from '../qualifications/qualification.entity';
import { mergeWindows } from '../substitutes/availability';
import { AvailabilityWindow } from '../substitutes/availability-window.entity';
import { normalisePhone } from '../substitutes/phone';
import { SubstituteQualification } from '../substitutes/substitute-qualification.entity';
import { Substitute, SubstituteStatus } from '../substitutes/substitute.entity';
import { HISTORY_WEEKS, HistorySummary, UnitKind, writeHistory } from './demo-history';
import { insertInChunks } from './insert';
import { Random } from './random';

export { mulberry32 } from './random';

/*
 * `npm run seed:demo`: loads a small Norrköping (units, staff, Jobbsatsningen and 300 substitutes with
 * availability) into the database of DATABASE_URL, with about six weeks of history (absences, vacancies,
 * offers and bookings, see demo-history.ts). Runs once: if the municipality exists nothing is written.
 * Everything random comes from seeded PRNGs, so two fresh databases seeded at the same moment get the same
 * people and the same story (only dates move with the day the seed runs). It connects as the owner of
 * DATABASE_URL, as migrations do; the owner is not subject to row-level security.
 */

// ---------------------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------------------

export const DEMO_MUNICIPALITY = 'Norrköpings kommun';
export const DEMO_PASSWORD = 'Vikarie2026!';
export const DEMO_ADMIN_EMAIL = 'admin@norrkoping.example';
export const DEMO_SUBSTITUTE_COUNT = 300;
/** The first demo substitute is one to sign in as: active, an undersköterska, working anywhere. */
export const DEMO_SUBSTITUTE = { firstName: 'Åsa', lastName: 'Lind', email: 'vikarie@norrkoping.example', phone: '070-174 06 05' };
const PRNG_SEED = 20_260_052;
/** The history draws from a stream of its own, so that it leaves the people of PRNG_SEED as they were. */
const HISTORY_PRNG_SEED = 20_261_011;
const AVAILABILITY_WEEKS = 8;
/** The organisation "joined" the service this long before the seed runs: before every substitute's consent. */
const ORGANISATION_MONTHS_AGO = 13;
/** Jobbsatsningen was set up this many weeks before the history starts, before its first study leave was posted. */
const PROGRAMME_WEEKS_BEFORE_HISTORY = 8;

export const DEMO_MANAGER_EMAILS: Record<ServiceArea, string> = {
  utbildning: 'chef.utbildning@norrkoping.example',
  vard_omsorg: 'chef.vardomsorg@norrkoping.example',
  socialtjanst: 'chef.socialtjanst@norrkoping.example',
  kost: 'chef.kost@norrkoping.example',
};

interface UnitSeed {
  name: string;
  district: string;
  address: string;
  /** What kind of workplace it is: its opening days, shifts and qualifications in the history. */
  kind: UnitKind;
}

const UNITS: Record<ServiceArea, UnitSeed[]> = {
  utbildning: [
    { name: 'Hagaskolan', district: 'Haga', address: 'Hagagatan 30, 602 28 Norrköping', kind: 'school' },
    { name: 'Navestadsskolan', district: 'Navestad', address: 'Navestadsgatan 10, 603 79 Norrköping', kind: 'school' },
    { name: 'Kneippens förskola', district: 'Kneippen', address: 'Kneippgatan 8, 602 37 Norrköping', kind: 'preschool' },
    { name: 'Klockaretorpsskolan', district: 'Klockaretorpet', address: 'Klockaretorpsvägen 5, 603 65 Norrköping', kind: 'school' },
  ],
  vard_omsorg: [
    { name: 'Vrinnevihemmet', district: 'Vrinnevi', address: 'Vrinnevigatan 2, 603 79 Norrköping', kind: 'care_home' },
    { name: 'Ektorps äldreboende', district: 'Ektorp', address: 'Ektorpsgatan 40, 603 61 Norrköping', kind: 'care_home' },
    { name: 'Lindögården', district: 'Lindö', address: 'Lindövägen 68, 605 97 Norrköping', kind: 'care_home' },
    { name: 'Hemtjänst Smedby', district: 'Smedby', address: 'Smedbyvägen 15, 603 75 Norrköping', kind: 'home_care' },
  ],
  socialtjanst: [
    { name: 'Socialkontoret Centrum', district: 'Centrum', address: 'Drottninggatan 5, 602 24 Norrköping', kind: 'social_office' },
    { name: 'Familjecentralen Hageby', district: 'Hageby', address: 'Hagebygatan 18, 603 63 Norrköping', kind: 'family_centre' },
    { name: 'Stödboendet Marielund', district: 'Marielund', address: 'Marielundsgatan 3, 602 10 Norrköping', kind: 'supported_housing' },
  ],
  kost: [
    { name: 'Matservice Hageby', district: 'Hageby', address: 'Hagebygatan 24, 603 63 Norrköping', kind: 'kitchen' },
    { name: 'Skärblacka skolkök', district: 'Skärblacka', address: 'Skolgatan 4, 617 30 Skärblacka', kind: 'school_kitchen' },
    { name: 'Centralköket Ljura', district: 'Ljura', address: 'Ljuragatan 12, 602 30 Norrköping', kind: 'kitchen' },
    { name: 'Krokeks skolrestaurang', district: 'Krokek', address: 'Krokeksvägen 20, 618 34 Kolmården', kind: 'school_kitchen' },
  ],
};

const PROGRAMME_NAME = 'Jobbsatsningen';
const PROGRAMME_ALLOCATIONS_SEK: Record<ServiceArea, number> = {
  utbildning: 16_000_000,
  vard_omsorg: 18_000_000,
  socialtjanst: 8_000_000,
  kost: 10_000_000,
};
export const DEMO_PROGRAMME_BUDGET_SEK = Object.values(PROGRAMME_ALLOCATIONS_SEK).reduce((a, b) => a + b, 0);
/**
 * What a substitute hour costs in each area, for the programme report: a demo estimate of the hourly wage
 * with holiday pay, employer's contributions and agreement insurances (about 40 % on top).
 */
export const DEMO_HOURLY_COST_SEK: Record<ServiceArea, number> = {
  utbildning: 289.5,
  vard_omsorg: 266.6,
  socialtjanst: 314.8,
  kost: 241.3,
};

const FIRST_NAMES = [
  'Anna', 'Eva', 'Maria', 'Karin', 'Sara', 'Kristina', 'Lena', 'Emma', 'Kerstin', 'Ingrid', 'Malin', 'Jenny',
  'Hanna', 'Linda', 'Annika', 'Susanne', 'Elin', 'Birgitta', 'Sofia', 'Åsa', 'Märta', 'Ebba', 'Maja', 'Elsa',
  'Astrid', 'Ida', 'Johanna', 'Camilla', 'Frida', 'Matilda', 'Linnéa', 'Signe', 'Fatima', 'Amira', 'Yasmin',
  'Lars', 'Mikael', 'Anders', 'Johan', 'Per', 'Erik', 'Karl', 'Peter', 'Jan', 'Thomas', 'Daniel', 'Fredrik',
  'Andreas', 'Stefan', 'Mats', 'Magnus', 'Mattias', 'Jonas', 'Niklas', 'Björn', 'Örjan', 'Göran', 'Åke',
  'Sören', 'Oskar', 'Viktor', 'Gustav', 'Emil', 'Axel', 'Hugo', 'Jörgen', 'Mohammed', 'Ali', 'Omar',
];

const LAST_NAMES = [
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson',
  'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson', 'Lindberg', 'Jakobsson',
  'Magnusson', 'Lindström', 'Lindqvist', 'Lindgren', 'Axelsson', 'Bergström', 'Lundberg', 'Lundgren',
  'Mattsson', 'Berglund', 'Fredriksson', 'Sandberg', 'Forsberg', 'Sjöberg', 'Wallin', 'Engström', 'Eklund',
  'Håkansson', 'Björk', 'Bergman', 'Holm', 'Nyström', 'Holmberg', 'Löfgren', 'Söderberg', 'Blomqvist',
  'Mårtensson', 'Björklund', 'Strömberg', 'Åberg', 'Öberg', 'Ekström', 'Ali', 'Mohammed', 'Hassan',
  'Ahmed', 'Yilmaz', 'Nguyen', 'Abdi',
];

/** How likely a substitute's main qualification is in each area, and each code within its area. */
const AREA_WEIGHTS: Record<ServiceArea, number> = { utbildning: 30, vard_omsorg: 40, socialtjanst: 12, kost: 18 };
const QUALIFICATION_WEIGHTS: Record<ServiceArea, Record<string, number>> = {
  utbildning: { legitimerad_larare: 3, forskollarare: 2, barnskotare: 4, elevassistent: 4 },
  vard_omsorg: { underskoterska: 6, vardbitrade: 4, sjukskoterska: 1, personlig_assistent: 3 },
  socialtjanst: { socialsekreterare: 2, behandlingsassistent: 3 },
  kost: { kock: 2, ekonomibitrade: 3 },
};

const STATUS_WEIGHTS: Record<Exclude<SubstituteStatus, 'removed' | 'erased'>, number> = { active: 82, pending: 13, paused: 5 };

type AvailabilityProfile = 'weekdays' | 'evenings_weekends';
const PROFILE_WEIGHTS: Record<AvailabilityProfile, number> = { weekdays: 80, evenings_weekends: 20 };

/** Local (Europe/Stockholm) opening hours of each profile, by ISO weekday (1 = Monday). */
const PROFILE_HOURS: Record<AvailabilityProfile, (weekday: number) => [number, number] | null> = {
  weekdays: (weekday) => (weekday <= 5 ? [6, 22] : null),
  evenings_weekends: (weekday) => (weekday <= 5 ? [16, 22] : [8, 22]),
};

/**
 * PTS reserves 070-174 06 05 … 070-174 06 99 for fiction, 95 numbers. The rest of the demo pool uses the
 * block +46 70-174 10 00 onwards: valid mobile numbers, so keep SMS_PROVIDER=console with demo data.
 */
const FICTION_PHONES = { first: 46_701_740_605, last: 46_701_740_699 };
const EXTRA_PHONES_FROM = 46_701_741_000;

// ---------------------------------------------------------------------------------------------------------
// Building rows
// ---------------------------------------------------------------------------------------------------------

/** `Åsa Björklund` → `asa`, `bjorklund`: lower-case ASCII for email addresses. */
export function asciiFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '');
}

/** The E.164 phone number of demo substitute `index` (0-based); throws if it is not a valid mobile number. */
export function demoPhone(index: number): string {
  const fictionCount = FICTION_PHONES.last - FICTION_PHONES.first + 1;
  const digits = index < fictionCount ? FICTION_PHONES.first + index : EXTRA_PHONES_FROM + (index - fictionCount);
  const phone = normalisePhone(`+${digits}`);
  if (phone === null) throw new Error(`Demo phone +${digits} is not a valid Swedish mobile number`);
  return phone;
}

/**
 * The windows of one availability profile, day by day from `firstDay` for `weeks` weeks, in Stockholm
 * wall-clock time (so 06:00 stays 06:00 across daylight-saving changes), merged so none overlap or touch.
 */
export function availabilityWindows(profile: AvailabilityProfile, firstDay: DateTime, weeks: number): Period[] {
  const start = firstDay.setZone(LOCAL_ZONE).startOf('day');
  const windows: Period[] = [];
  for (let d = 0; d < weeks * 7; d++) {
    const day = start.plus({ days: d });
    const hours = PROFILE_HOURS[profile](day.weekday);
    if (!hours) continue;
    windows.push({ start: day.set({ hour: hours[0] }).toJSDate(), end: day.set({ hour: hours[1] }).toJSDate() });
  }
  return mergeWindows(windows);
}

/** Two distinct qualifications at most: the main one by area weight, sometimes a second, mostly of the same area. */
function pickQualifications(rng: Random): string[] {
  const area = rng.weighted(AREA_WEIGHTS);
  const first = rng.weighted(QUALIFICATION_WEIGHTS[area]);
  if (!rng.chance(0.35)) return [first];
  const secondArea = rng.chance(0.75) ? area : rng.weighted(AREA_WEIGHTS);
  const others = Object.fromEntries(Object.entries(QUALIFICATION_WEIGHTS[secondArea]).filter(([code]) => code !== first));
  return [first, rng.weighted(others)];
}

interface SubstituteRows {
  substitute: Omit<Substitute, 'updatedAt' | 'municipality'>;
  qualifications: Omit<SubstituteQualification, 'substitute' | 'qualification'>[];
  windows: Omit<AvailabilityWindow, 'id' | 'substitute'>[];
  profile: AvailabilityProfile;
}

function buildSubstitute(rng: Random, index: number, context: { municipalityId: string; districts: string[]; now: DateTime }): SubstituteRows {
  const { municipalityId, districts, now } = context;
  const id = randomUUID();
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const status = rng.weighted(STATUS_WEIGHTS);
  // Active and paused substitutes were verified once; pending ones wait for the staffing team.
  const verifiedAt = status === 'pending' ? null : now.minus({ minutes: rng.int(24 * 60, 365 * 24 * 60) }).toJSDate();

  const qualifications = pickQualifications(rng).map((code) => ({
    substituteId: id,
    qualificationCode: code,
    municipalityId,
    verifiedAt,
    validUntil: verifiedAt && rng.chance(0.2) ? now.plus({ months: rng.int(2, 30) }).endOf('month').toISODate() : null,
  }));

  const profile = rng.weighted(PROFILE_WEIGHTS);
  const windows = availabilityWindows(profile, now.plus({ days: 1 }), AVAILABILITY_WEEKS).map((period) => ({
    substituteId: id,
    municipalityId,
    period,
  }));

  const rows: SubstituteRows = {
    substitute: {
      id,
      municipalityId,
      firstName,
      lastName,
      email: `${asciiFold(firstName)}.${asciiFold(lastName)}.${index + 1}@example.se`,
      phone: demoPhone(index),
      status,
      pausedBy: status === 'paused' ? 'staff' : null,
      districts: rng.chance(0.5) ? [] : rng.sample(districts, rng.int(1, 3)),
      consentedAt: now.toJSDate(),
      createdAt: now.toJSDate(),
      verifiedAt,
      erasedAt: null,
    },
    qualifications,
    windows,
    profile,
  };
  return withSignUpTime(index === 0 ? asDemoSubstitute(rows, now) : rows, index, now);
}

/**
 * When the person signed up (and consented): a few days before the staffing team verified them, or in the
 * last three weeks for those still waiting. So nobody in the history is offered work before they consented.
 * Derived from the index, not drawn, so that the people of PRNG_SEED stay as they were.
 */
function withSignUpTime(rows: SubstituteRows, index: number, now: DateTime): SubstituteRows {
  const { verifiedAt } = rows.substitute;
  const signedUp = verifiedAt
    ? DateTime.fromJSDate(verifiedAt).minus({ days: 1 + (index % 14), minutes: (index * 37) % 600 }).toJSDate()
    : now.minus({ days: index % 21, minutes: (index * 37) % 600 }).toJSDate();
  return { ...rows, substitute: { ...rows.substitute, consentedAt: signedUp, createdAt: signedUp } };
}

/** Makes substitute 0 the one the README signs in as (the other rows and the random draws stay as they are). */
function asDemoSubstitute(rows: SubstituteRows, now: DateTime): SubstituteRows {
  const verifiedAt = now.minus({ days: 30 }).toJSDate();
  const { substitute } = rows;
  return {
    substitute: { ...substitute, firstName: DEMO_SUBSTITUTE.firstName, lastName: DEMO_SUBSTITUTE.lastName, email: DEMO_SUBSTITUTE.email, status: 'active', pausedBy: null, districts: [], verifiedAt },
    qualifications: [{ substituteId: substitute.id, qualificationCode: 'underskoterska', municipalityId: substitute.municipalityId, verifiedAt, validUntil: null }],
    windows: rows.windows,
    profile: rows.profile,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------------------

export type SeedResult =
  | { created: false }
  | {
      created: true;
      municipalityId: string;
      units: number;
      substitutes: Record<SubstituteStatus, number>;
      availabilityWindows: number;
      managers: { email: string; serviceArea: ServiceArea; units: string[] }[];
      history: HistorySummary;
    };

export interface SeedOptions {
  /** Bcrypt cost of the staff passwords (the CLI passes BCRYPT_ROUNDS). */
  bcryptRounds?: number;
  /** The moment the seed treats as now; availability starts the next day, the history ends a few days later. */
  now?: Date;
  /** The daily rest the history's bookings keep between shifts (default 11, the municipalities' default). */
  dailyRestHours?: number;
  /**
   * OFFER_TOKEN_SECRET, from which the history's offers get their token hashes as the service derives them
   * (the CLI passes the configured one). Without it a random secret is used: the hashes match no link.
   */
  offerTokenSecret?: string;
}

/** Inserts the municipality; null if it is already there. */
async function insertMunicipality(tx: EntityManager, createdAt: Date): Promise<string | null> {
  const result = await tx
    .createQueryBuilder()
    .insert()
    .into(Municipality)
    .values({ name: DEMO_MUNICIPALITY, createdAt })
    .orIgnore()
    .returning('id')
    .updateEntity(false)
    .execute();
  const rows = result.raw as { id: string }[];
  return rows.length > 0 ? rows[0].id : null;
}

async function assertCatalogueHasDemoCodes(tx: EntityManager): Promise<void> {
  const known = new Set((await tx.getRepository(Qualification).find()).map((q) => q.code));
  const missing = Object.values(QUALIFICATION_WEIGHTS).flatMap((codes) => Object.keys(codes)).filter((c) => !known.has(c));
  if (missing.length > 0) throw new Error(`Qualification catalogue lacks ${missing.join(', ')}`);
}

/** Loads the demo into `databaseUrl` (creating and migrating the database first). Does nothing if it is loaded. */
export async function seedDemo(databaseUrl: string, options: SeedOptions = {}): Promise<SeedResult> {
  const now = DateTime.fromJSDate(options.now ?? new Date(), { zone: LOCAL_ZONE });
  const rounds = options.bcryptRounds ?? 12;
  const staffEmails = [DEMO_ADMIN_EMAIL, ...SERVICE_AREAS.map((area) => DEMO_MANAGER_EMAILS[area])];
  // Hashing runs on libuv's thread pool, alongside the migrations.
  const [hashes] = await Promise.all([
    Promise.all(staffEmails.map(() => hashPassword(DEMO_PASSWORD, rounds))),
    prepareDatabase(databaseUrl),
  ]);

  const db = new DataSource(dataSourceOptions(databaseUrl, { poolSize: 2, applicationName: 'vikariebanken-seed' }));
  await db.initialize();
  try {
    return await db.transaction(async (tx): Promise<SeedResult> => {
      // The organisation and its programme predate everything else the demo holds.
      const organisationSince = now.minus({ months: ORGANISATION_MONTHS_AGO }).startOf('day').toJSDate();
      const programmeSince = now.startOf('day').minus({ weeks: HISTORY_WEEKS + PROGRAMME_WEEKS_BEFORE_HISTORY }).toJSDate();
      const municipalityId = await insertMunicipality(tx, organisationSince);
      if (municipalityId === null) return { created: false };
      await assertCatalogueHasDemoCodes(tx);
      const rng = new Random(PRNG_SEED);

      const units = SERVICE_AREAS.flatMap((serviceArea) =>
        UNITS[serviceArea].map((u) => ({ id: randomUUID(), municipalityId, serviceArea, ...u })),
      );
      await tx.getRepository(Unit).insert(
        units.map((u) => ({ id: u.id, municipalityId, serviceArea: u.serviceArea, name: u.name, district: u.district, address: u.address, createdAt: organisationSince })),
      );

      const staff = staffEmails.map((email, i) => ({
        id: randomUUID(),
        municipalityId,
        email,
        passwordHash: hashes[i],
        role: (i === 0 ? 'admin' : 'manager') as StaffUser['role'],
        createdAt: organisationSince,
      }));
      await tx.getRepository(StaffUser).insert(staff);
      const managerOf = (area: ServiceArea) => staff.find((s) => s.email === DEMO_MANAGER_EMAILS[area])!;
      await tx.getRepository(StaffUserUnit).insert(
        units.map((unit) => ({ userId: managerOf(unit.serviceArea).id, unitId: unit.id, municipalityId })),
      );

      const programmeId = randomUUID();
      await tx.getRepository(Programme).insert({ id: programmeId, municipalityId, name: PROGRAMME_NAME, budgetSek: DEMO_PROGRAMME_BUDGET_SEK, createdAt: programmeSince });
      await tx.getRepository(ProgrammeAllocation).insert(
        SERVICE_AREAS.map((serviceArea) => ({
          programmeId,
          municipalityId,
          serviceArea,
          amountSek: PROGRAMME_ALLOCATIONS_SEK[serviceArea],
          hourlyCostSek: DEMO_HOURLY_COST_SEK[serviceArea],
        })),
      );

      const districts = [...new Set(units.map((u) => u.district))];
      const people = Array.from({ length: DEMO_SUBSTITUTE_COUNT }, (_, i) => buildSubstitute(rng, i, { municipalityId, districts, now }));
      await insertInChunks(tx, Substitute, people.map((p) => p.substitute));
      await insertInChunks(tx, SubstituteQualification, people.flatMap((p) => p.qualifications));
      const windows = people.flatMap((p) => p.windows);
      await insertInChunks(tx, AvailabilityWindow, windows);

      const history = await writeHistory(tx, {
        municipalityId,
        now,
        programmeId,
        units: units.map((u) => ({ id: u.id, serviceArea: u.serviceArea, district: u.district, kind: u.kind, managerId: managerOf(u.serviceArea).id })),
        people: people.map(({ substitute: s, qualifications, profile }, order) => ({
          id: s.id,
          order,
          active: s.status === 'active',
          districts: s.districts,
          consentedAt: s.consentedAt,
          verifiedAt: s.verifiedAt,
          qualifications: qualifications.map((q) => ({ code: q.qualificationCode, verifiedAt: q.verifiedAt, validUntil: q.validUntil })),
          hours: PROFILE_HOURS[profile],
        })),
        restHours: options.dailyRestHours ?? DEFAULT_WORKING_TIME.dailyRestHours,
        offerTokenSecret: options.offerTokenSecret ?? randomBytes(32).toString('hex'),
        seed: HISTORY_PRNG_SEED,
      });

      const statuses: Record<SubstituteStatus, number> = { active: 0, pending: 0, paused: 0, removed: 0, erased: 0 };
      for (const p of people) statuses[p.substitute.status]++;
      return {
        created: true,
        municipalityId,
        units: units.length,
        substitutes: statuses,
        availabilityWindows: windows.length,
        managers: SERVICE_AREAS.map((area) => ({
          email: DEMO_MANAGER_EMAILS[area],
          serviceArea: area,
          units: units.filter((u) => u.serviceArea === area).map((u) => u.name),
        })),
        history,
      };
    });
  } finally {
    await db.destroy();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------------------

function summary(result: Extract<SeedResult, { created: true }>): string {
  const { active, pending, paused } = result.substitutes;
  const total = active + pending + paused;
  const lines = [
    `Loaded the demo of ${DEMO_MUNICIPALITY}:`,
    `  ${result.units} units in ${SERVICE_AREAS.length} service areas, programme ${PROGRAMME_NAME} (${DEMO_PROGRAMME_BUDGET_SEK.toLocaleString('sv-SE')} kr)`,
    `  ${total} substitutes (${active} active, ${pending} pending, ${paused} paused), ${result.availabilityWindows} availability windows`,
    ...historyLines(result.history),
    '',
    `Sign in with password ${DEMO_PASSWORD}:`,
    `  ${DEMO_ADMIN_EMAIL.padEnd(38)} admin`,
    ...result.managers.map((m) => `  ${m.email.padEnd(38)} manager, ${SERVICE_AREA_NAMES[m.serviceArea]}: ${m.units.join(', ')}`),
    '',
    `A substitute signs in at /vikarie with ${DEMO_SUBSTITUTE.phone} or ${DEMO_SUBSTITUTE.email} (${DEMO_SUBSTITUTE.firstName} ${DEMO_SUBSTITUTE.lastName}); the code is in the worker's log.`,
  ];
  return `${lines.join('\n')}\n`;
}

function historyLines(h: HistorySummary): string[] {
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const v = h.vacancies;
  return [
    `  history ${h.from} – ${h.to}: ${sum(h.absences)} absences (${h.absences.sick} sick, ${h.absences.study_leave} study leave of which ${h.programmeAbsences} in ${PROGRAMME_NAME}, ` +
      `${h.absences.parental} parental, ${h.absences.vacation} vacation, ${h.absences.other} other)`,
    `    ${sum(v)} vacancies (${v.filled} filled, ${v.unfilled} unfilled, ${v.cancelled} cancelled), ${sum(h.offers)} offers, ` +
      `${h.bookings.confirmed} bookings (and ${h.bookings.cancelled} cancelled); no messages were sent for them`,
  ];
}

async function main(): Promise<void> {
  try {
    process.loadEnvFile?.();
  } catch {
    // No .env file: the environment alone is used.
  }
  const config = loadConfig(process.env);
  if (config.isProduction) {
    process.stderr.write('The demo is not loaded in production (NODE_ENV=production): it creates accounts with a published password.\n');
    process.exitCode = 1;
    return;
  }
  const started = Date.now();
  const result = await seedDemo(config.DATABASE_URL, {
    bcryptRounds: config.BCRYPT_ROUNDS,
    offerTokenSecret: config.offerTokenSecret,
  });
  if (!result.created) {
    process.stdout.write(`${DEMO_MUNICIPALITY} already exists: the demo is already loaded, nothing to do.\n`);
    return;
  }
  process.stdout.write(summary(result));
  process.stdout.write(`(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `Seeding the demo failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  });
}
