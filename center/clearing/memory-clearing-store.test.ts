/**
 * @module center/clearing/memory-clearing-store.test
 * The in-memory clearing store keeps the clearing store contract.
 */
import { MemoryClearingStore } from './clearing-store.ts';
import { runClearingStoreContract } from './clearing-store-contract.ts';

runClearingStoreContract('MemoryClearingStore', { create: () => new MemoryClearingStore() });
