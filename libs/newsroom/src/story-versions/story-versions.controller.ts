import { BadRequestException, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_ERROR_CODES } from '@syn/api-errors';
import { StoryVersionLog } from './story-version-log';

const badParam = (field: string, rule: string, message: string) => () =>
  new BadRequestException({
    statusCode: 400,
    code: API_ERROR_CODES.invalidInput,
    message: [`${field}: ${message}`],
    fields: [field],
    errors: [{ field, code: rule, params: {}, message: `${field}: ${message}` }],
  });
const uuid = new ParseUUIDPipe({ exceptionFactory: badParam('id', 'isUUID', 'must be a UUID') });
const versionNumber = new ParseIntPipe({ exceptionFactory: badParam('version', 'isInt', 'must be a whole number') });

@ApiTags('stories (稿件)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/stories/:id/versions')
export class StoryVersionsController {
  constructor(private readonly versions: StoryVersionLog) {}

  @Get()
  @ApiOperation({ summary: 'Every version of a story, newest first: version, kind, when, by whom, title, content hash' })
  list(@Param('center') center: string, @Param('id', uuid) id: string) {
    return this.versions.list(center, id).then((items) => ({ items }));
  }

  @Get(':version')
  @ApiOperation({ summary: 'One version of a story with its full content, to compare side by side' })
  get(@Param('center') center: string, @Param('id', uuid) id: string, @Param('version', versionNumber) version: number) {
    return this.versions.get(center, id, version);
  }
}
