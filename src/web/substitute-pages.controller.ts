import { isUUID } from 'class-validator';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DateTime } from 'luxon';
import type { Request, Response } from 'express';
import { AccountService } from '../account/account.service';
import { EraseSubstitute } from '../account/erase-substitute.use-case';
import { ExportSubstituteData } from '../account/export-substitute-data.use-case';
import { expandSchedule } from '../absences/expand-shifts';
import { Public } from '../access/access.decorators';
import { SignInCodes } from '../auth/sign-in-codes.use-case';
import { WebSession, WebSessions } from '../auth/web-sessions.service';
import { ScheduleConflict } from '../bookings/bookings.service';
import { CancelBooking } from '../bookings/cancel-booking.use-case';
import { LasService } from '../bookings/las.service';
import { WORKING_TIME_RULE_NAMES, workingTimeRefusal } from '../notifications/templates/working-time-texts';
import { AppError, ErrorCode } from '../common/errors';
import { fromWallClock, LOCAL_ZONE, toLocalDate } from '../common/time';
import { AppConfig } from '../config/app-config';
import { offerToken } from '../notifications/credentials';
import { AnswerOffer } from '../offers/answer-offer.use-case';
import { OrganisationService } from '../organisation/organisation.service';
import { QualificationsService } from '../qualifications/qualifications.service';
import { BookVacancy } from '../staffing/book-vacancy.use-case';
import { normalisePhone } from '../substitutes/phone';
import { SubstitutesService } from '../substitutes/substitutes.service';
import { FieldErrors, listOf, textOf } from './forms';
import { PageErrorsFilter } from './page-errors.filter';
import { sendPage } from './page-response';
import { CsrfToken, PageGuard, PageSession, RedirectTo, secureCookies, SESSION_COOKIE, SignedInPages, cookiesOf } from './page-session';
import { AVAILABILITY_ERRORS, availabilityPage, AvailabilityForms, weekStart } from './pages/substitute-availability.page';
import { bookingsPage, cancelBookingPage } from './pages/substitute-bookings.page';
import { homePage, offersPage } from './pages/substitute-home.page';
import { erasedPage, erasePage, myDataPage, openVacanciesPage, PROFILE_ERRORS, profilePage } from './pages/substitute-profile.page';
import { codePage, SIGN_IN_ERRORS, signInPage } from './pages/sign-in.page';
import { SUBSTITUTE_PAGES as P } from './pages/page-parts';


/** What a page says after an action (the action redirects with ?klart=<key>). */
const DONE: Record<string, string> = {
  'tackat-ja': 'Tack! Du är bokad. En bekräftelse kommer med SMS och e-post.',
  'tackat-nej': 'Du har tackat nej till erbjudandet.',
  avbokad: 'Bokningen är avbokad. Enheten har fått veta det.',
  tagen: 'Du har tagit vikariatet och är bokad. En bekräftelse kommer med SMS och e-post.',
  sparad: 'Dina ändringar är sparade.',
  tillagd: 'Tiden är tillagd.',
  borttagen: 'Tiden är borttagen.',
};

/** What a refused answer or booking says, by the API's error code. */
const REFUSED: Partial<Record<string, string>> = {
  [ErrorCode.VACANCY_TAKEN]: 'Vikariatet är redan tillsatt: någon annan hann före.',
  [ErrorCode.OFFER_WITHDRAWN]: 'Erbjudandet gäller inte längre, till exempel för att vikariatet har ställts in.',
  [ErrorCode.OFFER_EXPIRED]: 'Tiden för att svara har gått ut.',
  [ErrorCode.OFFER_ANSWERED]: 'Du har redan svarat på erbjudandet.',
  [ErrorCode.SCHEDULE_CONFLICT]: 'Det krockar med ett pass du redan är bokad på, eller med reglerna för vila och arbetstid.',
  ...Object.fromEntries(WORKING_TIME_RULE_NAMES.map((rule) => [rule, workingTimeRefusal(rule, null, 'du')])),
  [ErrorCode.NOT_ELIGIBLE]: 'Vikariatet passar inte dina kompetenser, områden eller tider.',
};

/** A substitute signs in to their pages with a one-time code. */
@ApiExcludeController()
@Public()
@UseGuards(PageGuard)
@UseFilters(PageErrorsFilter)
@Controller()
export class SubstituteSignInController {
  constructor(
    private readonly organisation: OrganisationService,
    private readonly codes: SignInCodes,
    private readonly sessions: WebSessions,
    private readonly config: AppConfig,
  ) {}

  @Get(P.signIn.slice(1))
  async form(@Query('kommun') kommun: unknown, @CsrfToken() csrf: string, @Res() res: Response) {
    sendPage(res, signInPage({ municipalities: await this.organisation.listMunicipalities(), municipalityId: textOf(kommun), contact: '', errors: {}, csrf }));
  }

  @Post(P.signIn.slice(1))
  async requestCode(@Body() body: Record<string, unknown>, @Req() req: Request, @CsrfToken() csrf: string, @Res() res: Response) {
    const municipalityId = textOf(body.municipalityId);
    const contact = textOf(body.contact).trim();
    const errors: FieldErrors = {};
    if (!isUUID(municipalityId) || !(await this.organisation.municipality(municipalityId))) errors.municipalityId = SIGN_IN_ERRORS.municipalityId;
    const byEmail = contact.includes('@');
    if (byEmail ? !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact) : !normalisePhone(contact)) errors.contact = SIGN_IN_ERRORS.contact;
    if (Object.keys(errors).length > 0) {
      return sendPage(res, signInPage({ municipalities: await this.organisation.listMunicipalities(), municipalityId, contact, errors, csrf }), 400);
    }
    await this.codes.request(byEmail ? { municipalityId, email: contact.toLowerCase() } : { municipalityId, phone: contact }, req.ip);
    sendPage(res, codePage({ municipalityId, contact, byEmail, errors: {}, csrf }));
  }

  @Post(`${P.signIn.slice(1)}/kod`)
  async verify(@Body() body: Record<string, unknown>, @Req() req: Request, @CsrfToken() csrf: string, @Res() res: Response) {
    const municipalityId = textOf(body.municipalityId);
    const contact = textOf(body.contact).trim();
    const code = textOf(body.code).replace(/\s+/g, '');
    const byEmail = contact.includes('@');
    if (!isUUID(municipalityId) || !/^\d{6}$/.test(code)) {
      return sendPage(res, codePage({ municipalityId, contact, byEmail, errors: { code: SIGN_IN_ERRORS.code }, csrf }), 400);
    }
    try {
      const signedIn = await this.codes.verify({ municipalityId, code, ...(byEmail ? { email: contact.toLowerCase() } : { phone: contact }) }, req.ip);
      const { token, expiresAt } = await this.sessions.start({ ...signedIn.user, unitIds: [] });
      res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secureCookies(this.config), path: '/', expires: expiresAt });
      throw new RedirectTo(P.home);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== ErrorCode.INVALID_CODE) throw error;
      sendPage(res, codePage({ municipalityId, contact, byEmail, errors: { code: SIGN_IN_ERRORS.code }, csrf }), 400);
    }
  }
}

/** A signed-in substitute's own pages. */
@ApiExcludeController()
@Public()
@SignedInPages(['substitute'], P.signIn)
@UseGuards(PageGuard)
@UseFilters(PageErrorsFilter)
@Controller()
export class SubstitutePagesController {
  constructor(
    private readonly account: AccountService,
    private readonly substitutes: SubstitutesService,
    private readonly organisation: OrganisationService,
    private readonly qualifications: QualificationsService,
    private readonly answers: AnswerOffer,
    private readonly cancelBooking: CancelBooking,
    private readonly las: LasService,
    private readonly takeVacancy: BookVacancy,
    private readonly exportData: ExportSubstituteData,
    private readonly erase: EraseSubstitute,
    private readonly sessions: WebSessions,
    private readonly config: AppConfig,
  ) {}

  @Get(P.home.slice(1))
  async home(@PageSession() s: WebSession, @Query('klart') done: unknown, @Res() res: Response) {
    const [me, las] = await Promise.all([this.account.me(s.actor), this.las.assess(s.actor.municipalityId, s.actor.id)]);
    sendPage(res, homePage({ me: me.substitute!, offers: me.offers!, bookings: me.bookings!, las, csrf: s.csrfToken, flash: flash(done) }));
  }

  @Post(P.signOut.slice(1))
  async signOut(@Req() req: Request, @Res() res: Response) {
    await this.sessions.end(cookiesOf(req)[SESSION_COOKIE]);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    throw new RedirectTo(P.signIn);
  }

  @Get(P.offers.slice(1))
  async offers(@PageSession() s: WebSession, @Query('klart') done: unknown, @Query('fel') refused: unknown, @Res() res: Response) {
    sendPage(res, offersPage({ offers: await this.account.pendingOffers(s.actor.id), csrf: s.csrfToken, flash: flash(done, refused) }));
  }

  @Post(`${P.offers.slice(1)}/:id/:answer`)
  async answer(@PageSession() s: WebSession, @Param('id') id: string, @Param('answer') answer: string) {
    const offer = isUUID(id) ? (await this.account.pendingOffers(s.actor.id)).find((o) => o.id === id) : undefined;
    if (!offer || (answer !== 'ja' && answer !== 'nej')) throw new RedirectTo(`${P.offers}?fel=${ErrorCode.OFFER_WITHDRAWN}`);
    const token = offerToken(this.config.offerTokenSecret, offer.id);
    await refusedTo(P.offers, () => (answer === 'ja' ? this.answers.accept(token) : this.answers.decline(token)));
    throw new RedirectTo(answer === 'ja' ? `${P.bookings}?klart=tackat-ja` : `${P.offers}?klart=tackat-nej`);
  }

  @Get(P.bookings.slice(1))
  async bookings(@PageSession() s: WebSession, @Query('klart') done: unknown, @Res() res: Response) {
    sendPage(res, bookingsPage({ bookings: await this.account.bookingsOf(s.actor.id), csrf: s.csrfToken, now: new Date(), flash: flash(done) }));
  }

  @Get(`${P.bookings.slice(1)}/:id/avboka`)
  async cancelForm(@PageSession() s: WebSession, @Param('id') id: string, @Res() res: Response) {
    sendPage(res, cancelBookingPage({ booking: await this.upcomingBooking(s, id), reason: '', errors: {}, csrf: s.csrfToken }));
  }

  @Post(`${P.bookings.slice(1)}/:id/avboka`)
  async cancel(@PageSession() s: WebSession, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const booking = await this.upcomingBooking(s, id);
    const reason = textOf(body.reason).trim();
    if (reason === '' || reason.length > 500) {
      return sendPage(res, cancelBookingPage({ booking, reason, errors: { reason: 'Skriv kort varför du avbokar, högst 500 tecken.' }, csrf: s.csrfToken }), 400);
    }
    await this.cancelBooking.run(s.actor, booking.id, reason);
    throw new RedirectTo(`${P.bookings}?klart=avbokad`);
  }

  @Get(P.availability.slice(1))
  async availability(@PageSession() s: WebSession, @Query('vecka') week: unknown, @Query('klart') done: unknown, @Res() res: Response) {
    sendPage(res, await this.availabilityPage(s, week, emptyForms(), flash(done)));
  }

  @Post(`${P.availability.slice(1)}/lagg-till`)
  async addTime(@PageSession() s: WebSession, @Query('vecka') week: unknown, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const forms = emptyForms();
    forms.add = { date: textOf(body.date), startTime: textOf(body.startTime), endTime: textOf(body.endTime) };
    const errors: FieldErrors = {};
    const day = DateTime.fromISO(forms.add.date, { zone: LOCAL_ZONE });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(forms.add.date) || !day.isValid || forms.add.date < toLocalDate(new Date())) errors.date = AVAILABILITY_ERRORS.date;
    const start = day.isValid && TIME.test(forms.add.startTime) ? fromWallClock({ year: day.year, month: day.month, day: day.day, ...clockOf(forms.add.startTime) }) : null;
    if (!start?.ok) errors.startTime = AVAILABILITY_ERRORS.startTime;
    const endDay = TIME.test(forms.add.endTime) && TIME.test(forms.add.startTime) && forms.add.endTime <= forms.add.startTime ? day.plus({ days: 1 }) : day;
    const end = day.isValid && TIME.test(forms.add.endTime) ? fromWallClock({ year: endDay.year, month: endDay.month, day: endDay.day, ...clockOf(forms.add.endTime) }) : null;
    if (!end?.ok) errors.endTime = AVAILABILITY_ERRORS.endTime;
    if (Object.keys(errors).length > 0 || !start?.ok || !end?.ok) {
      forms.errors.add = errors;
      return sendPage(res, await this.availabilityPage(s, week, forms), 400);
    }
    await this.substitutes.addAvailability(s.actor, s.actor.id, [{ start: start.instant, end: end.instant }]);
    throw new RedirectTo(`${P.availability}?vecka=${weekOf(day)}&klart=tillagd`);
  }

  @Post(`${P.availability.slice(1)}/upprepa`)
  async repeatTimes(@PageSession() s: WebSession, @Query('vecka') week: unknown, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const forms = emptyForms();
    forms.repeat = { from: textOf(body.from), to: textOf(body.to), weekdays: listOf(body.weekdays), startTime: textOf(body.startTime), endTime: textOf(body.endTime) };
    const errors: FieldErrors = {};
    const { from, to, weekdays, startTime, endTime } = forms.repeat;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !DateTime.fromISO(from).isValid || from < toLocalDate(new Date())) errors.from = AVAILABILITY_ERRORS.from;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(to) || !DateTime.fromISO(to).isValid || to < from || to > DateTime.fromISO(from).plus({ years: 1 }).toISODate()!) errors.to = AVAILABILITY_ERRORS.to;
    const days = weekdays.map(Number).filter((d) => Number.isInteger(d) && d >= 1 && d <= 7);
    if (days.length === 0 || days.length !== weekdays.length) errors.weekdays = AVAILABILITY_ERRORS.weekdays;
    if (!TIME.test(startTime)) errors.startTime = AVAILABILITY_ERRORS.startTime;
    if (!TIME.test(endTime)) errors.endTime = AVAILABILITY_ERRORS.endTime;
    const expansion = Object.keys(errors).length === 0 ? expandSchedule({ from, to, weekdays: days, startTime, endTime }) : null;
    // A time the clocks skip, or no chosen weekday in the period: said next to the field it concerns.
    for (const detail of expansion && !expansion.ok ? expansion.details : []) {
      const field = detail.field === 'schedule' ? 'weekdays' : detail.field.replace('schedule.', '');
      errors[field] = AVAILABILITY_ERRORS[field] ?? AVAILABILITY_ERRORS.weekdays;
    }
    if (!expansion?.ok) {
      forms.errors.repeat = errors;
      return sendPage(res, await this.availabilityPage(s, week, forms), 400);
    }
    await this.substitutes.addAvailability(s.actor, s.actor.id, expansion.shifts);
    throw new RedirectTo(`${P.availability}?vecka=${weekOf(DateTime.fromJSDate(expansion.shifts[0].start, { zone: LOCAL_ZONE }))}&klart=tillagd`);
  }

  @Post(`${P.availability.slice(1)}/ta-bort`)
  async removeTime(@PageSession() s: WebSession, @Query('vecka') week: unknown, @Body() body: Record<string, unknown>) {
    const start = new Date(textOf(body.start));
    const end = new Date(textOf(body.end));
    if (!Number.isNaN(start.getTime()) && !Number.isNaN(end.getTime()) && end > start) await this.substitutes.removeAvailability(s.actor, s.actor.id, { start, end });
    throw new RedirectTo(`${P.availability}?vecka=${encodeURIComponent(textOf(week))}&klart=borttagen`);
  }

  @Get(P.open.slice(1))
  async open(@PageSession() s: WebSession, @Query('fel') refused: unknown, @Res() res: Response) {
    sendPage(res, openVacanciesPage({ vacancies: await this.takeVacancy.openFor(s.actor), csrf: s.csrfToken, flash: flash(undefined, refused) }));
  }

  @Post(`${P.open.slice(1)}/:id/ta`)
  async take(@PageSession() s: WebSession, @Param('id') id: string) {
    if (!isUUID(id)) throw new RedirectTo(`${P.open}?fel=${ErrorCode.NOT_ELIGIBLE}`);
    await refusedTo(P.open, () => this.takeVacancy.take(s.actor, id));
    throw new RedirectTo(`${P.bookings}?klart=tagen`);
  }

  @Get(P.profile.slice(1))
  async profile(@PageSession() s: WebSession, @Query('klart') done: unknown, @Res() res: Response) {
    const me = await this.substitutes.get(s.actor, s.actor.id);
    const values = { phone: me.phone, email: me.email, districts: me.districts, paused: me.status === 'paused' && me.pausedBy === 'self' };
    sendPage(res, await this.profilePage(s, values, {}, flash(done)));
  }

  @Post(P.profile.slice(1))
  async saveProfile(@PageSession() s: WebSession, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const values = { phone: textOf(body.phone).trim(), email: textOf(body.email).trim().toLowerCase(), districts: listOf(body.districts), paused: body.paused === 'true' };
    const errors: FieldErrors = {};
    if (!normalisePhone(values.phone)) errors.phone = PROFILE_ERRORS.phone;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) errors.email = PROFILE_ERRORS.email;
    const known = await this.organisation.districts(s.actor.municipalityId);
    if (values.districts.some((d) => !known.includes(d))) errors.districts = PROFILE_ERRORS.districts;
    if (Object.keys(errors).length === 0) {
      const me = await this.substitutes.get(s.actor, s.actor.id);
      // The box is not shown while the staffing team holds a pause: leave that pause alone.
      const paused = (me.status === 'paused' && me.pausedBy === 'self') || me.status === 'active' ? values.paused : undefined;
      try {
        await this.substitutes.updateOwn(s.actor, { phone: values.phone, email: values.email, districts: values.districts, paused });
        throw new RedirectTo(`${P.profile}?klart=sparad`);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        for (const detail of error.details) errors[detail.field] = PROFILE_ERRORS[detail.field] ?? 'Kontrollera det här fältet.';
        if (error.code === ErrorCode.INVALID_STATE) errors.paused = PROFILE_ERRORS.paused;
      }
    }
    sendPage(res, await this.profilePage(s, values, errors), 400);
  }

  @Get(P.myData.slice(1))
  async myData(@PageSession() s: WebSession, @Res() res: Response) {
    const me = await this.account.me(s.actor);
    sendPage(res, myDataPage({ las: me.lasDays!, csrf: s.csrfToken }));
  }

  @Get(`${P.myData.slice(1)}/export`)
  async download(@PageSession() s: WebSession, @Res() res: Response) {
    const data = await this.exportData.run(s.actor, s.actor.id);
    res
      .status(200)
      .setHeader('Cache-Control', 'no-store')
      .setHeader('Content-Disposition', `attachment; filename="vikariebanken-mina-uppgifter-${toLocalDate(new Date())}.json"`)
      .type('application/json')
      .send(JSON.stringify(data, null, 2));
  }

  @Get(`${P.myData.slice(1)}/radera`)
  async eraseForm(@PageSession() s: WebSession, @Res() res: Response) {
    sendPage(res, erasePage({ upcoming: await this.upcomingCount(s), csrf: s.csrfToken }));
  }

  @Post(`${P.myData.slice(1)}/radera`)
  async eraseMe(@PageSession() s: WebSession, @Body() body: Record<string, unknown>, @Res() res: Response) {
    if (body.confirm !== 'true') {
      return sendPage(res, erasePage({ upcoming: await this.upcomingCount(s), error: 'Kryssa i rutan om du vill radera dina uppgifter.', csrf: s.csrfToken }), 400);
    }
    await this.erase.run(s.actor, s.actor.id);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    sendPage(res, erasedPage());
  }

  private async upcomingBooking(s: WebSession, id: string) {
    const now = new Date();
    const booking = isUUID(id) ? (await this.account.bookingsOf(s.actor.id)).find((b) => b.id === id && b.status === 'confirmed' && b.startsAt > now) : undefined;
    if (!booking) throw new RedirectTo(P.bookings);
    return booking;
  }

  private async upcomingCount(s: WebSession): Promise<number> {
    const now = new Date();
    return (await this.account.bookingsOf(s.actor.id)).filter((b) => b.status === 'confirmed' && b.startsAt > now).length;
  }

  private async availabilityPage(s: WebSession, week: unknown, forms: AvailabilityForms, done?: { text: string }) {
    const parsed = typeof week === 'string' && /^\d{4}-W\d{2}$/.test(week) ? DateTime.fromISO(week, { zone: LOCAL_ZONE }) : DateTime.now();
    const monday = weekStart(parsed.isValid ? parsed : DateTime.now());
    return availabilityPage({ monday, windows: await this.substitutes.availability(s.actor, s.actor.id), forms, csrf: s.csrfToken, flash: done });
  }

  private async profilePage(s: WebSession, values: { phone: string; email: string; districts: string[]; paused: boolean }, errors: FieldErrors, done?: { text: string }) {
    const [me, districts, qualifications] = await Promise.all([this.substitutes.get(s.actor, s.actor.id), this.organisation.districts(s.actor.municipalityId), this.qualifications.list()]);
    return profilePage({ me, qualificationNames: Object.fromEntries(qualifications.map((q) => [q.code, q.name])), districts, values, errors, csrf: s.csrfToken, flash: done });
  }
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function clockOf(time: string): { hour: number; minute: number } {
  const [hour, minute] = time.split(':').map(Number);
  return { hour, minute };
}

function weekOf(day: DateTime): string {
  return `${day.weekYear}-W${String(day.weekNumber).padStart(2, '0')}`;
}

function emptyForms(): AvailabilityForms {
  const today = DateTime.now().setZone(LOCAL_ZONE);
  return {
    add: { date: today.toISODate()!, startTime: '07:00', endTime: '16:00' },
    repeat: { from: today.toISODate()!, to: today.plus({ weeks: 8 }).toISODate()!, weekdays: ['1', '2', '3', '4', '5'], startTime: '07:00', endTime: '16:00' },
    errors: {},
  };
}

function flash(done: unknown, refused?: unknown): { text: string; error?: boolean } | undefined {
  if (typeof refused === 'string' && REFUSED[refused]) return { text: REFUSED[refused]!, error: true };
  return typeof done === 'string' && DONE[done] ? { text: DONE[done] } : undefined;
}

/** Runs an action whose refusal (a late answer, a clash) goes back to the page with its Swedish reason. */
async function refusedTo(page: string, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    // A clash names its rule, so the page can say which.
    if (error instanceof ScheduleConflict) throw new RedirectTo(`${page}?fel=${error.rule}`);
    if (error instanceof AppError && REFUSED[error.code]) throw new RedirectTo(`${page}?fel=${error.code}`);
    throw error;
  }
}
