import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DateTime } from 'luxon';
import { AccountService } from '../account/account.service';
import type { Actor } from '../access/actor';
import { Public } from '../access/access.decorators';
import type { WebSession } from '../auth/web-sessions.service';
import { BookingsService } from '../bookings/bookings.service';
import { LasService } from '../bookings/las.service';
import { AppError, ErrorCode } from '../common/errors';
import { LOCAL_ZONE, toLocalDate } from '../common/time';
import { OrganisationService } from '../organisation/organisation.service';
import { QualificationsService } from '../qualifications/qualifications.service';
import type { SubstituteDto } from '../substitutes/dto/substitute.dto';
import { ListSubstitutesQuery } from '../substitutes/dto/list-substitutes.query';
import type { UpdateSubstituteDto } from '../substitutes/dto/update-substitute.dto';
import { SubstitutesService } from '../substitutes/substitutes.service';
import { FieldErrors, listOf, textOf } from './forms';
import type { PageFrame } from './layout';
import { PageErrorsFilter } from './page-errors.filter';
import { sendPage } from './page-response';
import { PageGuard, PageSession, RedirectTo, SignedInPages } from './page-session';
import { STAFF_PAGES as P } from './pages/staff-parts';
import {
  confirmRemovePage,
  lasWarningsPage,
  SUBSTITUTE_LISTS,
  substituteListPage,
  SubstituteListFilters,
  SubstituteProfile,
  substituteProfilePage,
  SUBSTITUTES_PER_PAGE,
  validUntilField,
  VERIFY_ERRORS,
  VerifyForm,
  verifyFormOf,
} from './pages/staff-substitutes.page';
import type { StaffViewer } from './pages/staff-vacancies.page';

/** What the profile says after an action (the action redirects with ?klart=<key>). */
const DONE: Record<string, string> = {
  godkand: 'Vikarien är godkänd och aktiv. Hen kan nu få erbjudanden på de kontrollerade behörigheterna.',
  sparad: 'Behörigheterna är sparade.',
  pausad: 'Vikarien är pausad och får inga erbjudanden förrän du aktiverar hen igen.',
  aktiverad: 'Vikarien är aktiv och kan få erbjudanden.',
  borttagen: 'Vikarien är borttagen ur poolen och får inga fler erbjudanden.',
};

/** Why an action was refused (the action redirects with ?fel=<key>). */
const REFUSED: Record<string, string> = {
  'ej-kontrollerad': 'Vikarien har inte godkänts än. Kontrollera behörigheterna och godkänn hen i formuläret nedan.',
  andrad: 'Vikarien ändrades samtidigt av någon annan. Se uppgifterna nedan och försök igen.',
};

/** What the API's refusals of an update say here, by error code; anything else is the error page. */
const UPDATE_REFUSED: Partial<Record<string, string>> = {
  [ErrorCode.CONFLICT]: 'andrad',
  [ErrorCode.INVALID_STATE]: 'andrad',
};

/** A malformed id names no page: 404, as an unknown one. */
const SubstituteId = () => Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException() }));

const viewerOf = (s: WebSession): StaffViewer => ({ role: s.actor.role, csrf: s.csrfToken });

/** The staffing team's pages of the pool: the verification queue, each substitute's profile, and their status. */
@ApiExcludeController()
@Public()
@SignedInPages(['admin'], P.signIn)
@UseGuards(PageGuard)
@UseFilters(PageErrorsFilter)
@Controller()
export class StaffSubstitutesController {
  constructor(
    private readonly substitutes: SubstitutesService,
    private readonly account: AccountService,
    private readonly bookings: BookingsService,
    private readonly las: LasService,
    private readonly qualifications: QualificationsService,
    private readonly organisation: OrganisationService,
  ) {}

  @Get(P.substitutes.slice(1))
  async list(
    @PageSession() s: WebSession,
    @Query('status') status: unknown,
    @Query('namn') name: unknown,
    @Query('behorighet') qualification: unknown,
    @Query('omrade') district: unknown,
    @Query('sida') page: unknown,
    @Res() res: Response,
  ) {
    const [qualifications, districts] = await Promise.all([this.qualifications.list(), this.organisation.districts(s.actor.municipalityId)]);
    // The API's names of the statuses (?status=pending) lead to the same lists as the page's own.
    const list = SUBSTITUTE_LISTS.find((l) => l.value === status || (l.status !== undefined && l.status === status)) ?? SUBSTITUTE_LISTS[0];
    const filters: SubstituteListFilters = {
      list: list.value,
      name: textOf(name).trim().slice(0, 100),
      // An unknown qualification or district (an old link) filters nothing, rather than finding no one.
      qualification: qualifications.some((q) => q.code === qualification) ? textOf(qualification) : '',
      district: districts.includes(textOf(district)) ? textOf(district) : '',
      page: Math.min(Math.max(Number.parseInt(textOf(page), 10) || 1, 1), 10_000),
    };
    const query = Object.assign(new ListSubstitutesQuery(), {
      status: list.status,
      name: filters.name || undefined,
      qualification: filters.qualification || undefined,
      district: filters.district || undefined,
      // One more than a page, to know whether there is a next one.
      limit: SUBSTITUTES_PER_PAGE + 1,
      offset: (filters.page - 1) * SUBSTITUTES_PER_PAGE,
    });
    const people = await this.substitutes.list(s.actor, query);
    sendPage(
      res,
      substituteListPage({
        viewer: viewerOf(s),
        people: people.slice(0, SUBSTITUTES_PER_PAGE),
        filters,
        hasNext: people.length > SUBSTITUTES_PER_PAGE,
        qualifications: qualifications.map((q) => ({ code: q.code, name: q.name })).sort((a, b) => a.name.localeCompare(b.name, 'sv')),
        districts,
        today: toLocalDate(new Date()),
      }),
    );
  }

  /** Substitutes near a LAS limit; before the profile's route, whose :id would take "las". */
  @Get(`${P.substitutes.slice(1)}/las`)
  async lasWarnings(@PageSession() s: WebSession, @Res() res: Response) {
    const today = toLocalDate(new Date());
    const [rows, settings] = await Promise.all([this.las.warningList(s.actor, today), this.bookings.workingTimeSettings(s.actor.municipalityId)]);
    sendPage(res, lasWarningsPage({ viewer: viewerOf(s), rows, warningDays: settings.lasWarningDays, today }));
  }

  @Get(`${P.substitutes.slice(1)}/:id`)
  async profile(@PageSession() s: WebSession, @SubstituteId() id: string, @Query('klart') done: unknown, @Query('fel') refused: unknown, @Res() res: Response) {
    const profile = await this.profileOf(s.actor, id);
    sendPage(res, substituteProfilePage({ viewer: viewerOf(s), profile, form: verifyFormOf(profile.person), flash: flash(done, refused) }));
  }

  /** Verify qualifications and set when they run out; with `aktivera`, approve a pending substitute too. */
  @Post(`${P.substitutes.slice(1)}/:id/behorigheter`)
  async verify(@PageSession() s: WebSession, @SubstituteId() id: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const person = await this.substitutes.get(s.actor, id);
    // Approving is for a sign-up; a form left open while someone else acted on it only saves.
    const activate = textOf(body.aktivera) === 'ja' && person.status === 'pending';
    const form: VerifyForm = {
      checked: [...new Set(listOf(body.kontrollerad))],
      validUntil: Object.fromEntries(person.qualifications.map((q) => [q.code, textOf(body[validUntilField(q.code)]).trim()])),
      errors: {},
    };
    const dto = await this.verifyDto(person, form, activate);
    if (dto) {
      try {
        await this.substitutes.update(s.actor, id, dto);
        throw new RedirectTo(`${P.substitutes}/${id}?klart=${activate ? 'godkand' : 'sparad'}`);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== ErrorCode.VALIDATION_FAILED) throw refusal(id, error);
        // The service's own checks, said next to the field they concern.
        for (const detail of error.details) {
          const code = /^qualificationValidUntil\.(.+)$/.exec(detail.field)?.[1];
          if (code && form.validUntil[code] !== undefined) form.errors[validUntilField(code)] = this.dateError(code, VERIFY_ERRORS.date, await this.names());
          else form.errors.kontrollerad = VERIFY_ERRORS.unknown;
        }
        if (Object.keys(form.errors).length === 0) form.errors.kontrollerad = VERIFY_ERRORS.unknown;
      }
    }
    const profile = await this.profileOf(s.actor, id, person);
    sendPage(res, substituteProfilePage({ viewer: viewerOf(s), profile, form }), 400);
  }

  @Post(`${P.substitutes.slice(1)}/:id/pausa`)
  async pause(@PageSession() s: WebSession, @SubstituteId() id: string) {
    const person = await this.substitutes.get(s.actor, id);
    if (person.status === 'pending') throw new RedirectTo(`${P.substitutes}/${id}?fel=ej-kontrollerad`);
    // A pause is for someone in the pool: one removed stays removed.
    if (person.status === 'removed') throw new RedirectTo(`${P.substitutes}/${id}`);
    if (person.status === 'active') await this.setStatus(s.actor, id, 'paused');
    throw new RedirectTo(`${P.substitutes}/${id}?klart=pausad`);
  }

  @Post(`${P.substitutes.slice(1)}/:id/aktivera`)
  async activate(@PageSession() s: WebSession, @SubstituteId() id: string) {
    const person = await this.substitutes.get(s.actor, id);
    // A sign-up is approved with its qualifications checked, in the form on the profile.
    if (person.status === 'pending') throw new RedirectTo(`${P.substitutes}/${id}?fel=ej-kontrollerad`);
    await this.setStatus(s.actor, id, 'active');
    throw new RedirectTo(`${P.substitutes}/${id}?klart=aktiverad`);
  }

  @Get(`${P.substitutes.slice(1)}/:id/ta-bort`)
  async confirmRemove(@PageSession() s: WebSession, @SubstituteId() id: string, @Res() res: Response) {
    const person = await this.substitutes.get(s.actor, id);
    if (person.status === 'removed') throw new RedirectTo(`${P.substitutes}/${id}?klart=borttagen`);
    const now = new Date();
    const upcoming = (await this.account.bookingsOf(id)).filter((b) => b.status === 'confirmed' && b.startsAt > now).length;
    sendPage(res, confirmRemovePage({ viewer: viewerOf(s), person, upcoming }));
  }

  @Post(`${P.substitutes.slice(1)}/:id/ta-bort`)
  async remove(@PageSession() s: WebSession, @SubstituteId() id: string) {
    await this.setStatus(s.actor, id, 'removed');
    throw new RedirectTo(`${P.substitutes}/${id}?klart=borttagen`);
  }

  private async setStatus(actor: Actor, id: string, status: 'active' | 'paused' | 'removed'): Promise<void> {
    try {
      await this.substitutes.update(actor, id, { status });
    } catch (error) {
      throw refusal(id, error);
    }
  }

  /**
   * The update the form asks for, or null with its errors set: ticked qualifications must be held and not yet
   * verified; a date must be a real one, not passed; approving needs a verified qualification.
   */
  private async verifyDto(person: SubstituteDto, form: VerifyForm, activate: boolean): Promise<UpdateSubstituteDto | null> {
    const names = await this.names();
    const unverified = new Set(person.qualifications.filter((q) => !q.verified).map((q) => q.code));
    const today = toLocalDate(new Date());
    const verify = form.checked.filter((code) => unverified.has(code));
    if (form.checked.some((code) => !person.qualifications.some((q) => q.code === code))) form.errors.kontrollerad = VERIFY_ERRORS.unknown;
    const validUntil: Record<string, string | null> = {};
    for (const q of person.qualifications) {
      const written = form.validUntil[q.code];
      if (written === (q.validUntil ?? '')) continue;
      if (written === '') {
        validUntil[q.code] = null;
        continue;
      }
      const date = DateTime.fromISO(written, { zone: LOCAL_ZONE });
      if (!/^\d{4}-\d{2}-\d{2}$/.test(written) || !date.isValid) form.errors[validUntilField(q.code)] = this.dateError(q.code, VERIFY_ERRORS.date, names);
      else if (written < today) form.errors[validUntilField(q.code)] = this.dateError(q.code, VERIFY_ERRORS.pastDate, names);
      else validUntil[q.code] = written;
    }
    const verifiedAfter = verify.length + person.qualifications.filter((q) => q.verified).length;
    if (!form.errors.kontrollerad) {
      if (activate && verifiedAfter === 0) form.errors.kontrollerad = VERIFY_ERRORS.nothingChecked;
      else if (!activate && verify.length === 0 && Object.keys(validUntil).length === 0 && Object.keys(form.errors).length === 0) form.errors.kontrollerad = VERIFY_ERRORS.nothingToSave;
    }
    if (Object.keys(form.errors).length > 0) {
      // The summary reads top down: the ticks first, then the dates in the order of the form.
      const order = ['kontrollerad', ...person.qualifications.map((q) => validUntilField(q.code))];
      form.errors = Object.fromEntries(Object.entries(form.errors).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))) as FieldErrors;
      return null;
    }
    return {
      ...(activate ? { status: 'active' as const } : {}),
      ...(verify.length > 0 ? { verifiedQualifications: verify } : {}),
      ...(Object.keys(validUntil).length > 0 ? { qualificationValidUntil: validUntil } : {}),
    };
  }

  private dateError(code: string, problem: string, names: Record<string, string>): string {
    return `${names[code] ?? code}, giltig till: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`;
  }

  private async names(): Promise<Record<string, string>> {
    return Object.fromEntries((await this.qualifications.list()).map((q) => [q.code, q.name]));
  }

  /** Everything the profile shows; the substitute first, so that one of another municipality is a 404 before anything else is read. */
  private async profileOf(actor: Actor, id: string, known?: SubstituteDto): Promise<SubstituteProfile> {
    const person = known ?? (await this.substitutes.get(actor, id));
    const now = new Date();
    const [qualificationNames, bookings, las] = await Promise.all([this.names(), this.account.bookingsOf(person.id), this.las.assess(actor.municipalityId, person.id, toLocalDate(now))]);
    return { person, qualificationNames, bookings, las, now };
  }
}

/** A refusal the profile can explain goes back to it with its reason; anything else (a 404 too) is the error page. */
function refusal(id: string, error: unknown): unknown {
  if (error instanceof AppError && UPDATE_REFUSED[error.code]) return new RedirectTo(`${P.substitutes}/${id}?fel=${UPDATE_REFUSED[error.code]}`);
  return error;
}

function flash(done: unknown, refused: unknown): PageFrame['flash'] {
  if (typeof refused === 'string' && REFUSED[refused]) return { text: REFUSED[refused], error: true };
  return typeof done === 'string' && DONE[done] ? { text: DONE[done] } : undefined;
}
