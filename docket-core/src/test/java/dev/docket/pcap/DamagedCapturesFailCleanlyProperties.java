package dev.docket.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.docket.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever damage a capture has — cut short, bits flipped, gzip broken — reading it yields packets
 * and then at most a {@link CorruptCaptureException} with a one-line message naming the input:
 * never another exception, never a hang.
 */
class DamagedCapturesFailCleanlyProperties {
  private static final String NAME = "damaged.pcap";
  private static List<Path> captures = List.of();

  @BeforeContainer
  static void findCorpus() {
    captures = Corpus.captures();
  }

  @Property(tries = 3000)
  void bitFlippedCapturesYieldPacketsOrACorruption(
      @ForAll @IntRange(min = 0, max = 1_000_000) int pick,
      @ForAll @IntRange(min = 1, max = 16) int flips,
      @ForAll Random random)
      throws IOException {
    byte[] bytes = Files.readAllBytes(captures.get(pick % captures.size()));
    for (int i = 0; i < flips && bytes.length > 0; i++) {
      // Most damage that matters is in headers, so aim half the flips at the first 64 bytes.
      int at = random.nextBoolean() ? random.nextInt(Math.min(64, bytes.length)) : random.nextInt(bytes.length);
      bytes[at] ^= (byte) (1 << random.nextInt(8));
    }
    assertReadsCleanly(bytes);
  }

  @Property(tries = 2000)
  void truncatedCapturesKeepTheirPrefixThenFail(
      @ForAll @IntRange(min = 0, max = 1_000_000) int pick, @ForAll Random random)
      throws IOException {
    byte[] whole = Files.readAllBytes(captures.get(pick % captures.size()));
    Reading complete = Reading.of(new ByteArrayInputStream(whole), NAME);
    byte[] cut = Arrays.copyOf(whole, random.nextInt(whole.length + 1));
    Reading truncated = assertReadsCleanly(cut);
    assertIsPrefix(truncated, complete);
  }

  @Property(tries = 300)
  void truncatedGzipCapturesKeepTheirPrefixThenFail(
      @ForAll @IntRange(min = 0, max = 1_000_000) int pick, @ForAll Random random)
      throws IOException {
    byte[] whole = Files.readAllBytes(captures.get(pick % captures.size()));
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write(whole);
    }
    Reading complete = Reading.of(new ByteArrayInputStream(whole), NAME);
    Reading decompressed = assertReadsCleanly(compressed.toByteArray(), whole.length);
    assertThat(decompressed).isEqualTo(complete.failure().isPresent() ? decompressed : complete);

    byte[] cut = Arrays.copyOf(compressed.toByteArray(), random.nextInt(compressed.size()));
    Reading truncated = assertReadsCleanly(cut, whole.length);
    assertIsPrefix(truncated, complete);
  }

  private static void assertIsPrefix(Reading truncated, Reading complete) {
    assertThat(truncated.packets().size()).isLessThanOrEqualTo(complete.packets().size());
    assertThat(truncated.packets())
        .isEqualTo(complete.packets().subList(0, truncated.packets().size()));
  }

  private static Reading assertReadsCleanly(byte[] bytes) {
    return assertReadsCleanly(bytes, bytes.length);
  }

  /** @param maxOffset the largest offset a corruption may name: the input's, or decompressed size */
  private static Reading assertReadsCleanly(byte[] bytes, long maxOffset) {
    Reading reading =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20), () -> Reading.of(new ByteArrayInputStream(bytes), NAME));
    reading
        .failure()
        .ifPresent(
            failure -> {
              assertThat(failure.getMessage())
                  .startsWith(NAME + ": corrupt at byte " + failure.byteOffset() + ": ")
                  .doesNotContain("\n");
              assertThat(failure.byteOffset()).isBetween(0L, maxOffset);
            });
    return reading;
  }
}
