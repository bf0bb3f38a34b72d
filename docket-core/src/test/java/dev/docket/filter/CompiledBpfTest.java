package dev.docket.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.packet.LinkType;
import dev.docket.packet.PacketView;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * libpcap's one loop, {@code ip6 protochain}: it follows a real extension-header chain to its end,
 * and a crafted AH chain on which libpcap itself would turn forever (its AH step sets the offset
 * rather than adding to it) ends, unmatched. The time-out, on a thread of its own so a spinning loop
 * fails rather than hangs, is a hang guard, not a timing.
 */
class CompiledBpfTest {
  @Test
  @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void protochainFollowsARealChainAndStopsOnACraftedLoop() {
    BpfFilter udp = new BpfFilter("ip6 protochain 17");
    // IPv6, hop-by-hop options (8 bytes), then UDP.
    assertThat(udp.matches(view(ipv6(0, new byte[] {17, 0, 1, 4, 0, 0, 0, 0}, new byte[8])))).isTrue();
    // IPv6, then AH whose next header is AH again and whose length sets the offset back to itself.
    byte[] ah = new byte[40];
    ah[0] = 51; // next header: AH
    ah[1] = 8; // payload length: libpcap's offset becomes (8 + 2) * 4 = 40, this same header
    assertThat(udp.matches(view(ipv6(51, ah)))).isFalse();
  }

  /** An Ethernet frame carrying IPv6 with next header {@code next} and then {@code payloads}. */
  private static byte[] ipv6(int next, byte[]... payloads) {
    int length = 0;
    for (byte[] payload : payloads) {
      length += payload.length;
    }
    ByteBuffer frame = ByteBuffer.allocate(14 + 40 + length);
    frame.put(new byte[12]).putShort((short) 0x86dd);
    frame.putInt(0x6000_0000).putShort((short) length).put((byte) next).put((byte) 64);
    frame.put(new byte[32]);
    for (byte[] payload : payloads) {
      frame.put(payload);
    }
    return frame.array();
  }

  private static PacketView view(byte[] frame) {
    PacketView view = new PacketView();
    view.reset(ByteBuffer.wrap(frame), 0, frame.length, frame.length, 0, LinkType.ETHERNET, 0);
    return view;
  }
}
