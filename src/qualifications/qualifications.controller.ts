import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { QualificationsService } from './qualifications.service';

@ApiTags('qualifications')
@Controller('api/v1/qualifications')
export class QualificationsController {
  constructor(private readonly qualifications: QualificationsService) {}

  /** The qualification catalogue shared by all municipalities. */
  @Public()
  @Get()
  async list() {
    const all = await this.qualifications.list();
    return all.map(({ code, name, serviceArea }) => ({ code, name, serviceArea }));
  }
}
