import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class RecommendDto {
  @IsString({ message: 'note is required: say why the province should look at it' })
  @MinLength(2, { message: 'note must say why (at least 2 characters)' })
  @MaxLength(500)
  @ApiProperty({ example: '县级融媒体改革典型经验，建议省级平台头条选用' })
  note!: string;
}
