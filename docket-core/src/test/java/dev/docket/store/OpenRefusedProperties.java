package dev.docket.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docket.packet.LinkType;
import dev.docket.packet.PacketView;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A merge whose files the system refuses to open beyond some number (a process's limit of open
 * files, lower than the scan's own cap) parks files until they open: the answer is the whole merge,
 * in order, never more files open than the system has room for, and every file closed at the end.
 */
class OpenRefusedProperties {
  private static final Comparator<long[]> MERGE_ORDER = Comparator.<long[]>comparingLong(packet -> packet[0]).thenComparingLong(packet -> packet[1]);

  @Property(tries = 300)
  void theMergeIsWholeUnderAnyRoomForOpenFiles(
      @ForAll("files") List<List<Long>> stamps, @ForAll @IntRange(min = 1, max = 6) int room, @ForAll @IntRange(min = 1, max = 8) int cap)
      throws IOException {
    Room system = new Room(room);
    List<RefusingFile> files = inMergeOrder(stamps, system);

    List<long[]> merged = new ArrayList<>();
    try (TimeOrderedScan scan = new TimeOrderedScan(files, 0, cap, () -> {}, new Cancellation())) {
      while (scan.next()) {
        merged.add(new long[] {scan.packet().timestampNanos(), scan.packet().originalLength() - 1});
        assertThat(system.open).isLessThanOrEqualTo(room);
      }
    }

    List<long[]> expected = new ArrayList<>();
    for (int order = 0; order < stamps.size(); order++) {
      for (long nanos : stamps.get(order)) {
        expected.add(new long[] {nanos, order});
      }
    }
    expected.sort(MERGE_ORDER);
    assertThat(merged).usingElementComparator(MERGE_ORDER).containsExactlyElementsOf(expected);
    assertThat(system.open).isZero();
  }

  @Property(tries = 50)
  void noRoomEvenForOneFileFailsSayingWhatToDo(@ForAll("files") List<List<Long>> stamps) {
    Room system = new Room(0);
    List<RefusingFile> files = inMergeOrder(stamps, system);
    TimeOrderedScan scan = new TimeOrderedScan(files, 0, 4, () -> {}, new Cancellation());
    assertThatThrownBy(scan::next)
        .isInstanceOf(IOException.class)
        .hasMessageEndingWith("could not be opened: Too many open files, and no other input could be closed to make room; raise the limit of open files (ulimit -n) or close what else holds them");
  }

  /** A file for each list of stamps, numbered in order, sorted as {@link TimeOrderedScan} takes them. */
  private static List<RefusingFile> inMergeOrder(List<List<Long>> stamps, Room system) {
    List<RefusingFile> files = new ArrayList<>();
    for (int order = 0; order < stamps.size(); order++) {
      files.add(new RefusingFile(order, stamps.get(order), system));
    }
    files.sort(Comparator.comparingLong(RefusingFile::earliestNanos).thenComparingInt(RefusingFile::order));
    return files;
  }

  /** Up to six files of up to eight packets each, from a few timestamps so that ties are common. */
  @Provide
  Arbitrary<List<List<Long>>> files() {
    return Arbitraries.longs().between(0, 12).list().ofMinSize(1).ofMaxSize(8).map(list -> list.stream().sorted().toList())
        .list().ofMinSize(1).ofMaxSize(6);
  }

  /** Room for so many open files, and how many are open. */
  private static final class Room {
    final int room;
    int open;

    Room(int room) {
      this.room = room;
    }

    void open(String name) throws OpenRefusedException {
      if (open >= room) {
        throw new OpenRefusedException(name, new FileSystemException(name, null, "Too many open files"));
      }
      open++;
    }
  }

  /** A file of packets at the given times, which the system may refuse to open. */
  private static final class RefusingFile implements ScannedFile {
    private static final ByteBuffer BYTES = ByteBuffer.allocate(1);

    private final int order;
    private final List<Long> stamps;
    private final Room system;
    private final PacketView view = new PacketView();
    /** The index of the current packet; -1 before the first. */
    private int index = -1;
    private boolean open;

    RefusingFile(int order, List<Long> stamps, Room system) {
      this.order = order;
      this.stamps = stamps;
      this.system = system;
    }

    private String name() {
      return "file-" + order;
    }

    @Override
    public int order() {
      return order;
    }

    @Override
    public long earliestNanos() {
      return stamps.get(0);
    }

    @Override
    public void start() {}

    @Override
    public boolean next() throws IOException {
      if (!open) {
        system.open(name()); // refused: nothing changes, so the merge may try again
        open = true;
      }
      index++;
      if (index >= stamps.size()) {
        closeReader();
        return false;
      }
      // The original length tells which file a packet came from.
      view.reset(BYTES, 0, 1, order + 1, stamps.get(index), LinkType.ETHERNET, 0);
      return true;
    }

    @Override
    public PacketView packet() {
      return view;
    }

    @Override
    public boolean canPark() {
      return open && index >= 0 && index < stamps.size();
    }

    @Override
    public void park() {
      closeReader();
    }

    @Override
    public boolean resume() throws IOException {
      system.open(name());
      open = true;
      return true;
    }

    @Override
    public void wake() {}

    @Override
    public void closeReader() {
      if (open) {
        open = false;
        system.open--;
      }
    }
  }
}
