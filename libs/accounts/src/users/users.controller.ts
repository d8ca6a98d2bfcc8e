import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@syn/auth';
import { CreateUserDto, SetPasswordDto, UpdateUserDto } from './user.dto';
import { UsersService } from './users.service';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ statusCode: 400, message: ['userId: must be a UUID'], fields: ['userId'] }),
});

/** Who may call these is in ACCESS_MATRIX (users.*): admins of the center or of a center above it. */
@ApiTags('users (用户)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Accounts of this center' })
  list(@Param('center') center: string) {
    return this.users.list(center);
  }

  @Post()
  @ApiOperation({ summary: 'Create an account of this center' })
  create(@Param('center') center: string, @Body() dto: CreateUserDto, @CurrentPrincipal() p: Principal) {
    return this.users.create(center, dto, p);
  }

  @Patch(':userId')
  @ApiOperation({ summary: 'Rename, change role, disable (effective at once) or enable' })
  update(@Param('center') center: string, @Param('userId', uuid) userId: string, @Body() dto: UpdateUserDto, @CurrentPrincipal() p: Principal) {
    return this.users.update(center, userId, dto, p);
  }

  @Post(':userId/password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password; the user’s sessions end' })
  async setPassword(@Param('center') center: string, @Param('userId', uuid) userId: string, @Body() dto: SetPasswordDto, @CurrentPrincipal() p: Principal) {
    await this.users.setPassword(center, userId, dto.password, p);
  }
}
