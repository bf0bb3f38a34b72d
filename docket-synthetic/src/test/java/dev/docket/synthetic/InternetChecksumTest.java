package dev.docket.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The RFC 1071 sum, against the RFC's own worked example and an odd-length tail. */
class InternetChecksumTest {
  @Test
  void matchesRfc1071Example() {
    // RFC 1071 section 3: 0001 f203 f4f5 f6f7 sums to 0xddf2 after folding, so the checksum is
    // ~0xddf2.
    byte[] bytes = {
      0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7
    };
    assertThat(InternetChecksum.finish(InternetChecksum.add(0, bytes, 0, bytes.length)))
        .isEqualTo(0x220d);
  }

  @Test
  void padsAnOddTrailingByteWithZero() {
    byte[] bytes = {0x12, 0x34, 0x56};
    assertThat(InternetChecksum.finish(InternetChecksum.add(0, bytes, 0, 3)))
        .isEqualTo(~(0x1234 + 0x5600) & 0xFFFF);
  }

  @Test
  void sumsPiecesLikeTheWhole() {
    byte[] bytes = new byte[1501];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 37 + 11);
    }
    long whole = InternetChecksum.add(0, bytes, 0, bytes.length);
    long pieces =
        InternetChecksum.add(InternetChecksum.add(0, bytes, 0, 10), bytes, 10, bytes.length - 10);
    assertThat(InternetChecksum.finish(pieces)).isEqualTo(InternetChecksum.finish(whole));
  }
}
