/**
 * @module edge/uplink/memory-uplink-store.test
 * The in-memory uplink store passes the store contract.
 */
import { runUplinkStoreContract } from './uplink-store.contract.ts';
import { MemoryUplinkStore } from './index.ts';

runUplinkStoreContract({ name: 'memory store', create: () => new MemoryUplinkStore() });
