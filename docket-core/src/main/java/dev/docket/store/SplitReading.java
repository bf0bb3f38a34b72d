package dev.docket.store;

import java.util.concurrent.ThreadFactory;

/**
 * How a single big classic pcap file is read by two threads ({@link TailScan}): where the second
 * thread comes from, how big a file must be, how much of the front half is read first to see how
 * much the query keeps, and how many batches of matches the back half may queue before it leaves
 * the rest to the front half's reader.
 *
 * <p>Only a query whose back-half matches fit the queue is worth a second thread: they must wait
 * in memory until the front half is done, so a second thread that fills its queue saves only that
 * much reading, and holding it costs about as much again. Measured on 4 GB, a query that kept 7%
 * of the bytes (154 MB in the back half) ran 4–8% slower in two halves; on the small-packet mix at
 * 1 GB one that kept 3% (15 MB) ran 25% faster, and on 4 GB one that kept 0.1% 25–30% faster.
 *
 * @param sampleBytes how far the front half is read before deciding (at most a quarter of the
 *     file): the back half is started only if what the sample kept, scaled to the back half, fits
 *     in three quarters of the queue
 */
record SplitReading(ThreadFactory threads, long minBytes, long sampleBytes, int queuedBatches) {
  /** Below 64 MiB a file is read by one thread: a second would cost more to start than it saves. */
  static final long DEFAULT_MIN_BYTES = 64L << 20;

  /** 32 MiB: enough packets to judge a query by, a few milliseconds of reading. */
  static final long DEFAULT_SAMPLE_BYTES = 32L << 20;

  /**
   * 64 MiB of matches: a query that keeps a few percent of a file of gigabytes fits; one that
   * keeps more has the rest of the file read by the front part's reader.
   */
  static final int DEFAULT_QUEUED_BATCHES = (64 << 20) / MatchBatch.CAPACITY;

  SplitReading {
    if (minBytes < 1 || sampleBytes < 0 || queuedBatches < 1) {
      throw new IllegalArgumentException("a split needs a file of at least a byte and a batch to queue");
    }
  }

  static SplitReading on(ThreadFactory threads) {
    return new SplitReading(threads, DEFAULT_MIN_BYTES, DEFAULT_SAMPLE_BYTES, DEFAULT_QUEUED_BATCHES);
  }

  /** Where in a file of {@code size} bytes the front half's sample ends. */
  long sampleEnd(long size) {
    return Math.min(sampleBytes, size / 4);
  }

  /**
   * Whether a query that kept {@code kept} of the first {@code read} bytes would keep few enough
   * of the back half's {@code backBytes} to queue them all, with a quarter to spare.
   */
  boolean backHalfFits(long kept, long read, long backBytes) {
    double expected = read <= 0 ? 0 : (double) kept / read * backBytes;
    return expected <= 0.75 * queuedBatches * MatchBatch.CAPACITY;
  }
}
