package dev.docket.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docket.CaptureSink;
import dev.docket.Docket;
import dev.docket.OutputException;
import dev.docket.QueryResult;
import dev.docket.QueryRun;
import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import dev.docket.plan.QueryFeature;
import dev.docket.plan.QueryPlan;
import dev.docket.query.IpAddress;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.testing.CraftedFrame;
import dev.docket.testing.FrameBuilder;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;

/**
 * A simulation of the fan-out behind the front door: up to eight sources, each a short stream of
 * time-ordered packets that answers in full, fails at open, fails after k packets, ends early after
 * k, stalls for a moment (a bounded sleep), or hangs in a read that only closing wakes; and the run
 * cancelled from another thread, before it starts or once some packets have been handed over.
 *
 * <p>Whatever happens: the answer is the model (each source's matching packets sent before its end,
 * merged by time with ties to the earlier source), each source's outcome says whether and why it
 * failed and how many packets it gave, the status agrees with the outcomes, and every thread from
 * the factory has ended and every stream opened has been closed, once, when the run returns. A
 * cancelled run's answer is a time-ordered merge of a prefix of each source's.
 */
class FanOutSimulationProperties {
  private static final QueryParser PARSER =
      new QueryParser(Clock.fixed(Instant.parse("2024-06-03T09:00:00Z"), ZoneOffset.UTC));
  /** No source here evaluates {@code not}: each sends every packet, and the residual filter trims. */
  private static final Query QUERY = PARSER.parse("port 53 and not port 9");
  /** Not a timing: a run that never returns fails the try rather than hanging the build. */
  private static final long HANG_GUARD_SECONDS = 20;

  // Edge cases (one source, no packets, k = 0) come often enough at random; as jqwik mixes them in,
  // they took over half the tries, and the fan-out's threads are the point.
  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void theAnswerIsTheModelAndEveryThreadAndStreamIsReleased(@ForAll("scenarios") Scenario scenario) throws Exception {
    Simulation simulation = new Simulation(scenario);
    QueryResult result = simulation.run();
    Statistics.label("status").collect(result.status());
    Statistics.label("sources").collect(scenario.sources().size());

    assertThat(simulation.threadsMade).allSatisfy(thread -> assertThat(thread.isAlive()).as("%s alive", thread.getName()).isFalse());
    for (SimulatedStream stream : simulation.streams) {
      assertThat(stream.closes.get()).as("closes of %s's stream", stream.name).isEqualTo(1);
    }
    assertThat(result.packets()).isEqualTo(simulation.handed.size());
    assertThat(result.sources()).extracting(SourceOutcome::source).containsExactlyElementsOf(scenario.names());
    assertThat(result.warnings()).isEmpty();

    if (result.status() == QueryResult.Status.CANCELLED) {
      assertThat(simulation.cancelled).as("cancelled without a cancel").isTrue();
      assertCancelledAnswerIsConsistent(scenario, simulation.handed, result);
      return;
    }
    assertThat(scenario.cancel()).isNotEqualTo(Cancel.BEFORE);
    assertThat(simulation.handed).containsExactlyElementsOf(scenario.model());
    for (int i = 0; i < scenario.sources().size(); i++) {
      Script script = scenario.sources().get(i);
      SourceOutcome outcome = result.sources().get(i);
      assertThat(outcome.packets()).as("packets of %s", outcome.source()).isEqualTo(script.sent().size());
      assertThat(outcome.failure().map(Throwable::getMessage)).as("failure of %s", outcome.source()).isEqualTo(script.failure(scenario.name(i)));
    }
    boolean anyFailed = result.sources().stream().anyMatch(outcome -> !outcome.succeeded());
    boolean noneGave = result.sources().stream().noneMatch(outcome -> outcome.succeeded() || outcome.packets() > 0);
    QueryResult.Status expected =
        noneGave ? QueryResult.Status.FAILED : anyFailed ? QueryResult.Status.PARTIAL : QueryResult.Status.COMPLETE;
    assertThat(result.status()).isEqualTo(expected);
    assertThat(result.failure().isPresent()).isEqualTo(expected == QueryResult.Status.FAILED);
  }

  /** Cancelled: time order, and from each source a prefix of what it would have sent. */
  private static void assertCancelledAnswerIsConsistent(Scenario scenario, List<Sent> handed, QueryResult result) {
    if (scenario.cancel() == Cancel.BEFORE) {
      assertThat(handed).as("handed after a cancel before the run").isEmpty();
    }
    assertThat(handed).isSortedAccordingTo(Comparator.comparingLong(Sent::timestampNanos));
    for (int i = 0; i < scenario.sources().size(); i++) {
      int source = i;
      List<Sent> fromSource = handed.stream().filter(sent -> sent.source() == source).toList();
      List<Sent> all = scenario.sources().get(i).sent(i);
      assertThat(fromSource).isEqualTo(all.subList(0, Math.min(fromSource.size(), all.size())));
      // A failure, if any is reported, is the one the source gives; cancelling is none.
      Optional<String> failure = result.sources().get(i).failure().map(Throwable::getMessage);
      failure.ifPresent(message -> assertThat(Optional.of(message)).isEqualTo(scenario.sources().get(source).failure(scenario.name(source))));
    }
  }

  @Example
  void noSourcesIsAnEmptyAnswerAndADocketRefusesToBeBuiltWithout() throws IOException {
    List<Thread> made = new CopyOnWriteArrayList<>();
    ThreadFactory threads = runnable -> {
      Thread thread = new Thread(runnable);
      made.add(thread);
      return thread;
    };
    try (FanOutStream answer = new SourceFanOut(threads).open(QUERY, List.of(), ResultLimit.NONE, ScanProgress.NONE)) {
      assertThat(answer.next()).isFalse();
      assertThat(answer.outcomes()).isEmpty();
    }
    assertThat(made).isEmpty();
    assertThatThrownBy(() -> Docket.builder().build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one source");
  }

  /**
   * {@link FanOutStream#stop()} from another thread while both readers are far ahead, their queues
   * full: a merge that reads on (as stop's contract allows) still comes to the end.
   */
  @Example
  void readingOnAfterAStopFromAnotherThreadComesToTheEnd() throws Exception {
    List<Packet> many = IntStream.range(0, 40_000).mapToObj(i -> new Packet(i, true)).toList();
    Simulation simulation = new Simulation(new Scenario(List.of(new Script(many, new Behavior.Answers()), new Script(many, new Behavior.Answers())), Cancel.NONE));
    List<PacketSource> sources = List.of(
        new SimulatedSource(0, "src-0", simulation.scenario.sources().get(0), simulation),
        new SimulatedSource(1, "src-1", simulation.scenario.sources().get(1), simulation));
    FanOutStream answer = new SourceFanOut(simulation.threads()).open(QUERY, sources, ResultLimit.NONE, ScanProgress.NONE);
    assertThat(answer.next()).isTrue();
    // Both readers fill every batch they may, then wait for room.
    while (simulation.threadsMade.stream().anyMatch(thread -> thread.getState() != Thread.State.WAITING)) {
      Thread.onSpinWait();
    }
    Thread stopper = new Thread(() -> {
      try {
        answer.stop();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, "stopper");
    stopper.start();
    stopper.join();

    FutureTask<Integer> readOn = new FutureTask<>(() -> {
      int packets = 0;
      while (answer.next()) {
        packets++;
      }
      return packets;
    });
    new Thread(readOn, "reading on").start();
    try {
      assertThat(readOn.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isLessThan(2 * many.size());
    } catch (TimeoutException hung) {
      throw new AssertionError("reading on after stop() never came to the end");
    } finally {
      answer.close();
    }
    assertThat(answer.failures()).isEmpty();
    assertThat(simulation.threadsMade).allSatisfy(thread -> assertThat(thread.isAlive()).as("%s alive", thread.getName()).isFalse());
    assertThat(simulation.streams).hasSize(2).allSatisfy(stream -> assertThat(stream.closes.get()).isEqualTo(1));
  }

  // ---------------------------------------------------------------------------------------------
  // Scenarios

  /** When the run is cancelled, from another thread. */
  sealed interface Cancel {
    Cancel NONE = new Never();
    Cancel BEFORE = new Before();

    record Never() implements Cancel {}

    record Before() implements Cancel {}

    /** Once {@code packets} have been handed over, or as soon as a source hangs. */
    record AfterPackets(int packets) implements Cancel {}
  }

  /** What a source does. */
  sealed interface Behavior {
    record Answers() implements Behavior {}

    record FailsAtOpen() implements Behavior {}

    /** The stream's next() after {@code k} packets throws. */
    record FailsAfter(int k) implements Behavior {}

    /** The stream ends, without error, after {@code k} packets. */
    record EndsEarly(int k) implements Behavior {}

    /** Sleeps {@code millis} before packet {@code k}, then goes on. */
    record Stalls(int k, int millis) implements Behavior {}

    /** Blocks after {@code k} packets, ignoring interrupts, until its stream is closed. */
    record Hangs(int k) implements Behavior {}
  }

  /** One packet: its time, and whether the query matches it (UDP port 53) or not (port 123). */
  record Packet(long timestampNanos, boolean matches) {}

  /** A packet as the result holds it: which source sent it, which of its packets, and when. */
  record Sent(int source, int index, long timestampNanos) {}

  record Script(List<Packet> packets, Behavior behavior) {
    /** How many of its packets the source's stream gives before it ends or fails. */
    int delivered() {
      if (behavior instanceof Behavior.FailsAtOpen) {
        return 0;
      } else if (behavior instanceof Behavior.FailsAfter failing) {
        return failing.k();
      } else if (behavior instanceof Behavior.EndsEarly ending) {
        return ending.k();
      } else if (behavior instanceof Behavior.Hangs hanging) {
        return hanging.k();
      }
      return packets.size();
    }

    /** The matching packets the source sends before it ends or fails, as source {@code source}. */
    List<Sent> sent(int source) {
      List<Sent> sent = new ArrayList<>();
      for (int i = 0; i < delivered(); i++) {
        if (packets.get(i).matches()) {
          sent.add(new Sent(source, i, packets.get(i).timestampNanos()));
        }
      }
      return sent;
    }

    List<Sent> sent() {
      return sent(0);
    }

    Optional<String> failure(String name) {
      if (behavior instanceof Behavior.FailsAtOpen) {
        return Optional.of(name + ": connection refused");
      } else if (behavior instanceof Behavior.FailsAfter) {
        return Optional.of(name + ": connection reset");
      }
      return Optional.empty();
    }
  }

  record Scenario(List<Script> sources, Cancel cancel) {
    String name(int source) {
      return "src-" + source;
    }

    List<String> names() {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < sources.size(); i++) {
        names.add(name(i));
      }
      return names;
    }

    /** Every source's matching packets sent, merged by time; ties to the earlier source (a stable sort). */
    List<Sent> model() {
      List<Sent> all = new ArrayList<>();
      for (int i = 0; i < sources.size(); i++) {
        all.addAll(sources.get(i).sent(i));
      }
      all.sort(Comparator.comparingLong(Sent::timestampNanos));
      return all;
    }
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<Cancel> cancel =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just(Cancel.NONE)),
            Tuple.of(1, Arbitraries.just(Cancel.BEFORE)),
            Tuple.of(3, Arbitraries.integers().between(0, 30).map(Cancel.AfterPackets::new)));
    return cancel.flatMap(
        when -> scripts(when instanceof Cancel.AfterPackets)
            .list()
            .ofMinSize(1)
            .ofMaxSize(8)
            .withSizeDistribution(RandomDistribution.uniform())
            .map(scripts -> new Scenario(scripts, when)));
  }

  /** @param mayHang whether a source may hang: only when something will cancel the run */
  private static Arbitrary<Script> scripts(boolean mayHang) {
    Arbitrary<List<Packet>> packets =
        Combinators.combine(Arbitraries.longs().between(0, 20), Arbitraries.of(true, true, false))
            .as(Packet::new)
            .list()
            .ofMaxSize(12)
            .map(list -> list.stream().sorted(Comparator.comparingLong(Packet::timestampNanos)).toList());
    return packets.flatMap(list -> behaviors(list.size(), mayHang).map(behavior -> new Script(list, behavior)));
  }

  private static Arbitrary<Behavior> behaviors(int packets, boolean mayHang) {
    Arbitrary<Integer> k = Arbitraries.integers().between(0, packets);
    List<Tuple.Tuple2<Integer, Arbitrary<? extends Behavior>>> choices = new ArrayList<>(List.of(
        Tuple.of(4, Arbitraries.just(new Behavior.Answers())),
        Tuple.of(1, Arbitraries.just(new Behavior.FailsAtOpen())),
        Tuple.of(2, k.map(Behavior.FailsAfter::new)),
        Tuple.of(2, k.map(Behavior.EndsEarly::new)),
        Tuple.of(2, Combinators.combine(k, Arbitraries.integers().between(1, 3)).as(Behavior.Stalls::new))));
    if (mayHang) {
      choices.add(Tuple.of(3, k.map(Behavior.Hangs::new)));
    }
    @SuppressWarnings("unchecked")
    Tuple.Tuple2<Integer, Arbitrary<? extends Behavior>>[] array = choices.toArray(Tuple.Tuple2[]::new);
    return Arbitraries.frequencyOf(array);
  }

  // ---------------------------------------------------------------------------------------------
  // One run of a scenario

  private static final class Simulation {
    private final Scenario scenario;
    final List<Thread> threadsMade = new CopyOnWriteArrayList<>();
    final List<SimulatedStream> streams = new CopyOnWriteArrayList<>();
    final List<Sent> handed = new ArrayList<>();
    /** Counted down when the run should be cancelled: enough packets handed, or a source hung. */
    private final CountDownLatch trigger = new CountDownLatch(1);
    volatile boolean cancelled;

    Simulation(Scenario scenario) {
      this.scenario = scenario;
    }

    /** Makes the run's threads, and notes each. */
    ThreadFactory threads() {
      return runnable -> {
        Thread thread = new Thread(runnable, "simulated-" + threadsMade.size());
        thread.setDaemon(true);
        threadsMade.add(thread);
        return thread;
      };
    }

    QueryResult run() throws Exception {
      List<PacketSource> sources = new ArrayList<>();
      for (int i = 0; i < scenario.sources().size(); i++) {
        sources.add(new SimulatedSource(i, scenario.name(i), scenario.sources().get(i), this));
      }
      int cancelAfter = scenario.cancel() instanceof Cancel.AfterPackets after ? after.packets() : -1;
      QueryRun run =
          Docket.builder()
              .sources(sources)
              .threads(threads())
              .build()
              .prepare(QUERY, CaptureSink.toPackets((packet, interfaceId) -> {
                handed.add(decode(packet));
                if (handed.size() == cancelAfter) {
                  trigger.countDown();
                }
              }), ScanProgress.NONE);
      if (scenario.cancel() == Cancel.BEFORE) {
        cancelled = true;
        run.cancel();
      }
      AtomicBoolean ended = new AtomicBoolean();
      Thread canceller = new Thread(() -> {
        try {
          if (cancelAfter == 0) {
            trigger.countDown();
          }
          trigger.await();
          if (cancelAfter >= 0 && !ended.get()) {
            cancelled = true;
            run.cancel();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "canceller");
      canceller.start();
      FutureTask<QueryResult> task = new FutureTask<>(run);
      Thread caller = new Thread(task, "caller");
      caller.start();
      try {
        return task.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException hung) {
        throw new AssertionError("the run did not return: " + scenario);
      } catch (ExecutionException failed) {
        throw failed.getCause() instanceof OutputException output ? output : failed;
      } finally {
        ended.set(true);
        trigger.countDown();
        canceller.join();
      }
    }

    void hung() {
      trigger.countDown();
    }
  }

  /** Packets as the simulated sources craft them: source and index in the addresses. */
  private static CraftedFrame frame(int source, int index, boolean matches) {
    return FrameBuilder.ethernet()
        .ip(IpAddress.ipv4((10 << 24) | (source << 8) | 1), IpAddress.ipv4((10 << 24) | (9 << 16) | (index + 1)))
        .udp(1000 + index, matches ? 53 : 123)
        .build();
  }

  private static Sent decode(PacketView packet) {
    int source = (packet.ipv4Source() >>> 8) & 0xff;
    int index = (packet.ipv4Destination() & 0xff) - 1;
    return new Sent(source, index, packet.timestampNanos());
  }

  private static final class SimulatedSource implements PacketSource {
    private final int index;
    private final String name;
    private final Script script;
    private final Simulation simulation;

    SimulatedSource(int index, String name, Script script, Simulation simulation) {
      this.index = index;
      this.name = name;
      this.script = script;
      this.simulation = simulation;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<QueryFeature> features() {
      return Set.of();
    }

    @Override
    public PacketStream open(QueryPlan plan, ScanProgress progress) throws SourceException {
      if (script.behavior() instanceof Behavior.FailsAtOpen) {
        throw new SourceException(name, "connection refused");
      }
      SimulatedStream stream = new SimulatedStream(index, name, script, simulation);
      simulation.streams.add(stream);
      return stream;
    }
  }

  /** A source's answer in memory, misbehaving as its script says. */
  private static final class SimulatedStream implements PacketStream {
    private final int source;
    final String name;
    private final Script script;
    private final Simulation simulation;
    private final PacketView view = new PacketView();
    private final CountDownLatch closed = new CountDownLatch(1);
    final AtomicInteger closes = new AtomicInteger();
    private int next;

    SimulatedStream(int source, String name, Script script, Simulation simulation) {
      this.source = source;
      this.name = name;
      this.script = script;
      this.simulation = simulation;
    }

    @Override
    public boolean next() throws IOException {
      if (closed.getCount() == 0) {
        return false;
      }
      Behavior behavior = script.behavior();
      if (behavior instanceof Behavior.FailsAfter failing && next == failing.k()) {
        throw new IOException("connection reset");
      } else if (behavior instanceof Behavior.EndsEarly ending && next == ending.k()) {
        return false;
      } else if (behavior instanceof Behavior.Stalls stalling && next == stalling.k()) {
        try {
          Thread.sleep(stalling.millis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for the sensor");
        }
      } else if (behavior instanceof Behavior.Hangs hanging && next == hanging.k()) {
        hang();
      }
      if (next >= script.packets().size()) {
        return false;
      }
      Packet packet = script.packets().get(next);
      byte[] bytes = frame(source, next, packet.matches()).bytes();
      view.reset(ByteBuffer.wrap(bytes), 0, bytes.length, bytes.length, packet.timestampNanos(), 1, 0);
      next++;
      return true;
    }

    /** Waits, as a socket's read does, for data that never comes, until the stream is closed. */
    private void hang() throws IOException {
      simulation.hung();
      boolean interrupted = false;
      while (true) {
        try {
          closed.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      throw new IOException("socket closed");
    }

    @Override
    public PacketView packet() {
      return view;
    }

    @Override
    public void close() {
      closes.incrementAndGet();
      closed.countDown();
    }

    @Override
    public String toString() {
      return name + " at packet " + next;
    }
  }
}
