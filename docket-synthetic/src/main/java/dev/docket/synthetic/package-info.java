/**
 * Deterministic synthetic traffic: a {@link dev.docket.packet.PacketStream} of realistic,
 * checksum-correct Ethernet frames (TCP sessions, DNS, ICMP, ARP, IPv6 with extension headers,
 * VLAN, QinQ and MPLS tags, IPv4 fragments) for tests, benchmarks and demos. The same {@link
 * dev.docket.synthetic.TrafficSpec} always yields the same bytes.
 */
@NullMarked
package dev.docket.synthetic;

import org.jspecify.annotations.NullMarked;
