/** Something readiness depends on (PostgreSQL, NATS, the gRPC server). */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
