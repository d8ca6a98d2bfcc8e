import { Metadata } from '@grpc/grpc-js';
import { JwtService } from '@nestjs/jwt';
import { unauthenticated } from './grpc-errors';

/**
 * Centers prove who they are on every gRPC call with a short-lived token in the call metadata,
 * signed with the deployment's inter-center secret. The receiving hub then decides what that
 * center may see from its place in the tree.
 */
export class CenterCredentials {
  private readonly jwt: JwtService;

  constructor(secret: string) {
    this.jwt = new JwtService({ secret, signOptions: { algorithm: 'HS256', audience: 'syn-grpc' }, verifyOptions: { algorithms: ['HS256'], audience: 'syn-grpc' } });
  }

  metadataFor(center: string): Metadata {
    const md = new Metadata();
    md.set('authorization', `Bearer ${this.jwt.sign({ center }, { expiresIn: 300 })}`);
    return md;
  }

  /** The calling center, or UNAUTHENTICATED. */
  callerOf(md: Metadata | undefined): string {
    const header = md?.get('authorization')?.[0];
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw unauthenticated('missing center credentials (authorization metadata)');
    try {
      const { center } = this.jwt.verify<{ center: string }>(token);
      if (!/^\d{6}$/.test(center)) throw new Error('no center claim');
      return center;
    } catch (e) {
      throw unauthenticated(`invalid center credentials: ${(e as Error).message}`);
    }
  }
}
