import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganisationModule } from '../organisation/organisation.module';
import { SubstitutesModule } from '../substitutes/substitutes.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { OneTimeCodeRepository } from './one-time-code.repository';
import { SignInAttempts } from './sign-in-attempts';
import { SignInCodes } from './sign-in-codes.use-case';
import { WebSessionRepository } from './web-session.repository';
import { WebSessions } from './web-sessions.service';

@Module({
  imports: [
    NotificationsModule,
    OrganisationModule,
    SubstitutesModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A key object, not the string: given a string, jsonwebtoken first tries to read it as a public key on
        // every call, which was about 8% of the api's CPU.
        secret: createSecretKey(Buffer.from(config.jwtSecret)),
        signOptions: { expiresIn: config.JWT_TTL_SECONDS, issuer: 'vikariebanken' },
        verifyOptions: { issuer: 'vikariebanken', algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, SignInAttempts, OneTimeCodeRepository, SignInCodes, WebSessionRepository, WebSessions, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, SignInCodes, WebSessions],
})
export class AuthModule {}
