import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../access/access.decorators';
import { LIVE_SCRIPT, LIVE_SCRIPT_PATH } from './live-script';
import { SITE_CSS, STYLESHEET_PATH } from './site-css';

@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller()
export class AssetsController {
  /** Named by its content's hash, so it can be cached for a year. */
  @Get(STYLESHEET_PATH.slice(1))
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=31536000, immutable')
  stylesheet(): string {
    return SITE_CSS;
  }

  @Get(LIVE_SCRIPT_PATH.slice(1))
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=31536000, immutable')
  liveScript(): string {
    return LIVE_SCRIPT;
  }
}
