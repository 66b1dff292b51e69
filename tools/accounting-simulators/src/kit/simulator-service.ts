import { type Clock, realSleep, type Sleep, systemClock } from './clock.ts';
import { ControlError, handleControlRequest, type SimulatorControl } from './control.ts';
import { FaultInjector } from './faults.ts';
import type { SimRequest, SimResponse } from './http.ts';
import { type LoggedRequest, RequestLog } from './request-log.ts';

/**
 * What both simulators do around their own routes: answer the `/__sim` control API, log every
 * other request with its outcome, and hold the clock, sleep, randomness and faults that tests
 * inject. A simulator supplies its state (reset, preload, configure) and its request pipeline.
 */
export abstract class SimulatorService<Preload, Config> {
  public readonly clock: Clock;
  protected readonly sleep: Sleep;
  protected readonly random: () => number;
  protected readonly log: RequestLog;
  protected readonly faults = new FaultInjector();

  protected constructor(options: {
    readonly clock?: Clock;
    readonly sleep?: Sleep;
    readonly random?: () => number;
  }) {
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.log = new RequestLog(this.clock);
  }

  public abstract reset(): void;
  public abstract preload(input: Preload): void;
  public abstract configure(input: Config): void;
  public abstract currentConfig(): Config;
  protected abstract pipeline(request: SimRequest, entry: LoggedRequest): Promise<SimResponse>;

  public control(): SimulatorControl<Preload, Config> {
    return {
      reset: () => this.reset(),
      preload: (data) => this.preload(data),
      configure: (config) => this.configure(config),
      config: () => this.currentConfig(),
      resetFaults: () => this.faults.reset(),
      requests: (filter) => this.log.list(filter),
      clearRequests: () => this.log.clear(),
      act: (action, input) => this.act(action, input),
    };
  }

  /** A person's action in the accounting system's UI (README: "Actions"); none by default. */
  protected act(action: string, _input: unknown): unknown {
    throw new ControlError(`No action ${action}`, 404);
  }

  public async handle(request: SimRequest): Promise<SimResponse> {
    const control = handleControlRequest(request, this.control());
    if (control) return control;
    const entry = this.log.add(request);
    const response = await this.pipeline(request, entry);
    if (response.holdMs !== undefined) await this.sleep(response.holdMs);
    entry.status = response.drop ? undefined : response.status;
    entry.outcome = response.drop ? 'dropped' : 'answered';
    return response;
  }
}
