import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';

const list = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : value;

/** Environment shared by the three apps; each app reads it once at boot through validateEnv. */
export class AppEnv {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @IsString()
  @Matches(/^nats:\/\//, { message: 'NATS_URL must be a nats:// URL (comma-separate several servers)' })
  NATS_URL: string = 'nats://127.0.0.1:4222';

  @IsOptional()
  @IsString()
  NATS_USER?: string;

  @IsOptional()
  @IsString()
  NATS_PASSWORD?: string;

  /**
   * The province cluster's JetStream domain, for an app whose nats-server is a county site's leaf
   * node (docs/cluster.md); unset, the JetStream of the server connected to is used.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'NATS_JS_DOMAIN must be letters, digits, - or _' })
  NATS_JS_DOMAIN?: string;

  /** JetStream replicas per stream: 1 on one machine, 3 on a cluster. */
  @IsInt()
  @IsIn([1, 3, 5])
  NATS_STREAM_REPLICAS: number = 1;

  @IsString()
  @NotEmptyFile()
  NETWORK_FILE!: string;

  /** The center codes this process serves (multi-tenant): GB/T 2260 six-digit codes, comma-separated. */
  @Transform(list)
  @IsString({ each: true })
  @Matches(/^\d{6}$/, { each: true, message: 'HOSTED_CENTERS must be six-digit region codes, comma-separated' })
  @IsNotEmpty()
  HOSTED_CENTERS!: string[];

  @IsInt()
  @Min(1)
  @Max(65535)
  HTTP_PORT: number = 3000;

  @IsInt()
  @Min(1)
  @Max(65535)
  GRPC_PORT: number = 50051;

  @IsString()
  HTTP_HOST: string = '127.0.0.1';

  /** Signs desk tokens; every app of one deployment shares it. */
  @IsString()
  @MinLength(32, { message: 'AUTH_TOKEN_SECRET must be at least 32 characters' })
  AUTH_TOKEN_SECRET!: string;

  /**
   * Development option for gRPC between centers: every center's signing key is derived from this
   * one secret, so every process could act as any center. Production sets GRPC_KEYS_FILE instead
   * (docs/security.md).
   */
  @Transform(({ value }) => (value === '' ? undefined : value))
  @ValidateIf((e: AppEnv) => !e.GRPC_KEYS_FILE || e.GRPC_SHARED_SECRET !== undefined)
  @IsString({ message: 'GRPC_SHARED_SECRET or GRPC_KEYS_FILE must be set' })
  @MinLength(16, { message: 'GRPC_SHARED_SECRET must be at least 16 characters' })
  GRPC_SHARED_SECRET?: string;

  /** This process's gRPC keys: private keys of its hosted centers, public keys of the others (deploy/grpc). */
  @IsOptional()
  @IsString()
  GRPC_KEYS_FILE?: string;

  /** JSON file of accounts to create at first boot for the centers this process hosts (demo). */
  @IsOptional()
  @IsString()
  SEED_USERS_FILE?: string;

  @IsInt() @Min(1) RATE_LOGIN_PER_USER_PER_MINUTE: number = 10;
  @IsInt() @Min(1) RATE_LOGIN_PER_CENTER_PER_MINUTE: number = 200;
  @IsInt() @Min(1) RATE_SUBMIT_PER_USER_PER_MINUTE: number = 120;
  @IsInt() @Min(1) RATE_SUBMIT_PER_CENTER_PER_MINUTE: number = 1200;

  @IsInt()
  @Min(1024)
  HTTP_BODY_LIMIT_BYTES: number = 1024 * 1024;

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' = 'info';

  @IsInt()
  @Min(1)
  CONSUMER_BATCH_SIZE: number = 256;

  @IsInt()
  @Min(50)
  OUTBOX_POLL_MS: number = 1000;

  /**
   * The relay vacuums the outbox itself after publishing this many rows (0: never, leave it to
   * autovacuum). Every published row leaves a dead entry in the index the relay's claim scans, and
   * until a vacuum removes them each claim walks past all of them: 5.7 ms a claim at a county
   * after a 50,000-story backlog on a server without autovacuum, 80 s of its database's time.
   */
  @IsInt()
  @Min(0)
  OUTBOX_VACUUM_AFTER_ROWS: number = 5000;

  /** How long a curator's claim on a review-queue story lasts before another curator may take it. */
  @IsInt()
  @Min(1)
  @Max(24 * 3600)
  REVIEW_CLAIM_TTL_SECONDS: number = 15 * 60;

  /** How long an access token from a password login lives; the desk refreshes it shortly before. Tests shorten it. */
  @IsInt()
  @Min(5)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS: number = 15 * 60;

  /**
   * 入库 without a curator for submissions from these children (trusted counties): six-digit codes,
   * comma-separated, or `*` for every child of the hubs this process hosts. Empty: every story waits for review.
   */
  @IsOptional()
  @Transform(list)
  @IsString({ each: true })
  @Matches(/^(\d{6}|\*)$/, { each: true, message: 'HUB_AUTO_ACCEPT_FROM must be six-digit center codes or *, comma-separated' })
  HUB_AUTO_ACCEPT_FROM?: string[];

  /** How often each search set rebuilds its word frequencies (idf; docs/search-design.md). */
  @IsInt()
  @Min(1000)
  SEARCH_LEXICON_REFRESH_MS: number = 3600 * 1000;

  /** …and sooner, once this many stories were indexed since the last rebuild. */
  @IsInt()
  @Min(1)
  SEARCH_LEXICON_REFRESH_AFTER_INSERTS: number = 2000;

  /**
   * A word gets a top list only once it is in at least this many stories (docs/search-design.md,
   * "Top lists"); fewer are ranked live at no noticeable cost.
   */
  @IsInt()
  @Min(1)
  SEARCH_TOP_LIST_MIN_MATCHES: number = 1000;

  /**
   * The app vacuums the tables its searches and duplicate checks read by index-only scans (SimHash
   * bands, top lists, the review queue's bands) after this many stories were indexed or queued (0:
   * never, leave it to autovacuum). A page written since the last vacuum is not all-visible, so each
   * of its entries costs a heap read; on a server without autovacuum the duplicate check spent 1.26
   * times as long per story in a 9,200-story bench as with the band tables vacuumed every 10 s.
   */
  @IsInt()
  @Min(0)
  SEARCH_VACUUM_AFTER_STORIES: number = 2000;
}

function NotEmptyFile(): PropertyDecorator {
  return IsNotEmpty({ message: 'NETWORK_FILE must name the JSON file describing the center tree' });
}
