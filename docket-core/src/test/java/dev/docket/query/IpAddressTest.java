package dev.docket.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressTest {
  @Test
  void keepsIpv4MappedAddressesAsIpv6() {
    IpAddress mapped = IpAddress.parse("::ffff:192.0.2.1");
    assertThat(mapped.version()).isEqualTo(6);
    assertThat(mapped).isNotEqualTo(IpAddress.parse("192.0.2.1"));
    assertThat(mapped.toString()).isEqualTo("::ffff:c000:201");
  }

  @Test
  void holdsBitsInNetworkOrder() {
    assertThat(IpAddress.parse("192.0.2.1").low()).isEqualTo(0xC000_0201L);
    assertThat(IpAddress.parse("2001:db8::1").high()).isEqualTo(0x2001_0db8_0000_0000L);
    assertThat(IpAddress.parse("2001:db8::1").low()).isEqualTo(1L);
    assertThat(IpAddress.parse("2001:db8::1").toBytes()).hasSize(16).startsWith(0x20, 0x01, 0x0d, 0xb8);
  }

  @ParameterizedTest
  @CsvSource({
    "255.255.255.255, 32",
    "255.255.0.0, 16",
    "0.0.0.0, 0",
    "255.255.255.128, 25",
    "255.0.255.0, -1",
    "0.255.255.255, -1",
    "ffff:ffff::, 32",
    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 128",
    "ffff:ffff:ffff:ffff:8000::, 65",
    "::1, -1"
  })
  void knowsContiguousMasks(String mask, int prefixLength) {
    assertThat(IpAddress.parse(mask).maskPrefixLength()).isEqualTo(prefixLength);
  }

  @Test
  void masksToThePrefix() {
    assertThat(IpAddress.parse("10.1.2.3").masked(8)).isEqualTo(IpAddress.parse("10.0.0.0"));
    assertThat(IpAddress.parse("2001:db8:1:2:ff03:4:5:6").masked(72)).isEqualTo(IpAddress.parse("2001:db8:1:2:ff00::"));
    assertThat(IpAddress.parse("10.1.2.3").masked(0)).isEqualTo(IpAddress.parse("0.0.0.0"));
  }

  @Test
  void netRefusesHostBitsPastThePrefix() {
    assertThatThrownBy(() -> new Net(Direction.EITHER, IpAddress.parse("10.1.0.0"), 8))
        .hasMessage("10.1.0.0/8 has bits set past the prefix; the network is 10.0.0.0/8");
  }
}
