package dev.docket.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.packet.PacketView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The heap of open files agrees with a sorted list under any mix of adds, root moves, root removals
 * and parkings: its root is always the file whose next packet comes first (ties to the lower order),
 * and parking takes the parkable file whose next packet comes last.
 */
class OpenFilesProperties {
  private static final Comparator<Fake> MERGE_ORDER = Comparator.comparingLong((Fake file) -> file.nanos).thenComparingInt(Fake::order);

  @Property(tries = 500)
  void theRootIsAlwaysTheEarliestFile(@ForAll("operations") List<Integer> operations) {
    OpenFiles heap = new OpenFiles();
    List<Fake> model = new ArrayList<>();
    int nextOrder = 0;
    for (int operation : operations) {
      // Half adds, so the heap grows deep enough that a parked file is often an inner node.
      int kind = Math.floorMod(operation, 8);
      // Few distinct timestamps, so that ties between files are common.
      long nanos = Math.floorMod(operation >> 3, 16);
      if (kind < 4 || model.isEmpty()) {
        Fake file = new Fake(nextOrder++, nanos, (operation & 0x180) == 0);
        heap.add(file);
        model.add(file);
      } else if (kind == 4) {
        Fake root = first(model);
        root.nanos += nanos;
        heap.rootMoved();
      } else if (kind == 5) {
        model.remove(first(model));
        heap.removeRoot();
      } else {
        Fake expected = model.stream().filter(Fake::canPark).max(MERGE_ORDER).orElse(null);
        ScannedFile parked = heap.removeLeastUrgentParkable();
        assertThat(parked).isSameAs(expected);
        model.remove(expected);
      }
      assertThat(heap.size()).isEqualTo(model.size());
      if (!model.isEmpty()) {
        Fake first = first(model);
        assertThat(heap.root()).isSameAs(first);
        assertThat(heap.rootNanos()).isEqualTo(first.nanos);
        assertThat(heap.rootOrder()).isEqualTo(first.order());
      }
    }
  }

  @Provide
  Arbitrary<List<Integer>> operations() {
    return Arbitraries.integers().between(0, 511).list().ofMaxSize(300);
  }

  private static Fake first(List<Fake> model) {
    return model.stream().min(MERGE_ORDER).orElseThrow();
  }

  /** A file reduced to what the heap reads: its order, its next packet's time, whether it parks. */
  private static final class Fake implements ScannedFile {
    private final int order;
    private final boolean parkable;
    long nanos;

    Fake(int order, long nanos, boolean parkable) {
      this.order = order;
      this.nanos = nanos;
      this.parkable = parkable;
    }

    @Override
    public int order() {
      return order;
    }

    @Override
    public long timestampNanos() {
      return nanos;
    }

    @Override
    public boolean canPark() {
      return parkable;
    }

    @Override
    public long earliestNanos() {
      return nanos;
    }

    @Override
    public void start() {}

    @Override
    public boolean next() {
      throw new UnsupportedOperationException("the heap never moves a file itself");
    }

    @Override
    public PacketView packet() {
      throw new UnsupportedOperationException("the heap reads only the timestamp");
    }

    @Override
    public void wake() {}

    @Override
    public void closeReader() {}
  }
}
