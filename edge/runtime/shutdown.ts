/**
 * @module edge/runtime/shutdown
 * The order in which a running edge, or one that failed half-way through its start, closes what it
 * opened: the inputs (subscriptions) first, so nothing new arrives while the rest winds down, then
 * everything else in the reverse order of opening. And the wait, at an orderly stop, for the batches
 * in flight to be acknowledged before the uplink closes: what is still queued then stays on disk.
 */
import type { UplinkForwarder } from '../uplink/index.ts';

type Close = () => Promise<void> | void;

/** What the runtime opened, in the order it is to be closed. */
export class ShutdownSequence {
  readonly #inputs: Close[] = [];
  readonly #closers: Close[] = [];

  /** A subscription: closed before everything else. */
  input(close: () => Promise<void>): void {
    this.#inputs.push(close);
  }

  /** Anything else: closed after the inputs, newest first. */
  closer(close: Close): void {
    this.#closers.push(close);
  }

  /** Close the inputs alone, newest first (each once). */
  async closeInputs(): Promise<void> {
    for (const close of this.#inputs.splice(0).reverse()) await close();
  }

  /** Close the inputs, then the rest, newest first (each once). */
  async closeAll(): Promise<void> {
    await this.closeInputs();
    for (const close of this.#closers.splice(0).reverse()) await close();
  }
}

/**
 * Flush the uplink and give the batches in flight `drainMs` of wall time to be acknowledged, while
 * the center's broker is connected; whatever is left stays queued on disk for the next start.
 */
export async function drainUplink(
  forwarder: UplinkForwarder,
  transport: { readonly connected: boolean },
  drainMs: number,
): Promise<void> {
  forwarder.flush();
  const until = Date.now() + drainMs;
  while (forwarder.stats().queuedBatches > 0 && transport.connected && Date.now() < until)
    await new Promise((r) => setTimeout(r, 20));
}
