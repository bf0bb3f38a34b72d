package dev.docket.pcap;

/**
 * The largest captured length a record may claim before we call the file corrupt: libpcap's
 * {@code max_snaplen_for_dlt}, so that Docket and tcpdump give up on the same damaged record.
 */
final class CapturedLengthLimit {
  static final int DEFAULT = 262_144;
  private static final int LINKTYPE_DBUS = 231;
  private static final int LINKTYPE_USBPCAP = 249;
  private static final int LINKTYPE_EBHSCR = 279;
  /** The largest of all, which bounds a reader's buffer. */
  static final int LARGEST = 128 * 1024 * 1024;

  private CapturedLengthLimit() {}

  static int forLinkType(int linkType) {
    switch (linkType) {
      case LINKTYPE_DBUS:
        return LARGEST;
      case LINKTYPE_EBHSCR:
        return 8 * 1024 * 1024;
      case LINKTYPE_USBPCAP:
        return 1024 * 1024;
      default:
        return DEFAULT;
    }
  }
}
