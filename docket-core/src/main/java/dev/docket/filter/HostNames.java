package dev.docket.filter;

import dev.docket.query.InvalidQueryException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses a tcpdump expression in which libpcap would look a name up as a host: {@code host
 * example.org}, a bare {@code example}, {@code gateway NAME}. libpcap resolves those with
 * getaddrinfo while compiling, which sends DNS queries and can wait for seconds; Docket never looks
 * names up (its own language takes only addresses). Names libpcap reads from local files stay
 * allowed: services after {@code port}, protocols after {@code proto}, networks after {@code net},
 * {@code /etc/ethers} after {@code ether host}, and the plain strings of {@code ifname},
 * {@code reason} and their kind.
 *
 * <p>The words are told apart as libpcap's own scanner ({@code scanner.l}) tells them: its keywords
 * and named constants, numbers, dotted IPv4, IPv6 and MAC addresses; any other word is a name, and
 * takes the qualifier before it ({@code host a or b}: b is a host too).
 */
final class HostNames {
  /** libpcap's keywords (scanner.l), its named constants, and its operators spelled as words. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "dst", "src", "link", "ether", "ppp", "slip", "fddi", "tr", "wlan", "arp", "rarp", "ip", "sctp", "tcp", "udp",
          "icmp", "igmp", "igrp", "pim", "vrrp", "carp", "radio", "ip6", "icmp6", "ah", "esp", "atalk", "aarp", "decnet",
          "lat", "sca", "moprc", "mopdl", "iso", "esis", "es-is", "isis", "is-is", "l1", "l2", "iih", "lsp", "snp", "csnp",
          "psnp", "clnp", "stp", "ipx", "netbeui", "host", "net", "mask", "port", "portrange", "proto", "protochain",
          "gateway", "type", "subtype", "direction", "dir", "address1", "addr1", "address2", "addr2", "address3", "addr3",
          "address4", "addr4", "ra", "ta", "less", "greater", "byte", "broadcast", "multicast", "and", "or", "not", "len",
          "length", "inbound", "outbound", "ifindex", "vlan", "mpls", "pppoed", "pppoes", "geneve", "vxlan", "lane", "llc",
          "metac", "bcc", "oam", "oamf4", "oamf4ec", "oamf4sc", "sc", "ilmic", "vpi", "vci", "connectmsg", "metaconnect",
          "on", "ifname", "rset", "ruleset", "rnr", "rulenum", "srnr", "subrulenum", "reason", "action", "fisu", "lssu",
          "lsu", "msu", "hfisu", "hlssu", "hmsu", "sio", "opc", "dpc", "sls", "hsio", "hopc", "hdpc", "hsls",
          "icmptype", "icmpcode", "icmp-echoreply", "icmp-unreach", "icmp-sourcequench", "icmp-redirect", "icmp-echo",
          "icmp-routeradvert", "icmp-routersolicit", "icmp-timxceed", "icmp-paramprob", "icmp-tstamp",
          "icmp-tstampreply", "icmp-ireq", "icmp-ireqreply", "icmp-maskreq", "icmp-maskreply", "icmp6type",
          "icmp6code", "icmp6-destinationunreach", "icmp6-packettoobig", "icmp6-timeexceeded",
          "icmp6-parameterproblem", "icmp6-echo", "icmp6-echoreply", "icmp6-multicastlistenerquery",
          "icmp6-multicastlistenerreportv1", "icmp6-multicastlistenerdone", "icmp6-routersolicit",
          "icmp6-routeradvert", "icmp6-neighborsolicit", "icmp6-neighboradvert", "icmp6-redirect",
          "icmp6-routerrenum", "icmp6-nodeinformationquery", "icmp6-nodeinformationresponse",
          "icmp6-ineighbordiscoverysolicit", "icmp6-ineighbordiscoveryadvert", "icmp6-multicastlistenerreportv2",
          "icmp6-homeagentdiscoveryrequest", "icmp6-homeagentdiscoveryreply", "icmp6-mobileprefixsolicit",
          "icmp6-mobileprefixadvert", "icmp6-certpathsolicit", "icmp6-certpathadvert", "icmp6-multicastrouteradvert",
          "icmp6-multicastroutersolicit", "icmp6-multicastrouterterm", "tcpflags", "tcp-fin", "tcp-syn", "tcp-rst",
          "tcp-push", "tcp-ack", "tcp-urg", "tcp-ece", "tcp-cwr");

  /** Qualifiers after which a name is read from a local file, or is a plain string: no DNS. */
  private static final Set<String> LOCAL_NAMES =
      Set.of("port", "portrange", "proto", "protochain", "net", "on", "ifname", "rset", "ruleset", "reason", "action", "type",
          "subtype", "direction", "dir");

  /** Qualifiers after which a name is a host: looked up by getaddrinfo. */
  private static final Set<String> HOST_NAMES = Set.of("host", "gateway");

  /** Link layers whose {@code host NAME} is read from /etc/ethers, not resolved. */
  private static final Set<String> LINK_LAYERS = Set.of("ether", "link", "fddi", "tr", "wlan", "ppp", "slip");

  /** libpcap's scanner's words: an ID, or the words that look like one (keywords, numbers, addresses). */
  private static final Pattern WORD = Pattern.compile("\\\\[^ !()\\n\\t]+|[A-Za-z0-9:]([-_.A-Za-z0-9:]*[.A-Za-z0-9:])?");
  private static final Pattern NUMBER = Pattern.compile("[0-9]+|0[xX][0-9A-Fa-f]+");
  private static final Pattern DOTTED = Pattern.compile("[0-9]+(\\.[0-9]+){1,3}");

  private HostNames() {}

  /** @throws InvalidQueryException when libpcap would look a name up as a host */
  static void refuseLookups(String expression) {
    Matcher words = WORD.matcher(expression);
    String qualifier = "host"; // libpcap's default: a bare name is a host
    boolean linkHost = false; // the qualifier is a link layer's host (ether host NAME: /etc/ethers)
    String protocol = ""; // the current primitive's protocol keyword, if any
    while (words.find()) {
      String word = words.group();
      if (KEYWORDS.contains(word)) {
        if (LOCAL_NAMES.contains(word) || HOST_NAMES.contains(word)) {
          qualifier = word;
          linkHost = word.equals("host") && LINK_LAYERS.contains(protocol);
        } else if (word.equals("and") || word.equals("or") || word.equals("not")) {
          protocol = ""; // a new primitive; its names inherit the qualifier, as in libpcap
        } else if (!word.equals("src") && !word.equals("dst")) {
          protocol = word;
        }
        continue;
      }
      if (isLiteral(word) || LOCAL_NAMES.contains(qualifier) || linkHost) {
        continue;
      }
      throw new InvalidQueryException(
          "bpf \"" + expression + "\": libpcap would look '" + word + "' up as a host name, and Docket never looks names up; "
              + "give an address");
    }
  }

  /** Numbers, dotted IPv4 (libpcap also takes 10.1 and 10.1.2), IPv6 and MAC addresses. */
  private static boolean isLiteral(String word) {
    return NUMBER.matcher(word).matches() || DOTTED.matcher(word).matches() || word.indexOf(':') >= 0;
  }
}
