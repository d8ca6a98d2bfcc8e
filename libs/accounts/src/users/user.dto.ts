import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '@syn/auth';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** Plain text only: a display name is shown on every desk, so markup is refused rather than cleaned. */
const NO_MARKUP = /^[^<>&"'`]*$/;
export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

export class PasswordField {
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(128, { message: 'password must be at most 128 characters' })
  @ApiProperty({ minLength: 10, maxLength: 128, writeOnly: true })
  password!: string;
}

export class CreateUserDto extends PasswordField {
  @Matches(USERNAME, { message: 'username must be 3–40 of a-z, 0-9, dot, dash or underscore, starting with a letter or digit' })
  @ApiProperty({ example: 'liumin' })
  username!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(50)
  @Matches(NO_MARKUP, { message: 'displayName must be plain text (no < > & quotes)' })
  @ApiProperty({ example: '刘敏' })
  displayName!: string;

  @IsIn(ROLES)
  @ApiProperty({ enum: ROLES })
  role!: Role;
}

export class UpdateUserDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  @Matches(NO_MARKUP, { message: 'displayName must be plain text (no < > & quotes)' })
  @ApiPropertyOptional()
  displayName?: string;

  @IsOptional()
  @IsIn(ROLES)
  @ApiPropertyOptional({ enum: ROLES })
  role?: Role;

  /** true disables at once (the next request with the user's token is refused); false enables. */
  @IsOptional()
  @IsBoolean()
  @ApiPropertyOptional()
  disabled?: boolean;
}

export class SetPasswordDto extends PasswordField {}
