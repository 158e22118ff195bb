import { runUplinkStoreContract } from './uplink-store.contract.ts';
import { MemoryUplinkStore } from './index.ts';

runUplinkStoreContract({ name: 'memory store', create: () => new MemoryUplinkStore() });
