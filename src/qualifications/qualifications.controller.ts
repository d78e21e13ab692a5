import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../access/access.decorators';
import { QualificationDto } from './dto/qualification.dto';
import { QualificationsService } from './qualifications.service';

@ApiTags('qualifications')
@Controller('api/v1/qualifications')
export class QualificationsController {
  constructor(private readonly qualifications: QualificationsService) {}

  /** The qualification catalogue shared by all municipalities. */
  @Public()
  @Get()
  @ApiOkResponse({ type: [QualificationDto] })
  list(): Promise<QualificationDto[]> {
    return this.qualifications.list();
  }
}
