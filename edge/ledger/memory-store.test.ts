/**
 * @module edge/ledger/memory-store.test
 * The in-process store keeps the ledger store contract.
 */
import { MemoryLedgerStore } from './index.ts';
import { runLedgerStoreContract } from './store-contract.ts';

runLedgerStoreContract('MemoryLedgerStore', { create: () => new MemoryLedgerStore() });
