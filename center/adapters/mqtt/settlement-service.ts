/**
 * @module center/adapters/mqtt/settlement-service
 * The center's clearing house, wired once for the center node: a durable clearing store (SQLite, WAL,
 * synchronous FULL, one file under the center's data directory; in memory when no file is given), the
 * clearing report routes (`/api/v1/clearing/...`), and, when a broker is given, the settlement
 * subscriber that records each batch before answering it.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '../../../core/index.ts';
import type { RouteRegistrar } from '../../http/index.ts';
import { ClearingHouse, clearingRoutes, MemoryClearingStore } from '../../clearing/index.ts';
import { SqliteClearingStore } from '../sqlite/index.ts';
import type { SettlementSubscriber } from './settlement-subscriber.ts';
import { connectSettlementSubscriber } from './settlement-subscriber.ts';

/** Options of {@link openClearingService}. */
export type ClearingServiceOptions = {
  readonly centerId: string;
  readonly clock: Clock;
  /** The clearing store file; none: in memory (lost at restart). */
  readonly clearingFile?: string;
  readonly log: (line: string) => void;
};

/** The clearing house with its routes; {@link ClearingService.connect} starts taking batches. */
export type ClearingService = {
  readonly house: ClearingHouse;
  readonly routes: RouteRegistrar;
  /** Subscribe to settlement batches on a broker (after the web server is up). */
  connect(mqtt: {
    readonly url: string;
    readonly protocol?: 5 | 4 | 'auto';
    readonly username?: string;
    readonly password?: string;
  }): Promise<SettlementSubscriber>;
  close(): Promise<void>;
};

/** Open the clearing store and house (replaying what the store holds). */
export function openClearingService(options: ClearingServiceOptions): ClearingService {
  if (options.clearingFile !== undefined) mkdirSync(dirname(options.clearingFile), { recursive: true });
  const store =
    options.clearingFile === undefined
      ? new MemoryClearingStore()
      : new SqliteClearingStore(options.clearingFile);
  const house = new ClearingHouse({ centerId: options.centerId, clock: options.clock, store });
  let subscriber: SettlementSubscriber | null = null;
  return {
    house,
    routes: clearingRoutes(house),
    connect: async (mqtt) => {
      subscriber = await connectSettlementSubscriber({
        url: mqtt.url,
        receive: (batch) => house.receive(batch),
        clientId: `its-${options.centerId}-clearing`,
        ...(mqtt.protocol === undefined ? {} : { protocol: mqtt.protocol }),
        ...(mqtt.username === undefined ? {} : { username: mqtt.username, password: mqtt.password }),
        onError: (err) => options.log(`center clearing: ${(err as Error).message}`),
      });
      return subscriber;
    },
    close: async () => {
      await subscriber?.close();
      house.close();
    },
  };
}
