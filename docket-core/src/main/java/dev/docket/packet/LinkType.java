package dev.docket.packet;

/**
 * The LINKTYPE_ values (tcpdump.org/linktypes.html) Docket decodes. Captures of any other link type
 * pass through untouched: they are kept by merges and time-only queries, and never match an address
 * or port primitive.
 */
public final class LinkType {
  public static final int NULL = 0;
  public static final int ETHERNET = 1;
  public static final int RAW = 101;
  public static final int LOOP = 108;
  public static final int LINUX_SLL = 113;
  public static final int IPV4 = 228;
  public static final int IPV6 = 229;
  public static final int LINUX_SLL2 = 276;

  private LinkType() {}

  /** The link type's name as tcpdump prints it, or {@code LINKTYPE_<n>}. */
  public static String name(int linkType) {
    return switch (linkType) {
      case NULL -> "NULL";
      case ETHERNET -> "EN10MB";
      case RAW -> "RAW";
      case LOOP -> "LOOP";
      case LINUX_SLL -> "LINUX_SLL";
      case IPV4 -> "IPV4";
      case IPV6 -> "IPV6";
      case LINUX_SLL2 -> "LINUX_SLL2";
      default -> "LINKTYPE_" + linkType;
    };
  }
}
