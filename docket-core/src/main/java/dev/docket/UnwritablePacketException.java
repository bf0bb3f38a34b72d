package dev.docket;

/**
 * The output format cannot hold a packet of the result: classic pcap holds one link type, no
 * timestamp past 2106 and nothing over its snapshot length. {@link OutputFormat#PCAPNG} holds them.
 */
public final class UnwritablePacketException extends OutputException {
  private static final long serialVersionUID = 1L;

  UnwritablePacketException(String message) {
    super(message);
  }
}
