/**
 * @module center/ingest/seq-tracker
 * Per-source sequence tracking: every field and uplink message carries a per-device `seq` that counts
 * up by one, so a jump reveals lost messages and a lower number a late or replayed one (BRIEF:
 * contracts). A device restart announces `seqReset` in its status message, which resets the source.
 */

/** What one observed sequence number means. */
export type SeqObservation = {
  /** Messages missing between the last highest seq and this one (0 when contiguous). */
  readonly missing: number;
  /** True when the seq is not above the highest seen (arrived late, out of order, or replayed). */
  readonly late: boolean;
};

/** Totals for one source. */
export type SeqStats = {
  readonly sourceId: string;
  readonly received: number;
  /** Seqs skipped over that have not arrived since (a late arrival fills its gap). */
  readonly missing: number;
  readonly late: number;
  readonly highestSeq: number;
};

type Mutable = { -readonly [K in keyof SeqStats]: SeqStats[K] } & {
  /** Seqs skipped over and not seen since (bounded; beyond it gaps are only counted). */
  gaps: Set<number>;
};

/** Gap seqs remembered per source so a late arrival can fill its gap. */
const MAX_TRACKED_GAPS = 10_000;

/** Tracks sequence numbers per source id. */
export class SeqTracker {
  readonly #sources = new Map<string, Mutable>();

  /** Record a sequence number from a source. */
  observe(sourceId: string, seq: number): SeqObservation {
    const s = this.#sources.get(sourceId);
    if (s === undefined) {
      this.#sources.set(sourceId, {
        sourceId,
        received: 1,
        missing: 0,
        late: 0,
        highestSeq: seq,
        gaps: new Set(),
      });
      return { missing: 0, late: false };
    }
    s.received++;
    if (seq <= s.highestSeq) {
      s.late++;
      // A late arrival fills its gap: `missing` counts what never arrived (a resend after a loss).
      if (s.gaps.delete(seq)) s.missing--;
      return { missing: 0, late: true };
    }
    const missing = seq - s.highestSeq - 1;
    for (let q = s.highestSeq + 1; q < seq && s.gaps.size < MAX_TRACKED_GAPS; q++) s.gaps.add(q);
    s.missing += missing;
    s.highestSeq = seq;
    return { missing, late: false };
  }

  /** Forget the highest seq of a source (it restarted and counts from the start again). */
  reset(sourceId: string): void {
    const s = this.#sources.get(sourceId);
    if (s === undefined) return;
    s.highestSeq = -1;
    s.gaps.clear();
  }

  /** Totals per source. */
  stats(): SeqStats[] {
    return [...this.#sources.values()].map(({ gaps: _gaps, ...s }) => ({ ...s }));
  }
}
