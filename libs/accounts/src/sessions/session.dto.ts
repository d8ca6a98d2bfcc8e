import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @Matches(/^\d{6}$/, { message: 'center must be a six-digit center code' })
  @ApiProperty({ example: '360702' })
  center!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @ApiProperty({ example: 'liumin' })
  username!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(128)
  @ApiProperty({ writeOnly: true })
  password!: string;
}

export class RefreshDto {
  @IsString()
  @MaxLength(200)
  @ApiProperty()
  refreshToken!: string;
}
