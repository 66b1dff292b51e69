/**
 * The accounting-system simulators: e-conomic's legacy REST API and Uniconta's entity API,
 * in memory, strict, with fault injection and a control API for tests (`#simulators/index`).
 */

export type { EconomicPreload } from './economic/preload.ts';
export { encodeProductNumber } from './economic/render.ts';
export { type EconomicSchemaName, validateResponse as validateEconomicResponse } from './economic/schemas.ts';
export {
  defaultEconomicAgreement,
  defaultEconomicRateLimit,
  demoEconomicAgreement,
  type EconomicAgreementConfig,
  type EconomicSimulator,
  type EconomicSimulatorConfig,
  type EconomicSimulatorOptions,
  startEconomicSimulator,
} from './economic/simulator.ts';
export { type Clock, ManualClock, realSleep, type Sleep, systemClock } from './kit/clock.ts';
export { ControlError, type SimulatorControl } from './kit/control.ts';
export type { CreateFaultAction, CreateFaultRule, FaultConfig } from './kit/faults.ts';
export type { LatencyConfig } from './kit/latency.ts';
export type { LoggedRequest, RequestFilter } from './kit/request-log.ts';
export type { RateLimitConfig } from './kit/token-bucket.ts';
export {
  defaultUnicontaCompany,
  defaultUnicontaUser,
  startUnicontaSimulator,
  type UnicontaCompanyConfig,
  type UnicontaPreload,
  type UnicontaSimulator,
  type UnicontaSimulatorConfig,
  type UnicontaSimulatorOptions,
  type UnicontaUserConfig,
  unicontaBasicAuth,
} from './uniconta/simulator.ts';
