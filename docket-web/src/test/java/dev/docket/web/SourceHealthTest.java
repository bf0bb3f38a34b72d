package dev.docket.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.packet.PacketStream;
import dev.docket.plan.QueryFeature;
import dev.docket.plan.QueryPlan;
import dev.docket.source.PacketSource;
import dev.docket.source.ScanProgress;
import dev.docket.source.SourceException;
import dev.docket.source.SourceStats;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/sources} asks every source at once, within a deadline, and a hung one only once. */
class SourceHealthTest {
  private static final Duration LONG = Duration.ofSeconds(30);

  @Test
  void everySourceIsAskedAtOnce() throws Exception {
    // Each answers only once the other has been asked: asked one after another, the first would
    // wait in vain and fail.
    CountDownLatch bothAsked = new CountDownLatch(2);
    StatsSource first = new StatsSource("sensor-1", () -> meet(bothAsked));
    StatsSource second = new StatsSource("sensor-2", () -> meet(bothAsked));
    try (SourceHealth health = new SourceHealth(List.of(first, second), LONG)) {
      List<SourceHealth.Health> answers = health.askAll();
      assertThat(answers).extracting(SourceHealth.Health::name).containsExactly("sensor-1", "sensor-2");
      assertThat(answers).allMatch(SourceHealth.Health::healthy);
      assertThat(answers.get(0).stats().orElseThrow().values()).containsEntry("name", "sensor-1");
    }
  }

  @Test
  void aSourceThatDoesNotAnswerInTimeIsUnhealthyAndTheOthersAreNot() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    StatsSource hung = new StatsSource("sensor-3", () -> release.await(LONG.toSeconds(), TimeUnit.SECONDS));
    StatsSource quick = new StatsSource("store", () -> {});
    try (SourceHealth health = new SourceHealth(List.of(hung, quick), Duration.ofMillis(200))) {
      List<SourceHealth.Health> answers = health.askAll();
      assertThat(answers.get(0).healthy()).isFalse();
      assertThat(answers.get(0).error()).hasValue("sensor-3: did not answer within 200 ms; check that it is up and reachable");
      assertThat(answers.get(1).healthy()).isTrue();
    } finally {
      release.countDown();
    }
  }

  @Test
  void aSourceStillBeingAskedIsNotAskedAgain() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    StatsSource hung = new StatsSource("sensor-3", () -> release.await(LONG.toSeconds(), TimeUnit.SECONDS));
    try (SourceHealth health = new SourceHealth(List.of(hung), Duration.ofMillis(50))) {
      for (int i = 0; i < 5; i++) {
        assertThat(health.askAll().get(0).healthy()).isFalse();
      }
      assertThat(hung.asked.get()).isEqualTo(1);
      release.countDown();
      // The answer under way, or a new asking once it has come: healthy either way.
      SourceHealth.Health later = health.askAll().get(0);
      while (!later.healthy()) {
        later = health.askAll().get(0);
      }
      assertThat(hung.asked.get()).isBetween(1, 2);
    }
  }

  @Test
  void aFailingSourceSaysWhyInOneLine() throws Exception {
    StatsSource refused = new StatsSource("sensor-2", () -> {
      throw new SourceException("sensor-2", "connection refused");
    });
    StatsSource broken = new StatsSource("bucket", () -> {
      throw new IllegalStateException("no credentials");
    });
    try (SourceHealth health = new SourceHealth(List.of(refused, broken), LONG)) {
      List<SourceHealth.Health> answers = health.askAll();
      assertThat(answers.get(0).error()).hasValue("sensor-2: connection refused");
      assertThat(answers.get(1).error()).hasValue("bucket: could not say how it is: java.lang.IllegalStateException: no credentials");
    }
  }

  private static void meet(CountDownLatch bothAsked) throws InterruptedException, SourceException {
    bothAsked.countDown();
    if (!bothAsked.await(LONG.toSeconds(), TimeUnit.SECONDS)) {
      throw new SourceException("test", "the other source was never asked");
    }
  }

  /** What a source does when asked for its stats, before it answers them. */
  private interface Asked {
    void run() throws InterruptedException, SourceException;
  }

  /** A source that only reports its stats (its name), after {@code asked} has run. */
  private static final class StatsSource implements PacketSource {
    final AtomicInteger asked = new AtomicInteger();
    private final String name;
    private final Asked onAsked;

    StatsSource(String name, Asked onAsked) {
      this.name = name;
      this.onAsked = onAsked;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<QueryFeature> features() {
      return EnumSet.allOf(QueryFeature.class);
    }

    @Override
    public PacketStream open(QueryPlan plan, ScanProgress progress) throws SourceException {
      throw new SourceException(name, "this test source has no packets");
    }

    @Override
    public SourceStats stats() throws SourceException {
      asked.incrementAndGet();
      try {
        onAsked.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SourceException(name, "interrupted");
      }
      return SourceStats.of(Map.of("name", name));
    }
  }
}
