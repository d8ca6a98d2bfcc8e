import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const CENTER_LEVELS = ['province', 'city', 'county'] as const;
export type CenterLevel = (typeof CENTER_LEVELS)[number];

/** A node of the network (融媒体中心). Level is descriptive; routing only follows `parent`. */
export class Center {
  @Matches(/^\d{6}$/, { message: 'code must be a six-digit GB/T 2260 region code' })
  code!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @IsIn(CENTER_LEVELS)
  level!: CenterLevel;

  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'parent must be a six-digit region code or null' })
  parent!: string | null;

  /**
   * The gRPC server of a center that has children: host:port, or for replicas a target naming
   * them all, `dns:///name:port` (a name with one address per replica) or `ipv4:a:port,b:port`.
   */
  @IsOptional()
  @Matches(/^(?:dns:\/\/\/)?[\w.-]+:\d{1,5}$|^ipv4:\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}(?:,\d{1,3}(?:\.\d{1,3}){3}:\d{1,5})*$/, {
    message: 'grpc must be host:port, dns:///host:port or ipv4:a.b.c.d:port,…',
  })
  grpc?: string;

  /**
   * The media byte server of a center that has children (`http://host:port`, or https; its apps'
   * MEDIA_PORT): its children send media bytes up to it and fetch media from it there. Replicas
   * sit behind one address (a service or a load balancer).
   */
  @IsOptional()
  @Matches(/^https?:\/\/[\w.-]+(?::\d{1,5})?\/?$/, { message: 'media must be http://host:port or https://host:port' })
  media?: string;
}
