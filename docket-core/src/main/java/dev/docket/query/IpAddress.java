package dev.docket.query;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.net.InetAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * An IPv4 or IPv6 address literal, held as bits so that filters compare numbers, not objects.
 *
 * <p>IPv4 uses the low 32 bits of {@code low}; IPv6 uses all of {@code high} (first 8 bytes) and
 * {@code low}. An IPv4-mapped IPv6 address ({@code ::ffff:1.2.3.4}) stays IPv6: it is a different
 * header on the wire. Parsing never touches DNS.
 */
public record IpAddress(int version, long high, long low) {
  public IpAddress {
    checkArgument(version == 4 || version == 6, "IP version %s is neither 4 nor 6", version);
    checkArgument(
        version == 6 || (high == 0 && (low >>> 32) == 0), "IPv4 address wider than 32 bits");
  }

  /** An IPv4 address from its 32 bits. */
  public static IpAddress ipv4(int bits) {
    return new IpAddress(4, 0, Integer.toUnsignedLong(bits));
  }

  /** An IPv6 address from its 128 bits. */
  public static IpAddress ipv6(long high, long low) {
    return new IpAddress(6, high, low);
  }

  /**
   * Parses an IPv4 dotted quad or an IPv6 literal.
   *
   * @throws IllegalArgumentException with a one-line reason when {@code text} is not such a literal
   */
  public static IpAddress parse(String text) {
    if (text.indexOf(':') < 0) {
      return parseIpv4(text);
    }
    if (text.indexOf('%') >= 0) {
      throw new IllegalArgumentException("'" + text + "' has a zone id; write the address without '%...'");
    }
    if (!InetAddresses.isInetAddress(text)) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv6 address");
    }
    ByteBuffer bytes = ByteBuffer.wrap(InetAddresses.forString(text).getAddress());
    if (bytes.capacity() == 4) { // Java turns ::ffff:a.b.c.d into an Inet4Address; keep it IPv6.
      return ipv6(0, 0xFFFF_0000_0000L | Integer.toUnsignedLong(bytes.getInt()));
    }
    return ipv6(bytes.getLong(), bytes.getLong());
  }

  private static IpAddress parseIpv4(String text) {
    String[] octets = text.split("\\.", -1);
    if (octets.length != 4) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address");
    }
    int bits = 0;
    for (String octet : octets) {
      if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new IllegalArgumentException("'" + text + "' is not an IP address");
      }
      if (octet.length() > 1 && octet.charAt(0) == '0') {
        // tcpdump would read 010 as octal 8; refuse rather than guess.
        throw new IllegalArgumentException(
            "'" + text + "' has an octet with a leading zero; write it without the zero");
      }
      int value = Integer.parseInt(octet);
      if (value > 255) {
        throw new IllegalArgumentException("'" + text + "' has an octet over 255");
      }
      bits = (bits << 8) | value;
    }
    return ipv4(bits);
  }

  /** 32 for IPv4, 128 for IPv6. */
  public int bitLength() {
    return version == 4 ? 32 : 128;
  }

  /** This address with every bit past the first {@code prefixLength} cleared. */
  public IpAddress masked(int prefixLength) {
    checkArgument(prefixLength >= 0 && prefixLength <= bitLength(), "prefix length out of range");
    if (version == 4) {
      long mask = prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
      return new IpAddress(4, 0, low & mask);
    }
    return new IpAddress(6, high & topBits(prefixLength), low & topBits(prefixLength - 64));
  }

  /**
   * The prefix length of a contiguous network mask such as 255.255.0.0, or -1 when the mask has a
   * hole in it.
   */
  public int maskPrefixLength() {
    int ones;
    if (version == 4) {
      ones = Math.min(32, Long.numberOfLeadingZeros(~low << 32));
    } else {
      ones = Long.numberOfLeadingZeros(~high);
      ones = ones < 64 ? ones : 64 + Long.numberOfLeadingZeros(~low);
    }
    IpAddress allOnes = version == 4 ? ipv4(-1) : ipv6(-1L, -1L);
    return equals(allOnes.masked(ones)) ? ones : -1;
  }

  private static long topBits(int count) {
    if (count <= 0) {
      return 0;
    }
    return count >= 64 ? -1L : -1L << (64 - count);
  }

  /** The address's bytes in network order: 4 for IPv4, 16 for IPv6. */
  public byte[] toBytes() {
    return version == 4
        ? ByteBuffer.allocate(4).putInt((int) low).array()
        : ByteBuffer.allocate(16).putLong(high).putLong(low).array();
  }

  /** Dotted quad for IPv4; RFC 5952 form (lower case, longest zero run as ::) for IPv6. */
  @Override
  public String toString() {
    if (version == 4) {
      return (low >>> 24) + "." + ((low >>> 16) & 0xFF) + "." + ((low >>> 8) & 0xFF) + "." + (low & 0xFF);
    }
    try {
      // getByAddress(host, bytes, scope) keeps an Inet6Address even for IPv4-mapped bytes.
      InetAddress address = Inet6Address.getByAddress(null, toBytes(), -1);
      return InetAddresses.toAddrString(address);
    } catch (UnknownHostException impossible) {
      throw new AssertionError(impossible);
    }
  }
}
