package dev.docket.examples;

import dev.docket.filter.FilteredStream;
import dev.docket.filter.PacketFilter;
import dev.docket.merge.MergeStream;
import dev.docket.packet.ForwardingPacketStream;
import dev.docket.packet.PacketStream;
import dev.docket.pcap.CaptureReader;
import dev.docket.pcap.CorruptCaptureException;
import dev.docket.plan.QueryFeature;
import dev.docket.plan.QueryPlan;
import dev.docket.source.PacketSource;
import dev.docket.source.ScanProgress;
import dev.docket.source.SourceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A packet source of your own: capture files kept as objects in a bucket, here modelled by a
 * directory (an object's key is its path in the directory; "fetching" it opens a stream, as a GET
 * would). Everything a source must do is in {@link #open}: list the objects, fetch each as a stream,
 * keep the packets the plan's native query selects, and hand them over in time order. An object
 * that is not a capture is skipped with a warning; one that cannot be fetched fails the source,
 * and Docket keeps the other sources' packets.
 *
 * <p>The bucket evaluates no part of the language itself, but it finds packets with Docket's own
 * filter, so it decodes as Docket does ({@link #features()} is {@link
 * QueryFeature#decodingLikeDocket()}, and no more); the planner gives it a native query with only what every source must understand (hosts, networks,
 * ports, protocols and time bounds, either direction) and relaxes the rest ({@code not}, {@code
 * src}/{@code dst}, {@code ip}/{@code ip6}, {@code vlan}, {@code mpls}, exact time); Docket's
 * residual filter then trims the answer to exactly the query's packets. When nothing needs relaxing
 * the plan is exact and there is no residual, which is why the native query must be applied here.
 *
 * <p>Every object is open at once while the answer streams, which suits a bucket of a few hundred
 * objects; a bigger one would open them in time order as the merge reaches them, as the local
 * store does.
 */
public final class BucketSource implements PacketSource {
  private final String name;
  private final Path bucket;

  /**
   * @param name how messages name the bucket
   * @param bucket the directory that stands in for it
   */
  public BucketSource(String name, Path bucket) {
    this.name = name;
    this.bucket = bucket;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<QueryFeature> features() {
    return QueryFeature.decodingLikeDocket();
  }

  @Override
  public PacketStream open(QueryPlan plan, ScanProgress progress) throws SourceException {
    List<Path> objects = list();
    progress.planned(objects.size(), objects.stream().mapToLong(BucketSource::size).sum());
    PacketFilter nativeFilter = plan.nativeQuery().map(PacketFilter::compile).orElse(PacketFilter.ALL);
    List<PacketStream> answers = new ArrayList<>();
    try {
      for (Path object : objects) {
        String key = bucket.relativize(object).toString();
        CaptureReader reader;
        try {
          reader = CaptureReader.open(fetch(object), key);
        } catch (CorruptCaptureException notACapture) {
          // One odd object (a README, a half-uploaded file) should not cost the rest of the answer.
          progress.warning(name + ": " + notACapture.getMessage() + "; skipped");
          progress.unitDone();
          continue;
        }
        answers.add(new FilteredStream(new Counted(reader, progress), nativeFilter));
      }
      return new MergeStream(answers);
    } catch (IOException | RuntimeException failed) {
      // The objects fetched so far would stay open: nobody else holds them.
      for (PacketStream answer : answers) {
        try {
          answer.close();
        } catch (IOException alsoFailed) {
          failed.addSuppressed(alsoFailed);
        }
      }
      throw new SourceException(name, failed.getMessage(), failed);
    }
  }

  /** The bucket's objects, in key order; hidden ones (a store's catalog, say) are not captures. */
  private List<Path> list() throws SourceException {
    try (Stream<Path> walk = Files.walk(bucket)) {
      return walk.filter(Files::isRegularFile)
          .filter(object -> !object.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException failed) {
      throw new SourceException(name, "cannot list " + bucket + ": " + failed.getMessage(), failed);
    }
  }

  /** A GET of the whole object, streamed; the reader never holds it whole. */
  private static InputStream fetch(Path object) throws IOException {
    return Files.newInputStream(object);
  }

  private static long size(Path object) {
    try {
      return Files.size(object);
    } catch (IOException gone) {
      return 0; // its fetch will say what went wrong
    }
  }

  /** Tells the progress how much of an object was read and when it is done. */
  private static final class Counted extends ForwardingPacketStream {
    private final CaptureReader reader;
    private final ScanProgress progress;
    private long reported;
    private boolean done;

    Counted(CaptureReader reader, ScanProgress progress) {
      super(reader);
      this.reader = reader;
      this.progress = progress;
    }

    @Override
    public boolean next() throws IOException {
      if (done) {
        return false;
      }
      boolean more = reader.next();
      long read = reader.bytesRead();
      progress.read(read - reported);
      reported = read;
      if (!more) {
        done = true;
        progress.unitDone();
      }
      return more;
    }
  }
}
