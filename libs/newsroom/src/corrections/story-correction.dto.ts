import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { UpdateStoryDto } from '../stories/story.dto';

/** 更正: the changed fields of an accepted story plus the note every copy's editors will read. */
export class CorrectStoryDto extends UpdateStoryDto {
  @IsString({ message: 'note is required: say what was corrected' })
  @MinLength(2, { message: 'note must say what was corrected (at least 2 characters)' })
  @MaxLength(1000)
  @ApiProperty({ example: '更正：原稿中“2025年”应为“2026年”', description: '更正说明' })
  note!: string;
}

/** 撤稿: why the story must disappear everywhere. */
export class WithdrawStoryDto {
  @IsString({ message: 'reason is required when withdrawing' })
  @MinLength(2, { message: 'reason must say why (at least 2 characters)' })
  @MaxLength(1000)
  @ApiProperty({ example: '稿件涉及未核实信息，予以撤回' })
  reason!: string;
}
