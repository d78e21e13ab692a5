import { isUUID } from 'class-validator';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AbsencesService } from '../absences/absences.service';
import type { VacancyDto } from '../absences/dto/vacancy.dto';
import type { VacancyStatus } from '../absences/vacancy-status';
import type { Actor } from '../access/actor';
import { Public } from '../access/access.decorators';
import { AuthService } from '../auth/auth.service';
import { ScheduleConflict } from '../bookings/bookings.service';
import { lasFormOf } from '../bookings/las-days';
import { LasService } from '../bookings/las.service';
import { workingTimeRefusal } from '../notifications/templates/working-time-texts';
import { WebSession, WebSessions } from '../auth/web-sessions.service';
import { AppError, ErrorCode } from '../common/errors';
import { toLocalDate } from '../common/time';
import { AppConfig } from '../config/app-config';
import { OffersService } from '../offers/offers.service';
import { OrganisationService } from '../organisation/organisation.service';
import { SERVICE_AREA_NAMES } from '../organisation/service-area';
import { ProgrammesService } from '../programmes/programmes.service';
import { QualificationsService } from '../qualifications/qualifications.service';
import { BookVacancy } from '../staffing/book-vacancy.use-case';
import { CancelVacancy } from '../staffing/cancel-vacancy.use-case';
import type { CreateAbsenceDto } from '../staffing/dto/create-absence.dto';
import { PostAbsence } from '../staffing/post-absence.use-case';
import { VacancyDetails } from '../staffing/vacancy-details';
import { ListSubstitutesQuery } from '../substitutes/dto/list-substitutes.query';
import { SubstitutesService } from '../substitutes/substitutes.service';
import { FieldErrors, listOf, textOf } from './forms';
import { streamChanges, versionParam } from './live-events';
import { PageErrorsFilter } from './page-errors.filter';
import { sendPage } from './page-response';
import { cookiesOf, CsrfToken, PageGuard, PageSession, RedirectTo, secureCookies, SESSION_COOKIE, SignedInPages } from './page-session';
import { ABSENCE_ERRORS, absenceFormErrors, absenceFormPage, AbsenceFormValues, EMPTY_ABSENCE_FORM } from './pages/absence-form.page';
import { lasWarningText } from './pages/las-parts';
import { STAFF_PAGES as P } from './pages/staff-parts';
import { STAFF_SIGN_IN_ERRORS, staffSignInPage } from './pages/staff-sign-in.page';
import { BookByHandForm, confirmCancelPage, staffHomePage, StaffViewer, vacancyListPage, vacancyPage, VacancyRow, vacancyVersion, VacancyView } from './pages/staff-vacancies.page';

const DAY_MS = 86_400_000;
const LIST_PAGE = 50;

/** What a page says after an action (the action redirects with ?klart=<key>). */
const DONE: Record<string, string> = {
  inlagd: 'Frånvaron är inlagd. Matchningen skickar erbjudanden till vikarier nu.',
  bokad: 'Vikarien är bokad och får en bekräftelse med SMS och e-post.',
  installt: 'Vikariatet är inställt. Den som berördes har fått veta det.',
};

/** Why a booking by hand was refused, by the API's error code. */
const BOOKING_REFUSED: Partial<Record<string, string>> = {
  [ErrorCode.VACANCY_TAKEN]: 'Vikariatet är redan tillsatt.',
  [ErrorCode.OFFER_WITHDRAWN]: 'Vikarien är inte aktiv, eller vikariatet är inställt.',
  [ErrorCode.OFFER_EXPIRED]: 'Vikariatet har redan börjat.',
  [ErrorCode.SCHEDULE_CONFLICT]: 'Det krockar med ett pass vikarien redan är bokad på, eller ger hen för kort vila mellan passen.',
  [ErrorCode.NOT_ELIGIBLE]: 'Vikarien saknar en giltig, kontrollerad behörighet för vikariatet, eller är spärrad av enheten.',
  [ErrorCode.NOT_FOUND]: 'Vikarien finns inte. Välj en vikarie i listan.',
};

/** The lists of the vacancies page: a name in the address, the statuses it shows. */
const VACANCY_LISTS: { value: string; label: string; statuses: VacancyStatus[] }[] = [
  { value: 'aktuella', label: 'Inte tillsatta än', statuses: ['open', 'offering'] },
  { value: 'ej-tillsatta', label: 'Ej tillsatta', statuses: ['unfilled'] },
  { value: 'tillsatta', label: 'Tillsatta', statuses: ['filled'] },
  { value: 'installda', label: 'Inställda', statuses: ['cancelled'] },
];

const viewerOf = (s: WebSession): StaffViewer => ({ role: s.actor.role, csrf: s.csrfToken });

/** Staff sign in to their pages with email and password. */
@ApiExcludeController()
@Public()
@UseGuards(PageGuard)
@UseFilters(PageErrorsFilter)
@Controller()
export class StaffSignInController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: WebSessions,
    private readonly config: AppConfig,
  ) {}

  @Get(P.signIn.slice(1))
  form(@CsrfToken() csrf: string, @Res() res: Response) {
    sendPage(res, staffSignInPage({ email: '', errors: {}, csrf }));
  }

  @Post(P.signIn.slice(1))
  async signIn(@Body() body: Record<string, unknown>, @Req() req: Request, @CsrfToken() csrf: string, @Res() res: Response) {
    const email = textOf(body.email).trim().toLowerCase();
    const password = textOf(body.password);
    const errors: FieldErrors = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = STAFF_SIGN_IN_ERRORS.email;
    if (password === '') errors.password = STAFF_SIGN_IN_ERRORS.password;
    if (Object.keys(errors).length > 0) return sendPage(res, staffSignInPage({ email, errors, csrf }), 400);
    try {
      const { user } = await this.auth.login(email, password, req.ip);
      const { token, expiresAt } = await this.sessions.start(user);
      res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secureCookies(this.config), path: '/', expires: expiresAt });
      throw new RedirectTo(P.home);
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.INVALID_CREDENTIALS) {
        return sendPage(res, staffSignInPage({ email, errors: { credentials: STAFF_SIGN_IN_ERRORS.credentials }, csrf }), 401);
      }
      if (error instanceof AppError && error.code === ErrorCode.RATE_LIMITED) {
        if (error.headers['Retry-After']) res.setHeader('Retry-After', error.headers['Retry-After']);
        return sendPage(res, staffSignInPage({ email, errors: {}, csrf, locked: true }), 429);
      }
      throw error;
    }
  }
}

/** Unit managers' and the staffing team's pages: post absences, follow vacancies fill, book, cancel. */
@ApiExcludeController()
@Public()
@SignedInPages(['admin', 'manager'], P.signIn)
@UseGuards(PageGuard)
@UseFilters(PageErrorsFilter)
@Controller()
export class StaffPagesController {
  constructor(
    private readonly absences: AbsencesService,
    private readonly offers: OffersService,
    private readonly organisation: OrganisationService,
    private readonly qualifications: QualificationsService,
    private readonly programmes: ProgrammesService,
    private readonly substitutes: SubstitutesService,
    private readonly postAbsence: PostAbsence,
    private readonly details: VacancyDetails,
    private readonly bookVacancy: BookVacancy,
    private readonly cancelVacancy: CancelVacancy,
    private readonly las: LasService,
    private readonly sessions: WebSessions,
  ) {}

  @Get(P.home.slice(1))
  async home(@PageSession() s: WebSession, @Query('klart') done: unknown, @Res() res: Response) {
    const now = new Date();
    const [live, unfilled] = await Promise.all([
      this.absences.vacanciesForPages(s.actor, { statuses: ['open', 'offering'], endsAfter: now, limit: 200 }),
      this.absences.vacanciesForPages(s.actor, { statuses: ['unfilled'], endsAfter: now, limit: 100 }),
    ]);
    const rows = await this.rows([...live, ...unfilled]);
    const soon = rows.filter((r) => r.status !== 'unfilled' && r.shifts[0].start.getTime() < now.getTime() + DAY_MS);
    sendPage(
      res,
      staffHomePage({
        viewer: viewerOf(s),
        name: s.actor.role === 'admin' ? 'bemanningen' : 'chef',
        soon,
        unfilled: rows.filter((r) => r.status === 'unfilled'),
        offering: rows.filter((r) => r.status === 'offering' && !soon.includes(r)),
        flash: flash(done),
      }),
    );
  }

  @Post(P.signOut.slice(1))
  async signOut(@Req() req: Request, @Res() res: Response) {
    await this.sessions.end(cookiesOf(req)[SESSION_COOKIE]);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    throw new RedirectTo(P.signIn);
  }

  @Get(P.newAbsence.slice(1))
  async absenceForm(@PageSession() s: WebSession, @Res() res: Response) {
    sendPage(res, await this.absencePage(s, EMPTY_ABSENCE_FORM, {}));
  }

  @Post(P.newAbsence.slice(1))
  async postAbsenceForm(@PageSession() s: WebSession, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const values: AbsenceFormValues = {
      unitId: textOf(body.unitId),
      reason: textOf(body.reason),
      qualification: textOf(body.qualification),
      programmeId: textOf(body.programmeId),
      'schedule.from': textOf(body['schedule.from']).trim(),
      'schedule.to': textOf(body['schedule.to']).trim(),
      'schedule.weekdays': listOf(body['schedule.weekdays']),
      'schedule.startTime': textOf(body['schedule.startTime']).trim(),
      'schedule.endTime': textOf(body['schedule.endTime']).trim(),
      splitShifts: textOf(body.splitShifts),
      note: textOf(body.note).trim(),
    };
    const errors = absenceFormErrors(values, new Date());
    if (Object.keys(errors).length === 0) {
      const to = values['schedule.to'] || values['schedule.from'];
      const dto: CreateAbsenceDto = {
        unitId: values.unitId,
        reason: values.reason as CreateAbsenceDto['reason'],
        qualification: values.qualification,
        ...(values.programmeId ? { programmeId: values.programmeId } : {}),
        schedule: {
          from: values['schedule.from'],
          to,
          // One day: that day, whichever weekdays are ticked.
          weekdays: to === values['schedule.from'] ? [1, 2, 3, 4, 5, 6, 7] : values['schedule.weekdays'].map(Number),
          startTime: values['schedule.startTime'],
          endTime: values['schedule.endTime'],
        },
        splitShifts: values.splitShifts === 'true',
        ...(values.note ? { note: values.note } : {}),
      };
      try {
        const absence = await this.postAbsence.run(s.actor, dto);
        const target = absence.vacancies.length === 1 ? `${P.vacancies}/${absence.vacancies[0].id}` : P.vacancies;
        throw new RedirectTo(`${target}?klart=inlagd`);
      } catch (error) {
        if (!(error instanceof AppError) || (error.code !== ErrorCode.VALIDATION_FAILED && error.code !== ErrorCode.NOT_FOUND)) throw error;
        // The use case's checks (past or overlapping shifts, a time the clocks skip, an unknown unit or
        // programme), said next to the field they concern.
        for (const detail of error.details.length > 0 ? error.details : [{ field: error.code === ErrorCode.NOT_FOUND ? 'unitId' : 'shifts', problem: '' }]) {
          const field = Object.keys(ABSENCE_ERRORS).find((f) => detail.field === f || detail.field.startsWith(`${f}.`)) ?? (detail.field === 'schedule' ? 'schedule.weekdays' : 'shifts');
          errors[field] = ABSENCE_ERRORS[field];
        }
        if (error.code === ErrorCode.NOT_FOUND) errors[/programme/i.test(error.message) ? 'programmeId' : 'unitId'] = ABSENCE_ERRORS[/programme/i.test(error.message) ? 'programmeId' : 'unitId'];
      }
    }
    sendPage(res, await this.absencePage(s, values, errors), 400);
  }

  @Get(P.vacancies.slice(1))
  async vacancyList(@PageSession() s: WebSession, @Query('status') status: unknown, @Query('sida') pageParam: unknown, @Query('klart') done: unknown, @Res() res: Response) {
    const list = VACANCY_LISTS.find((l) => l.value === status) ?? VACANCY_LISTS[0];
    const page = Math.min(Math.max(1, Number.parseInt(textOf(pageParam), 10) || 1), 1000);
    // One more than a page, to know whether there is a next one.
    const vacancies = await this.absences.vacanciesForPages(s.actor, { statuses: list.statuses, endsAfter: new Date(Date.now() - 14 * DAY_MS), limit: LIST_PAGE + 1, offset: (page - 1) * LIST_PAGE });
    const rows = await this.rows(vacancies.slice(0, LIST_PAGE));
    sendPage(res, vacancyListPage({ viewer: viewerOf(s), rows, status: list.value, statuses: VACANCY_LISTS, page, hasNext: vacancies.length > LIST_PAGE, flash: flash(done) }));
  }

  @Get(`${P.vacancies.slice(1)}/:id`)
  async vacancy(@PageSession() s: WebSession, @Param('id', ParseUUIDPipe) id: string, @Query('klart') done: unknown, @Res() res: Response) {
    const view = await this.vacancyView(s.actor, id);
    sendPage(res, vacancyPage({ viewer: viewerOf(s), vacancy: view, book: await this.bookForm(s.actor, view, '', {}), flash: flash(done) }));
  }

  /** Server-sent events: "change" whenever the vacancy's status, offers or booking differ from the page's. */
  @Get(`${P.vacancies.slice(1)}/:id/handelser`)
  async vacancyEvents(@PageSession() s: WebSession, @Param('id', ParseUUIDPipe) id: string, @Query('version') shown: unknown, @Req() req: Request, @Res() res: Response) {
    const version = async () => vacancyVersion(await this.vacancyView(s.actor, id));
    const current = await version();
    streamChanges(req, res, versionParam(shown) ?? current, version);
  }

  @Post(`${P.vacancies.slice(1)}/:id/boka`)
  async book(@PageSession() s: WebSession, @Param('id', ParseUUIDPipe) id: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const substituteId = textOf(body.substituteId);
    let problem = 'Välj en vikarie i listan.';
    if (isUUID(substituteId)) {
      try {
        await this.bookVacancy.bookByHand(s.actor, id, substituteId);
        throw new RedirectTo(`${P.vacancies}/${id}?klart=bokad`);
      } catch (error) {
        if (!(error instanceof AppError) || !BOOKING_REFUSED[error.code] || (error.code === ErrorCode.NOT_FOUND && !/substitute/i.test(error.message))) throw error;
        problem = error instanceof ScheduleConflict ? workingTimeRefusal(error.rule, error.rules, 'vikarien') : BOOKING_REFUSED[error.code]!;
      }
    }
    const view = await this.vacancyView(s.actor, id);
    sendPage(res, vacancyPage({ viewer: viewerOf(s), vacancy: view, book: await this.bookForm(s.actor, view, substituteId, { substituteId: problem }) }), 409);
  }

  @Get(`${P.vacancies.slice(1)}/:id/stall-in`)
  async confirmCancelVacancy(@PageSession() s: WebSession, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response) {
    const v = await this.vacancyView(s.actor, id);
    sendPage(res, confirmCancelPage({ viewer: viewerOf(s), what: 'vacancy', action: `${P.vacancies}/${id}/stall-in`, back: `${P.vacancies}/${id}`, unit: v.unit, shifts: v.shifts }));
  }

  @Post(`${P.vacancies.slice(1)}/:id/stall-in`)
  async cancelVacancyForm(@PageSession() s: WebSession, @Param('id', ParseUUIDPipe) id: string) {
    await this.cancelVacancy.cancelVacancy(s.actor, id);
    throw new RedirectTo(`${P.vacancies}/${id}?klart=installt`);
  }

  @Get(`${P.vacancies.slice(1)}/franvaro/:id/stall-in`)
  async confirmCancelAbsence(@PageSession() s: WebSession, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response) {
    const absence = await this.absences.getAbsence(s.actor, id);
    const unit = (await this.absences.describeMany([absence.vacancies[0].id])).get(absence.vacancies[0].id)!;
    sendPage(
      res,
      confirmCancelPage({
        viewer: viewerOf(s),
        what: 'absence',
        action: `${P.vacancies}/franvaro/${id}/stall-in`,
        back: `${P.vacancies}/${absence.vacancies[0].id}`,
        unit: unit.unitName,
        shifts: absence.vacancies.flatMap((v) => v.shifts),
      }),
    );
  }

  @Post(`${P.vacancies.slice(1)}/franvaro/:id/stall-in`)
  async cancelAbsenceForm(@PageSession() s: WebSession, @Param('id', ParseUUIDPipe) id: string) {
    const absence = await this.cancelVacancy.cancelAbsence(s.actor, id);
    throw new RedirectTo(`${P.vacancies}/${absence.vacancies[0].id}?klart=installt`);
  }

  private async absencePage(s: WebSession, values: AbsenceFormValues, errors: FieldErrors): Promise<string> {
    const [units, qualifications, programmes] = await Promise.all([this.organisation.listUnits(s.actor), this.qualifications.list(), this.programmes.list(s.actor)]);
    return absenceFormPage({
      viewer: viewerOf(s),
      units,
      qualifications: qualifications.map((q) => ({ code: q.code, name: q.name, area: SERVICE_AREA_NAMES[q.serviceArea] })),
      programmes,
      values,
      errors,
    });
  }

  /** Vacancies as list rows: unit and qualification names, offers waiting (two queries for the lot). */
  private async rows(vacancies: VacancyDto[]): Promise<VacancyRow[]> {
    const ids = vacancies.map((v) => v.id);
    const [described, pending] = await Promise.all([this.absences.describeMany(ids), this.offers.pendingCounts(ids)]);
    return vacancies.map((v) => {
      const d = described.get(v.id)!;
      return { id: v.id, status: v.status, unit: d.unitName, qualification: d.qualificationName, shifts: v.shifts, pendingOffers: pending.get(v.id) ?? 0 };
    });
  }

  private async vacancyView(actor: Actor, id: string): Promise<VacancyView> {
    const details = await this.details.get(actor, id);
    const [described, absence] = await Promise.all([this.absences.describeMany([id]), this.absences.getAbsence(actor, details.absenceId)]);
    const d = described.get(id)!;
    const people = await this.substitutes.contacts([...new Set([...details.offers.map((o) => o.substituteId), ...(details.bookedSubstituteId ? [details.bookedSubstituteId] : [])])]);
    const nameOf = (substituteId: string) => {
      const p = people.get(substituteId);
      return p && p.firstName ? `${p.firstName} ${p.lastName}` : 'Raderad vikarie';
    };
    const booked = details.bookedSubstituteId && details.bookingId ? { name: nameOf(details.bookedSubstituteId), phone: people.get(details.bookedSubstituteId)?.phone ?? '', bookingId: details.bookingId } : null;
    return {
      id,
      status: details.status,
      unit: d.unitName,
      address: d.unitAddress,
      qualification: d.qualificationName,
      reason: absence.reason,
      programme: absence.programmeId ? (await this.programmes.get(actor.municipalityId, absence.programmeId)).name : null,
      note: absence.note,
      absenceId: absence.id,
      shifts: details.shifts,
      waveCount: details.waveCount,
      nextWaveAt: details.nextWaveAt,
      offers: details.offers.map((o) => ({ name: nameOf(o.substituteId), wave: o.wave, status: o.status, answeredAt: o.answeredAt, expiresAt: o.expiresAt })),
      booked,
    };
  }

  /**
   * Whom staff may book by hand: active substitutes holding the vacancy's qualification, verified; each with
   * the nearest LAS limit booking this vacancy would bring within the warning margin (one query for all).
   */
  private async bookForm(actor: Actor, vacancy: VacancyView, substituteId: string, errors: FieldErrors): Promise<BookByHandForm> {
    if (!['open', 'offering', 'unfilled'].includes(vacancy.status)) return { candidates: [], substituteId, errors };
    const code = (await this.absences.describeMany([vacancy.id])).get(vacancy.id)!.qualificationCode;
    const query = Object.assign(new ListSubstitutesQuery(), { status: 'active', qualification: code, limit: 500, offset: 0 });
    const people = (await this.substitutes.list(actor, query)).filter((p) => p.qualifications.some((q) => q.code === code && q.verified));
    const las = await this.las.warningsIfBooked(actor.municipalityId, people.map((p) => p.id), { dates: vacancy.shifts.map((shift) => toLocalDate(shift.start)), form: lasFormOf(vacancy.reason) });
    const candidates = people
      .map((p) => ({ id: p.id, name: `${p.lastName}, ${p.firstName}`, las: las.has(p.id) ? lasWarningText(las.get(p.id)![0]) : null }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    return { candidates, substituteId, errors };
  }
}

function flash(done: unknown) {
  return typeof done === 'string' && DONE[done] ? { text: DONE[done] } : undefined;
}
