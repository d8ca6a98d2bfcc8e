import { INestApplication, Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppEnv, validateEnv } from '@syn/config';
import { grpcServerOptions } from '@syn/grpc';
import { JsonLogger } from '@syn/observability';
import helmet from 'helmet';
import { bodyErrorHandler } from './body-error.middleware';
import { ApiErrorFilter } from './api-error.filter';
import { strictValidationPipe } from './validation.pipe';

export interface BootstrapOptions {
  service: 'county' | 'city' | 'province';
  title: string;
  /** Hubs serve their pool over gRPC; a pure author app does not. */
  grpc: boolean;
}

/** The one way the three apps start, so their HTTP, docs, limits and shutdown behave alike. */
export async function bootstrapApp(module: Type<unknown>, options: BootstrapOptions): Promise<INestApplication> {
  const env = validateEnv(AppEnv);
  const logger = new JsonLogger(options.service, env.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(module, { logger, bodyParser: false, bufferLogs: false });
  app.useBodyParser('json', { limit: env.HTTP_BODY_LIMIT_BYTES });
  app.use(bodyErrorHandler(env.HTTP_BODY_LIMIT_BYTES));
  // Scripts only from this origin, never inline: the desk is a bundled app and Swagger UI loads its
  // init script from a file. antd's CSS-in-JS needs inline styles, which helmet's default allows.
  // Media (images, video with posters) come from this origin only, behind signed links; blob: lets the
  // desk preview a file before it is uploaded.
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'"], 'connect-src': ["'self'"], 'img-src': ["'self'", 'data:', 'blob:'], 'media-src': ["'self'", 'blob:'] },
      },
    }),
  );
  // Desk answers carry drafts and tokens: no cache, shared or private, may keep them.
  app.use('/api', (_req: unknown, res: { setHeader(k: string, v: string): void }, next: () => void) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new ApiErrorFilter(app.getHttpAdapter()));
  app.enableShutdownHooks();

  const doc = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(`Hosted centers: ${env.HOSTED_CENTERS.join(', ')}. Every /api route needs a desk token (Authorization: Bearer …).`)
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'docs-json' });

  if (options.grpc) {
    app.connectMicroservice(grpcServerOptions(env.HTTP_HOST, env.GRPC_PORT), { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  await app.listen(env.HTTP_PORT, env.HTTP_HOST);
  new Logger('Bootstrap').log({
    msg: `${options.service} ready`,
    http: `http://${env.HTTP_HOST}:${env.HTTP_PORT}`,
    grpc: options.grpc ? `${env.HTTP_HOST}:${env.GRPC_PORT}` : undefined,
    centers: env.HOSTED_CENTERS,
  });
  return app;
}
