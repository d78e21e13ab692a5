import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { AppError } from '../common/errors';
import { html } from './html';
import { renderPage } from './layout';
import { ForeignPost, RedirectTo } from './page-session';
import { PAGE_CSP } from './site-css';

/** Errors on the pages are pages too, in Swedish; a redirect is a 303. */
@Catch()
export class PageErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const staff = host.switchToHttp().getRequest<Request>().path.startsWith('/personal');
    if (exception instanceof RedirectTo) {
      res.redirect(303, exception.location);
      return;
    }
    const status = exception instanceof AppError ? exception.status : exception instanceof HttpException ? exception.getStatus() : exception instanceof ForeignPost ? 403 : 500;
    const [title, text] = messageFor(status, exception);
    if (status >= 500) this.logger.error({ errorId: text.errorId, err: exception }, 'Page failed');
    res
      .status(status)
      .setHeader('Content-Security-Policy', PAGE_CSP)
      .setHeader('Cache-Control', 'no-store')
      .type('html')
      .send(renderPage({ title, main: html`<h1>${title}</h1><p>${text.message}</p><p>${staff ? html`<a href="/personal">Till startsidan</a>` : html`<a href="/vikarie">Till Mina sidor</a>`}</p>` }));
  }
}

function messageFor(status: number, exception: unknown): [string, { message: string; errorId?: string }] {
  if (exception instanceof ForeignPost) return ['Formuläret har gått ut', { message: 'Sidan var för gammal eller kom från en annan webbplats. Gå tillbaka, ladda om sidan och försök igen.' }];
  if (status === 404) return ['Sidan finns inte', { message: 'Vi hittar inte det du letar efter. Kontrollera adressen, eller gå till dina sidor.' }];
  if (status === 429) return ['För många försök', { message: 'Vänta en stund och försök sedan igen.' }];
  if (status < 500) return ['Det gick inte', { message: 'Det du försökte göra gick inte. Gå tillbaka och försök igen.' }];
  const errorId = randomUUID();
  return ['Något gick fel', { message: `Något gick fel hos oss. Försök igen om en stund. Om felet kvarstår, ange felkod ${errorId} när du kontaktar bemanningen.`, errorId }];
}
