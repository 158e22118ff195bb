/**
 * @module edge/runtime/metrics-endpoint
 * The running edge's HTTP endpoint (`its edge --metrics-port`): `/metrics`, `/healthz`, `/readyz`
 * (edge/metrics) on a node:http listener (edge/adapters/http). It listens before anything else
 * starts, so `/healthz` answers and `/readyz` says `starting` while the controllers' OPC UA sessions
 * and the brokers are still being reached; the runtime attaches itself once it is up.
 *
 * Ready means: the runtime started (it waits for every controller endpoint's OPC UA session and
 * for both brokers), the field broker's session is connected now, and the edge is not stopping. A
 * controller offline later, or the center's broker unreachable, is not unreadiness: the edge then
 * leaves that controller to its local plan, or stores its summaries until the center is back, both
 * its designed behaviour, and each has its own series (`its_edge_controllers`,
 * `its_edge_center_broker_connected`).
 */
import { ConfigError } from '../../core/index.ts';
import { startHttpListener, type HttpListener } from '../adapters/http/index.ts';
import {
  answerEndpointRequest,
  edgeMetricFamilies,
  renderExposition,
  StepHistogram,
  type EdgeMetricsSample,
  type MetricFamily,
  type Readiness,
} from '../metrics/index.ts';
import type { StepTimer } from '../node/index.ts';

/** Where the edge serves its metrics. */
export type MetricsEndpointOptions = {
  /** TCP port; 0 picks a free one (read it from `EdgeRuntime.metricsPort`). */
  readonly port: number;
  /** Interface to bind. Default 127.0.0.1, as the center's `--host`. */
  readonly host?: string;
  /**
   * When the port cannot be had (in use), log it and run without the endpoint instead of failing the
   * start: for a default port, since signal control matters more than its metrics. Default false.
   */
  readonly optional?: boolean;
};

/** What the endpoint reads from the running edge. */
export type RunningEdgeView = {
  /** Everything but readiness, read at each scrape. */
  readonly sample: () => Omit<EdgeMetricsSample, 'ready'>;
};

/** A listening endpoint. */
export type MetricsEndpoint = {
  readonly port: number;
  /** Times each intersection's control step into `its_edge_strategy_step_seconds`. */
  readonly stepTimer: StepTimer;
  /** The runtime is up: serve its metrics. */
  attach(view: RunningEdgeView): void;
  /** The runtime is stopping: no longer ready. */
  stopping(): void;
  close(): Promise<void>;
};

/** Identity of the edge, in `its_edge_info`. */
export type EndpointIdentity = {
  readonly edgeId: string;
  readonly region: string;
  readonly strategy: string;
};

/** Start listening; null when the port was optional and could not be had (logged). */
export async function startMetricsEndpoint(
  options: MetricsEndpointOptions,
  identity: EndpointIdentity,
  log: (line: string) => void,
): Promise<MetricsEndpoint | null> {
  const host = options.host ?? '127.0.0.1';
  const steps = new StepHistogram();
  let view: RunningEdgeView | null = null;
  let phase: 'starting' | 'running' | 'stopping' = 'starting';
  const readiness = (sample: Omit<EdgeMetricsSample, 'ready'> | null): Readiness => {
    if (sample === null) return { ready: false, phase };
    const up = sample.controllers.filter((c) => c.online).length;
    return {
      ready: phase === 'running' && sample.fieldBrokerConnected,
      phase,
      fieldBroker: sample.fieldBrokerConnected,
      centerBroker: sample.centerBrokerConnected,
      controllers: { up, total: sample.controllers.length },
      intervalsHeld: sample.sessionBacklog.holding,
    };
  };
  const metrics = (): string => {
    const sample = view?.sample() ?? null;
    const families: MetricFamily[] =
      sample === null
        ? [
            {
              name: 'its_edge_info',
              type: 'gauge',
              help: 'The edge: id, region and signal strategy it started with',
              samples: [
                {
                  labels: { edge_id: identity.edgeId, region: identity.region, strategy: identity.strategy },
                  value: 1,
                },
              ],
            },
            {
              name: 'its_edge_ready',
              type: 'gauge',
              help: '1 when the edge is ready (as /readyz)',
              samples: [{ value: 0 }],
            },
          ]
        : edgeMetricFamilies({ ...sample, ready: readiness(sample).ready });
    return renderExposition([...families, steps.family()]);
  };
  let listener: HttpListener;
  try {
    listener = await startHttpListener({
      host,
      port: options.port,
      answer: (request) =>
        answerEndpointRequest(request, { metrics, readiness: () => readiness(view?.sample() ?? null) }),
    });
  } catch (err) {
    const message = `cannot listen on ${host}:${options.port}: ${(err as Error).message}`;
    if (options.optional !== true) throw new ConfigError('metrics endpoint', message, { cause: err });
    log(`${identity.edgeId}: no metrics endpoint (${message})`);
    return null;
  }
  return {
    port: listener.port,
    stepTimer: { nowMs: () => performance.now(), observe: (strategy, ms) => steps.observe(strategy, ms) },
    attach: (running) => {
      view = running;
      if (phase === 'starting') phase = 'running';
    },
    stopping: () => {
      phase = 'stopping';
    },
    close: () => listener.close(),
  };
}
