import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsOptional, Matches } from 'class-validator';

/** The centers a topic or release is aimed at; left out means every direct child of the issuer. */
export const DownwardTargets = () =>
  applyDecorators(
    IsOptional(),
    IsArray(),
    ArrayMinSize(1, { message: 'targets must name at least one center, or be left out to aim at all' }),
    ArrayMaxSize(500),
    ArrayUnique({ message: 'targets must not repeat' }),
    Matches(/^\d{6}$/, { each: true, message: 'targets must be six-digit center codes' }),
    ApiPropertyOptional({ type: [String], description: 'centers below the issuer; left out = every direct child (each fans it out to its subtree)' }),
  );
