package dev.docket.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.packet.PacketView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever packets a writer takes, our reader gives back the same records. */
class CaptureRoundTripProperties {
  private static final long PCAP_TIME_LIMIT_NANOS = (1L << 32) * 1_000_000_000L;

  /** A packet as a merge would hand it to a writer: which input, and the record. */
  record Written(int input, PacketRecord record) {}

  @Property(tries = 300)
  void pcapKeepsEveryRecordAtItsPrecision(
      @ForAll("singleLinkType") List<Written> packets, @ForAll TimestampPrecision precision)
      throws IOException {
    int linkType = packets.isEmpty() ? 1 : packets.get(0).record().linkType();
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (PcapWriter writer = PcapWriter.create(file, linkType, 65_535, precision)) {
      for (Written packet : packets) {
        writer.write(view(packet.record()));
      }
    }
    Reading reading = Reading.of(new ByteArrayInputStream(file.toByteArray()), "round-trip.pcap");

    long unit = precision == TimestampPrecision.MICROSECONDS ? 1_000 : 1;
    List<PacketRecord> expected = new ArrayList<>();
    for (Written packet : packets) {
      PacketRecord record = packet.record().withoutInterface();
      expected.add(record.withTimestamp(record.timestampNanos() / unit * unit));
    }
    assertThat(reading.failure()).isEmpty();
    assertThat(reading.packets()).isEqualTo(expected);
  }

  @Property(tries = 300)
  void pcapngKeepsEveryRecordAndTellsInterfacesApart(@ForAll("mixed") List<Written> packets)
      throws IOException {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (PcapngWriter writer = PcapngWriter.create(file)) {
      for (Written packet : packets) {
        writer.write(view(packet.record()), packet.input());
      }
    }
    Reading reading = Reading.of(new ByteArrayInputStream(file.toByteArray()), "round-trip.pcapng");

    assertThat(reading.failure()).isEmpty();
    assertThat(reading.packets()).hasSameSizeAs(packets);
    Map<List<Integer>, Integer> interfaceOf = new HashMap<>();
    for (int i = 0; i < packets.size(); i++) {
      PacketRecord sent = packets.get(i).record();
      PacketRecord read = reading.packets().get(i);
      assertThat(read.withoutInterface()).isEqualTo(sent.withoutInterface());
      List<Integer> key = List.of(packets.get(i).input(), sent.interfaceIndex(), sent.linkType());
      interfaceOf.putIfAbsent(key, read.interfaceIndex());
      assertThat(read.interfaceIndex()).isEqualTo(interfaceOf.get(key));
    }
    assertThat(interfaceOf.values()).doesNotHaveDuplicates();
  }

  @Provide
  Arbitrary<List<Written>> singleLinkType() {
    return Arbitraries.of(0, 1, 101, 113, 127, 228, 276)
        .flatMap(linkType -> packets(Arbitraries.just(linkType), Arbitraries.just(0)).list().ofMaxSize(40));
  }

  @Provide
  Arbitrary<List<Written>> mixed() {
    return packets(Arbitraries.of(1, 113, 228, 65_535), Arbitraries.integers().between(0, 3))
        .list()
        .ofMaxSize(40);
  }

  private static Arbitrary<Written> packets(Arbitrary<Integer> linkTypes, Arbitrary<Integer> inputs) {
    Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(1_600);
    return Combinators.combine(
            inputs,
            Arbitraries.integers().between(0, 2),
            linkTypes,
            Arbitraries.longs().between(0, PCAP_TIME_LIMIT_NANOS - 1),
            bytes,
            Arbitraries.integers().between(0, 70_000))
        .as(
            (input, interfaceIndex, linkType, nanos, data, extra) ->
                new Written(
                    input,
                    new PacketRecord(
                        nanos, data.length, data.length + extra, linkType, interfaceIndex,
                        ByteBuffer.wrap(data))));
  }

  /** A view over the record's bytes at a nonzero offset, as a reader's buffer would hold them. */
  private static PacketView view(PacketRecord record) {
    ByteBuffer buffer = ByteBuffer.allocate(record.capturedLength() + 7);
    buffer.put(7, record.bytes(), 0, record.capturedLength());
    PacketView view = new PacketView();
    view.reset(
        buffer,
        7,
        record.capturedLength(),
        record.originalLength(),
        record.timestampNanos(),
        record.linkType(),
        record.interfaceIndex());
    return view;
  }
}
