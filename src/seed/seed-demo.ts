import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { hashPassword } from '../organisation/passwords';
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

/*
 * `npm run seed:demo`: loads a small Norrköping (units, staff, Jobbsatsningen and 300 substitutes with
 * availability) into the database of DATABASE_URL. Runs once: if the municipality exists nothing is written.
 * Everything random comes from a seeded PRNG, so two fresh databases get the same people and choices
 * (only dates move with the day the seed runs).
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
const AVAILABILITY_WEEKS = 8;

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
}

const UNITS: Record<ServiceArea, UnitSeed[]> = {
  utbildning: [
    { name: 'Hagaskolan', district: 'Haga', address: 'Hagagatan 30, 602 28 Norrköping' },
    { name: 'Navestadsskolan', district: 'Navestad', address: 'Navestadsgatan 10, 603 79 Norrköping' },
    { name: 'Kneippens förskola', district: 'Kneippen', address: 'Kneippgatan 8, 602 37 Norrköping' },
    { name: 'Klockaretorpsskolan', district: 'Klockaretorpet', address: 'Klockaretorpsvägen 5, 603 65 Norrköping' },
  ],
  vard_omsorg: [
    { name: 'Vrinnevihemmet', district: 'Vrinnevi', address: 'Vrinnevigatan 2, 603 79 Norrköping' },
    { name: 'Ektorps äldreboende', district: 'Ektorp', address: 'Ektorpsgatan 40, 603 61 Norrköping' },
    { name: 'Lindögården', district: 'Lindö', address: 'Lindövägen 68, 605 97 Norrköping' },
    { name: 'Hemtjänst Smedby', district: 'Smedby', address: 'Smedbyvägen 15, 603 75 Norrköping' },
  ],
  socialtjanst: [
    { name: 'Socialkontoret Centrum', district: 'Centrum', address: 'Drottninggatan 5, 602 24 Norrköping' },
    { name: 'Familjecentralen Hageby', district: 'Hageby', address: 'Hagebygatan 18, 603 63 Norrköping' },
    { name: 'Stödboendet Marielund', district: 'Marielund', address: 'Marielundsgatan 3, 602 10 Norrköping' },
  ],
  kost: [
    { name: 'Matservice Hageby', district: 'Hageby', address: 'Hagebygatan 24, 603 63 Norrköping' },
    { name: 'Skärblacka skolkök', district: 'Skärblacka', address: 'Skolgatan 4, 617 30 Skärblacka' },
    { name: 'Centralköket Ljura', district: 'Ljura', address: 'Ljuragatan 12, 602 30 Norrköping' },
    { name: 'Krokeks skolrestaurang', district: 'Krokek', address: 'Krokeksvägen 20, 618 34 Kolmården' },
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
// Deterministic randomness
// ---------------------------------------------------------------------------------------------------------

/** mulberry32: a tiny 32-bit PRNG, good enough for demo data and the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<K extends string>(weights: Partial<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    let roll = this.next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1][0];
  }

  /** `count` distinct items in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    return pool.slice(0, count);
  }
}

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
  substitute: Omit<Substitute, 'createdAt' | 'updatedAt' | 'municipality'>;
  qualifications: Omit<SubstituteQualification, 'substitute' | 'qualification'>[];
  windows: Omit<AvailabilityWindow, 'id' | 'substitute'>[];
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
      verifiedAt,
      erasedAt: null,
    },
    qualifications,
    windows,
  };
  return index === 0 ? asDemoSubstitute(rows, now) : rows;
}

/** Makes substitute 0 the one the README signs in as (the other rows and the random draws stay as they are). */
function asDemoSubstitute(rows: SubstituteRows, now: DateTime): SubstituteRows {
  const verifiedAt = now.minus({ days: 30 }).toJSDate();
  const { substitute } = rows;
  return {
    substitute: { ...substitute, firstName: DEMO_SUBSTITUTE.firstName, lastName: DEMO_SUBSTITUTE.lastName, email: DEMO_SUBSTITUTE.email, status: 'active', pausedBy: null, districts: [], verifiedAt },
    qualifications: [{ substituteId: substitute.id, qualificationCode: 'underskoterska', municipalityId: substitute.municipalityId, verifiedAt, validUntil: null }],
    windows: rows.windows,
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
    };

export interface SeedOptions {
  /** Bcrypt cost of the staff passwords (the CLI passes BCRYPT_ROUNDS). */
  bcryptRounds?: number;
  /** The moment the seed treats as now; availability starts the next day. */
  now?: Date;
}

const INSERT_CHUNK = 2000;

async function insertInChunks<T extends ObjectLiteral>(tx: EntityManager, entity: new () => T, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + INSERT_CHUNK)).updateEntity(false).execute();
  }
}

/** Inserts the municipality; null if it is already there. */
async function insertMunicipality(tx: EntityManager): Promise<string | null> {
  const result = await tx
    .createQueryBuilder()
    .insert()
    .into(Municipality)
    .values({ name: DEMO_MUNICIPALITY })
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
      const municipalityId = await insertMunicipality(tx);
      if (municipalityId === null) return { created: false };
      await assertCatalogueHasDemoCodes(tx);
      const rng = new Random(PRNG_SEED);

      const units = SERVICE_AREAS.flatMap((serviceArea) =>
        UNITS[serviceArea].map((u) => ({ id: randomUUID(), municipalityId, serviceArea, ...u })),
      );
      await tx.getRepository(Unit).insert(units);

      const staff = staffEmails.map((email, i) => ({
        id: randomUUID(),
        municipalityId,
        email,
        passwordHash: hashes[i],
        role: (i === 0 ? 'admin' : 'manager') as StaffUser['role'],
      }));
      await tx.getRepository(StaffUser).insert(staff);
      const managerOf = (area: ServiceArea) => staff.find((s) => s.email === DEMO_MANAGER_EMAILS[area])!;
      await tx.getRepository(StaffUserUnit).insert(
        units.map((unit) => ({ userId: managerOf(unit.serviceArea).id, unitId: unit.id, municipalityId })),
      );

      const programmeId = randomUUID();
      await tx.getRepository(Programme).insert({ id: programmeId, municipalityId, name: PROGRAMME_NAME, budgetSek: DEMO_PROGRAMME_BUDGET_SEK });
      await tx.getRepository(ProgrammeAllocation).insert(
        SERVICE_AREAS.map((serviceArea) => ({ programmeId, municipalityId, serviceArea, amountSek: PROGRAMME_ALLOCATIONS_SEK[serviceArea] })),
      );

      const districts = [...new Set(units.map((u) => u.district))];
      const people = Array.from({ length: DEMO_SUBSTITUTE_COUNT }, (_, i) => buildSubstitute(rng, i, { municipalityId, districts, now }));
      await insertInChunks(tx, Substitute, people.map((p) => p.substitute));
      await insertInChunks(tx, SubstituteQualification, people.flatMap((p) => p.qualifications));
      const windows = people.flatMap((p) => p.windows);
      await insertInChunks(tx, AvailabilityWindow, windows);

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
    '',
    `Sign in with password ${DEMO_PASSWORD}:`,
    `  ${DEMO_ADMIN_EMAIL.padEnd(38)} admin`,
    ...result.managers.map((m) => `  ${m.email.padEnd(38)} manager, ${SERVICE_AREA_NAMES[m.serviceArea]}: ${m.units.join(', ')}`),
    '',
    `A substitute signs in at /vikarie with ${DEMO_SUBSTITUTE.phone} or ${DEMO_SUBSTITUTE.email} (${DEMO_SUBSTITUTE.firstName} ${DEMO_SUBSTITUTE.lastName}); the code is in the worker's log.`,
  ];
  return `${lines.join('\n')}\n`;
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
  const result = await seedDemo(config.DATABASE_URL, { bcryptRounds: config.BCRYPT_ROUNDS });
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
