package dev.docket.store;

import java.util.concurrent.ThreadFactory;

/**
 * How a single big classic pcap file is read by two threads ({@link TailScan}): where the second
 * thread comes from, how big a file must be, and how many batches of matches its back half may
 * queue before it leaves the rest to the front half's reader.
 */
record SplitReading(ThreadFactory threads, long minBytes, int queuedBatches) {
  /** Below 64 MiB a file is read by one thread: a second would cost more to start than it saves. */
  static final long DEFAULT_MIN_BYTES = 64L << 20;

  /**
   * 64 MiB of matches: a query that keeps a few percent of a file of gigabytes fits; one that
   * keeps more has the rest of the file read by the front part's reader.
   */
  static final int DEFAULT_QUEUED_BATCHES = (64 << 20) / MatchBatch.CAPACITY;

  SplitReading {
    if (minBytes < 1 || queuedBatches < 1) {
      throw new IllegalArgumentException("a split needs a file of at least a byte and a batch to queue");
    }
  }

  static SplitReading on(ThreadFactory threads) {
    return new SplitReading(threads, DEFAULT_MIN_BYTES, DEFAULT_QUEUED_BATCHES);
  }
}
