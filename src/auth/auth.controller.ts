import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../access/access.decorators';
import { ApiErrors } from '../common/api-docs';
import { AuthService } from './auth.service';
import { CodeRequestDto, CodeRequestedDto, CodeVerifyDto } from './dto/code.dto';
import { LoginDto } from './dto/login.dto';
import { SignedInDto } from './dto/signed-in.dto';
import { SignInCodes } from './sign-in-codes.use-case';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly codes: SignInCodes,
  ) {}

  /**
   * Staff sign-in. Guessing is slowed per account, whatever the address (locked from the fifth wrong
   * password in an hour, for 30 seconds doubling to an hour), and per address (IPv6 by /64), with 429.
   */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: SignedInDto })
  @ApiErrors(401)
  login(@Body() dto: LoginDto, @Req() req: Request): Promise<SignedInDto> {
    return this.auth.login(dto.email, dto.password, req.ip);
  }

  /** A substitute asks for a one-time code by SMS (phone) or email. The answer is the same for anyone. */
  @Public()
  @Post('code')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: CodeRequestedDto })
  async requestCode(@Body() dto: CodeRequestDto, @Req() req: Request): Promise<CodeRequestedDto> {
    await this.codes.request(dto, req.ip);
    return { status: 'received' };
  }

  /** The code answered: an access token for the substitute. */
  @Public()
  @Post('code/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: SignedInDto })
  @ApiErrors(401)
  verifyCode(@Body() dto: CodeVerifyDto, @Req() req: Request): Promise<SignedInDto> {
    return this.codes.verify(dto, req.ip);
  }
}
