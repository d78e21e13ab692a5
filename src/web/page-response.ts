import type { Response } from 'express';
import { PAGE_CSP } from './site-css';

/** Sends a page: never cached (it is personal), under the pages' content security policy. */
export function sendPage(res: Response, page: string, status = 200): void {
  res.status(status).setHeader('Content-Security-Policy', PAGE_CSP).setHeader('Cache-Control', 'no-store').type('html').send(page);
}
