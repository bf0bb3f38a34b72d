package dev.docket.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one checksum tcpdump cannot check: a fragmented UDP datagram's, which covers the whole
 * datagram. This test reassembles untagged IPv4 and IPv6 fragments itself and recomputes the sum
 * with its own code.
 */
class FragmentedDatagramsReassembleWithCorrectChecksumsTest {
  private final Map<String, ByteArrayOutputStream> partial = new HashMap<>();
  private final int[] reassembled = new int[7]; // indexed by IP version

  @Test
  void everyFragmentedDatagramReassemblesInOrderWithACorrectUdpChecksum() {
    try (SyntheticTraffic traffic = new SyntheticTraffic(TrafficSpec.ofPackets(99, 50_000))) {
      while (traffic.next()) {
        ByteBuffer frame = ByteBuffer.wrap(traffic.packet().copyBytes());
        int etherType = frame.getShort(12) & 0xFFFF;
        if (etherType == 0x0800) {
          ipv4(frame);
        } else if (etherType == 0x86DD && frame.get(20) == 44) {
          ipv6(frame);
        }
      }
    }
    assertThat(reassembled[4]).as("IPv4 datagrams").isGreaterThan(10);
    assertThat(reassembled[6]).as("IPv6 datagrams").isGreaterThan(3);
  }

  private void ipv4(ByteBuffer frame) {
    int flags = frame.getShort(20) & 0xFFFF;
    if ((flags & 0x3FFF) == 0) {
      return; // not a fragment
    }
    assertThat(frame.get(14)).isEqualTo((byte) 0x45);
    assertThat(frame.get(23)).as("protocol").isEqualTo((byte) 17);
    int totalLength = frame.getShort(16) & 0xFFFF;
    byte[] source = slice(frame, 26, 4);
    byte[] destination = slice(frame, 30, 4);
    String key = Arrays.toString(source) + Arrays.toString(destination) + frame.getShort(18);
    fragment(
        key,
        4,
        source,
        destination,
        (flags & 0x1FFF) * 8,
        (flags & 0x2000) != 0,
        slice(frame, 34, totalLength - 20));
  }

  private void ipv6(ByteBuffer frame) {
    int payloadLength = frame.getShort(18) & 0xFFFF;
    assertThat(frame.get(54)).as("next header after the fragment header").isEqualTo((byte) 17);
    int offsetAndFlag = frame.getShort(56) & 0xFFFF;
    byte[] source = slice(frame, 22, 16);
    byte[] destination = slice(frame, 38, 16);
    String key = Arrays.toString(source) + Arrays.toString(destination) + frame.getInt(58);
    fragment(
        key,
        6,
        source,
        destination,
        offsetAndFlag & 0xFFF8,
        (offsetAndFlag & 1) != 0,
        slice(frame, 62, payloadLength - 8));
  }

  private void fragment(
      String key,
      int version,
      byte[] source,
      byte[] destination,
      int offset,
      boolean more,
      byte[] data) {
    ByteArrayOutputStream datagram =
        partial.computeIfAbsent(key, unused -> new ByteArrayOutputStream());
    assertThat(offset).as("fragment offset of %s", key).isEqualTo(datagram.size());
    if (more) {
      assertThat(data.length % 8).as("a middle fragment's length is a multiple of 8").isZero();
    }
    datagram.writeBytes(data);
    if (more) {
      return;
    }
    partial.remove(key);
    byte[] udp = datagram.toByteArray();
    assertThat(udp.length).as("fragments").isGreaterThan(1280);
    assertThat(ByteBuffer.wrap(udp).getShort(4) & 0xFFFF).as("UDP length").isEqualTo(udp.length);
    long sum = sum(source) + sum(destination) + 17 + udp.length + sum(udp);
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    assertThat(sum).as("one's complement sum over pseudo-header and datagram").isEqualTo(0xFFFF);
    reassembled[version]++;
  }

  private static long sum(byte[] bytes) {
    long sum = 0;
    for (int i = 0; i < bytes.length; i++) {
      sum += (i % 2 == 0 ? (bytes[i] & 0xFF) << 8 : bytes[i] & 0xFF);
    }
    return sum;
  }

  private static byte[] slice(ByteBuffer frame, int offset, int length) {
    byte[] bytes = new byte[length];
    frame.get(offset, bytes);
    return bytes;
  }
}
