import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate, isUUID } from 'class-validator';
import type { Response } from 'express';
import { Public } from '../access/access.decorators';
import type { Actor } from '../access/actor';
import { WebSession } from '../auth/web-sessions.service';
import { AppError, ErrorCode } from '../common/errors';
import { flattenValidationErrors, inputProblems } from '../common/validation';
import { MatchingSettingsDto } from '../matching/dto/matching-settings.dto';
import { MatchingSettingsService } from '../matching/matching-settings.service';
import { PreferencesService } from '../matching/preferences.service';
import { CreateUnitDto } from '../organisation/dto/create-unit.dto';
import { CreateUserDto } from '../organisation/dto/create-user.dto';
import { OrganisationService } from '../organisation/organisation.service';
import { ListSubstitutesQuery } from '../substitutes/dto/list-substitutes.query';
import { SubstitutesService } from '../substitutes/substitutes.service';
import { FieldErrors, inFormOrder, listOf, textOf } from './forms';
import { PageErrorsFilter } from './page-errors.filter';
import { sendPage } from './page-response';
import { PageGuard, PageSession, RedirectTo, SignedInPages } from './page-session';
import {
  BAND_ERRORS,
  BAND_FIELDS,
  bandFieldId,
  BandField,
  EMPTY_UNIT_FORM,
  EMPTY_USER_FORM,
  ListedSubstitute,
  PREFERENCE_ERRORS,
  PREFERENCE_LISTS,
  PreferenceListName,
  RULE_FIELDS,
  SETTINGS_ERRORS,
  SettingsFormValues,
  settingsPage,
  UNIT_ERRORS,
  UnitFormValues,
  unitPage,
  unitsPage,
  USER_CONFLICTS,
  USER_ERRORS,
  UserFormValues,
  usersPage,
} from './pages/staff-organisation.page';
import { STAFF_PAGES as P } from './pages/staff-parts';
import type { StaffViewer } from './pages/staff-vacancies.page';

/** What a page says after an action (the action redirects with ?klart=<key>). */
const DONE: Record<string, string> = {
  enhet: 'Enheten är tillagd.',
  forstahandsval: 'Vikarien är tillagd bland förstahandsvalen.',
  sparrade: 'Vikarien är spärrad för enheten.',
  borttagen: 'Vikarien är borttagen från listan.',
  anvandare: 'Användaren är tillagd och kan logga in med e-postadressen och lösenordet.',
  installningar: 'Inställningarna är sparade. De gäller från nästa våg.',
};

/** How many substitutes the picker on a unit's page lists at most (the most a list of the API answers). */
const PICKER_LIMIT = 500;
/** The most a list of preferred or blocked substitutes holds (as PUT /api/v1/units/{id}/preferred takes). */
const LIST_LIMIT = 500;

const viewerOf = (s: WebSession): StaffViewer => ({ role: s.actor.role, csrf: s.csrfToken });

function flash(done: unknown) {
  return typeof done === 'string' && DONE[done] ? { text: DONE[done] } : undefined;
}

/** Text that no database column takes (NUL, broken surrogate pairs): the fields it is in, as the API's pipe refuses it. */
function unstorable(values: Record<string, unknown>): string[] {
  return inputProblems(values, '').map((d) => d.field.split('.')[0]);
}

/** The units of a municipality and each unit's preferred and blocked substitutes: for unit managers and the staffing team. */
@ApiExcludeController()
@Public()
@SignedInPages(['admin', 'manager'], P.signIn)
@UseGuards(PageGuard)
@UseFilters(PageErrorsFilter)
@Controller()
export class StaffUnitsPagesController {
  constructor(
    private readonly organisation: OrganisationService,
    private readonly preferences: PreferencesService,
    private readonly substitutes: SubstitutesService,
  ) {}

  @Get(P.units.slice(1))
  async units(@PageSession() s: WebSession, @Query('klart') done: unknown, @Res() res: Response) {
    sendPage(res, await this.unitsView(s, EMPTY_UNIT_FORM, {}, flash(done)));
  }

  /** Only the staffing team adds units (as POST /api/v1/units). */
  @SignedInPages(['admin'], P.signIn)
  @Post(P.units.slice(1))
  async createUnit(@PageSession() s: WebSession, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const values: UnitFormValues = { name: textOf(body.name), serviceArea: textOf(body.serviceArea), district: textOf(body.district), address: textOf(body.address) };
    const dto = plainToInstance(CreateUnitDto, { ...values, address: values.address.trim() === '' ? undefined : values.address });
    const errors: FieldErrors = {};
    for (const error of await validate(dto)) errors[error.property] = UNIT_ERRORS[error.property] ?? 'Kontrollera det här fältet.';
    for (const field of unstorable({ ...values })) errors[field] = UNIT_ERRORS[field];
    if (Object.keys(errors).length === 0) {
      await this.organisation.createUnit(s.actor, dto);
      throw new RedirectTo(`${P.units}?klart=enhet`);
    }
    sendPage(res, await this.unitsView(s, values, inFormOrder(errors, UNIT_ERRORS)), 400);
  }

  @Get(`${P.units.slice(1)}/:id`)
  async unit(@PageSession() s: WebSession, @Param('id', ParseUUIDPipe) id: string, @Query('namn') name: unknown, @Query('klart') done: unknown, @Res() res: Response) {
    sendPage(res, await this.unitView(s, id, textOf(name).split('\u0000').join('').trim().slice(0, 100), '', {}, flash(done)));
  }

  /** Adds a substitute to one of the unit's lists: the whole list is replaced, as PUT /api/v1/units/{id}/preferred does. */
  @Post(`${P.units.slice(1)}/:id/vikarier`)
  async addToList(@PageSession() s: WebSession, @Param('id', ParseUUIDPipe) id: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const substituteId = textOf(body.substituteId);
    const list = textOf(body.lista);
    const errors: FieldErrors = {};
    if (!isUUID(substituteId)) errors.substituteId = PREFERENCE_ERRORS.substituteId;
    if (!(list in PREFERENCE_LISTS)) errors.lista = PREFERENCE_ERRORS.lista;
    if (Object.keys(errors).length === 0) {
      const kind = PREFERENCE_LISTS[list as PreferenceListName];
      const current = (await this.preferences.list(s.actor, id))[kind];
      if (current.includes(substituteId)) throw new RedirectTo(`${P.units}/${id}?klart=${list}`);
      if (current.length >= LIST_LIMIT) {
        errors.substituteId = `Listan är full: den rymmer högst ${LIST_LIMIT} vikarier. Ta bort någon först.`;
      } else {
        try {
          await this.preferences.replace(s.actor, id, kind, [...current, substituteId]);
          throw new RedirectTo(`${P.units}/${id}?klart=${list}`);
        } catch (error) {
          // The unit's own 404 is the page's; an unknown substitute is the field's.
          if (!(error instanceof AppError) || error.code !== ErrorCode.NOT_FOUND || !/substitute/i.test(error.message)) throw error;
          errors.substituteId = PREFERENCE_ERRORS.substituteId;
        }
      }
    }
    sendPage(res, await this.unitView(s, id, '', substituteId, inFormOrder(errors, PREFERENCE_ERRORS)), 400);
  }

  @Post(`${P.units.slice(1)}/:id/vikarier/ta-bort`)
  async removeFromList(@PageSession() s: WebSession, @Param('id', ParseUUIDPipe) id: string, @Body() body: Record<string, unknown>) {
    const substituteId = textOf(body.substituteId);
    const list = textOf(body.lista);
    if (list in PREFERENCE_LISTS) {
      const kind = PREFERENCE_LISTS[list as PreferenceListName];
      const current = (await this.preferences.list(s.actor, id))[kind];
      if (current.includes(substituteId)) {
        await this.preferences.replace(
          s.actor,
          id,
          kind,
          current.filter((other) => other !== substituteId),
        );
      }
    }
    // Already gone (removed in another tab) is as good as removed.
    throw new RedirectTo(`${P.units}/${id}?klart=borttagen`);
  }

  private async unitsView(s: WebSession, values: UnitFormValues, errors: FieldErrors, done?: { text: string }): Promise<string> {
    const units = await this.organisation.listUnits(s.actor);
    return unitsPage({ viewer: viewerOf(s), units, form: s.actor.role === 'admin' ? { values, errors } : undefined, flash: done });
  }

  private async unitView(s: WebSession, unitId: string, query: string, picked: string, errors: FieldErrors, done?: { text: string }): Promise<string> {
    const unit = await this.organisation.unitForActor(s.actor, unitId);
    const lists = await this.preferences.list(s.actor, unitId);
    const people = await this.substitutes.contacts([...lists.preferred, ...lists.blocked]);
    const listed = (ids: string[]): ListedSubstitute[] =>
      ids
        .flatMap((id) => {
          const p = people.get(id);
          return p ? [{ id, name: `${p.lastName}, ${p.firstName}`, status: p.status }] : [];
        })
        .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    const { candidates, truncated } = await this.candidates(s.actor, query, new Set([...lists.preferred, ...lists.blocked]));
    return unitPage({
      viewer: viewerOf(s),
      view: { unit, preferred: listed(lists.preferred), blocked: listed(lists.blocked), candidates, query, truncated, picked, errors },
      flash: done,
    });
  }

  /**
   * Active substitutes of the municipality who are on neither list, by name. The page shows names only: the
   * list answers with contact details too, which a unit manager has no need of here.
   */
  private async candidates(actor: Actor, name: string, listed: Set<string>): Promise<{ candidates: { id: string; name: string }[]; truncated: boolean }> {
    const query = Object.assign(new ListSubstitutesQuery(), { status: 'active', limit: PICKER_LIMIT, offset: 0, ...(name ? { name } : {}) });
    const people = await this.substitutes.list(actor, query);
    const candidates = people
      .filter((p) => !listed.has(p.id))
      .map((p) => ({ id: p.id, name: `${p.lastName}, ${p.firstName}` }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    return { candidates, truncated: people.length === PICKER_LIMIT };
  }
}

/** The staffing team's own pages: staff users and the matching settings. A unit manager is told they do not exist. */
@ApiExcludeController()
@Public()
@SignedInPages(['admin'], P.signIn)
@UseGuards(PageGuard)
@UseFilters(PageErrorsFilter)
@Controller()
export class StaffAdminPagesController {
  constructor(
    private readonly organisation: OrganisationService,
    private readonly settings: MatchingSettingsService,
  ) {}

  @Get(P.users.slice(1))
  async users(@PageSession() s: WebSession, @Query('klart') done: unknown, @Res() res: Response) {
    sendPage(res, await this.usersView(s, EMPTY_USER_FORM, {}, flash(done)));
  }

  @Post(P.users.slice(1))
  async createUser(@PageSession() s: WebSession, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const values: UserFormValues = { email: textOf(body.email), role: textOf(body.role), unitIds: listOf(body.unitIds) };
    const password = textOf(body.password);
    const dto = plainToInstance(CreateUserDto, { ...values, password });
    const errors: FieldErrors = {};
    for (const error of await validate(dto)) errors[error.property] = USER_ERRORS[error.property] ?? 'Kontrollera det här fältet.';
    for (const field of unstorable({ ...values, password })) errors[field] = USER_ERRORS[field];
    if (errors.unitIds) errors.unitIds = USER_CONFLICTS.unknownUnits;
    // A manager without units would see nothing, and no page changes a user later: the page asks for one.
    if (values.role === 'manager' && values.unitIds.length === 0) errors.unitIds = USER_ERRORS.unitIds;
    if (values.role === 'admin' && values.unitIds.length > 0) errors.unitIds = USER_CONFLICTS.adminUnits;
    if (Object.keys(errors).length === 0) {
      try {
        await this.organisation.createUser(s.actor, dto);
        throw new RedirectTo(`${P.users}?klart=anvandare`);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.code === ErrorCode.USER_EXISTS) errors.email = USER_CONFLICTS.emailInUse;
        else if (error.code === ErrorCode.NOT_FOUND) errors.unitIds = USER_CONFLICTS.unknownUnits;
        else if (error.code === ErrorCode.VALIDATION_FAILED) for (const d of error.details) errors[d.field] = d.field === 'unitIds' ? USER_CONFLICTS.adminUnits : (USER_ERRORS[d.field] ?? 'Kontrollera det här fältet.');
        else throw error;
      }
    }
    sendPage(res, await this.usersView(s, { ...values, email: values.email.trim() }, inFormOrder(errors, USER_ERRORS)), error409(errors) ? 409 : 400);
  }

  @Get(P.settings.slice(1))
  async settingsForm(@PageSession() s: WebSession, @Query('klart') done: unknown, @Res() res: Response) {
    const saved = await this.settings.view(s.actor.municipalityId);
    const values: SettingsFormValues = {
      rules: Object.fromEntries(RULE_FIELDS.map((f) => [f.name, String(saved[f.name])])) as SettingsFormValues['rules'],
      bands: [...saved.bands.map((b) => Object.fromEntries(BAND_FIELDS.map((f) => [f, f === 'maxLeadMinutes' && b[f] === Number.MAX_SAFE_INTEGER ? '' : String(b[f])])) as Record<BandField, string>)],
      quietStart: saved.quietHours.start,
      quietEnd: saved.quietHours.end,
      urgentWithinMinutes: String(saved.urgentWithinMinutes),
    };
    // One empty row to add a band with, while there is room for one.
    if (values.bands.length < 10) values.bands.push(emptyBand());
    sendPage(res, settingsPage({ viewer: viewerOf(s), saved, values, errors: {}, flash: flash(done) }));
  }

  /** Saves through the service of PUT /api/v1/matching-settings, after the checks of its DTO and route. */
  @Post(P.settings.slice(1))
  async saveSettings(@PageSession() s: WebSession, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const values = settingsValues(body);
    const errors: FieldErrors = {};
    // Rows left empty are ignored; a row without "Börjar inom" covers everything beyond the others.
    const kept = values.bands.flatMap((band, row) => (BAND_FIELDS.some((f) => band[f] !== '') ? [{ row, band }] : []));
    const plain = {
      bands: kept.map(({ band }) => Object.fromEntries(BAND_FIELDS.map((f) => [f, f === 'maxLeadMinutes' && band[f] === '' ? Number.MAX_SAFE_INTEGER : whole(band[f])]))),
      quietHours: { start: values.quietStart, end: values.quietEnd },
      urgentWithinMinutes: whole(values.urgentWithinMinutes),
      ...Object.fromEntries(RULE_FIELDS.map((f) => [f.name, whole(values.rules[f.name])])),
    };
    const dto = plainToInstance(MatchingSettingsDto, plain);
    for (const detail of flattenValidationErrors(await validate(dto))) {
      const band = /^bands\.(\d+)\.(\w+)$/.exec(detail.field);
      if (band && (BAND_FIELDS as readonly string[]).includes(band[2])) {
        const row = kept[Number(band[1])].row;
        errors[bandFieldId(row, band[2] as BandField)] = `Rad ${row + 1}: ${BAND_ERRORS[band[2] as BandField]}`;
      } else {
        const field = detail.field.startsWith('bands') ? 'bands' : detail.field;
        errors[field] = SETTINGS_ERRORS[field] ?? 'Kontrollera det här fältet.';
      }
    }
    // The service's rule, each band its own lead time, said at the later row's field.
    const firstWith = new Map<unknown, number>();
    kept.forEach(({ row }, i) => {
      const lead = dto.bands[i].maxLeadMinutes;
      const field = bandFieldId(row, 'maxLeadMinutes');
      if (firstWith.has(lead) && !errors[field]) errors[field] = `Rad ${row + 1}: ${SETTINGS_ERRORS.sameLead.replace('{rad}', String(firstWith.get(lead)! + 1))}`;
      if (!firstWith.has(lead)) firstWith.set(lead, row);
    });
    if (Object.keys(errors).length === 0) {
      await this.settings.put(s.actor, dto);
      throw new RedirectTo(`${P.settings}?klart=installningar`);
    }
    const saved = await this.settings.view(s.actor.municipalityId);
    sendPage(res, settingsPage({ viewer: viewerOf(s), saved, values, errors: settingsOrder(errors, values.bands.length) }), 400);
  }

  private async usersView(s: WebSession, values: UserFormValues, errors: FieldErrors, done?: { text: string }): Promise<string> {
    const [users, units] = await Promise.all([this.organisation.listUsers(s.actor), this.organisation.listUnits(s.actor)]);
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    return usersPage({
      viewer: viewerOf(s),
      users: users.map((u) => ({ email: u.email, role: u.role, createdAt: u.createdAt, units: u.unitIds.map((id) => unitName.get(id) ?? 'Okänd enhet').sort((a, b) => a.localeCompare(b, 'sv')) })),
      units: units.map((u) => ({ id: u.id, name: u.name })),
      values,
      errors,
      flash: done,
    });
  }
}

function error409(errors: FieldErrors): boolean {
  return errors.email === USER_CONFLICTS.emailInUse && Object.keys(errors).length === 1;
}

const emptyBand = (): Record<BandField, string> => ({ maxLeadMinutes: '', waveSize: '', spacingMinutes: '', offerLifetimeMinutes: '' });

/** A whole number as the form wrote it ("10 080" too); anything else stays text, for the validators to refuse. */
function whole(text: string): number | string {
  const digits = text.replace(/\s/g, '');
  return /^\d{1,15}$/.test(digits) ? Number(digits) : text;
}

/** The posted rows (`bands.<row>.<field>`, at most 20 of them) and the other fields, as text. */
function settingsValues(body: Record<string, unknown>): SettingsFormValues {
  const rows = Object.keys(body).flatMap((key) => {
    const m = /^bands\.(\d{1,2})\./.exec(key);
    return m && Number(m[1]) < 20 ? [Number(m[1])] : [];
  });
  const count = rows.length === 0 ? 0 : Math.max(...rows) + 1;
  const bands = Array.from({ length: count }, (_, row) => Object.fromEntries(BAND_FIELDS.map((f) => [f, textOf(body[bandFieldId(row, f)]).trim()])) as Record<BandField, string>);
  return {
    bands: bands.length > 0 ? bands : [emptyBand()],
    quietStart: textOf(body['quietHours.start']).trim(),
    quietEnd: textOf(body['quietHours.end']).trim(),
    urgentWithinMinutes: textOf(body.urgentWithinMinutes).trim(),
    rules: Object.fromEntries(RULE_FIELDS.map((f) => [f.name, textOf(body[f.name]).trim()])) as SettingsFormValues['rules'],
  };
}

/** The errors in the order of the form: the bands row by row, then quiet hours, then urgency. */
function settingsOrder(errors: FieldErrors, rows: number): FieldErrors {
  const order = ['bands', ...Array.from({ length: rows }, (_, row) => BAND_FIELDS.map((f) => bandFieldId(row, f))).flat(), 'quietHours.start', 'quietHours.end', 'urgentWithinMinutes', ...RULE_FIELDS.map((f) => f.name)];
  return Object.fromEntries(order.filter((field) => errors[field]).map((field) => [field, errors[field]]));
}
