// Process and infrastructure helpers for integration, e2e and fault tests.
export { AppProcess, type AppProcessOptions } from './app-process';
export type { ExitInfo } from './child-process-registry';
export { findFreePort } from './free-port';
export { NatsServerProcess, type NatsServerStartOptions } from './nats-server.process';
export { createTestDatabase, type TestDatabase } from './postgres-test-database';
export { TestNetwork, eventually, JIANGXI, TEST_AUTH_SECRET, TEST_GRPC_SECRET, type TestAppSpec, type RunningApp } from './test-network';
export { SecuredBus } from './secured-bus';
export { BusInjector } from './bus-injector';
export { makeSnapshot } from './story-fixtures';
export { DeliveryChecker, type CheckerTargets, type CheckResult, type ClientAck } from './delivery-checker';
export { StoryLoad, CuratorDriver, type LoadEndpoint, type LoadStats } from './story-load';
export { NatsCluster, type LeafSiteProcess } from './nats-cluster.process';
export { TcpLink } from './tcp-link';
