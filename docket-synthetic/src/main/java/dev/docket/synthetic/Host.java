package dev.docket.synthetic;

import dev.docket.query.IpAddress;

/**
 * One machine of the synthetic site: its address, its NIC's MAC, the index of its {@link Subnet} in
 * {@link Subnet#ALL}, and the TTL (or hop limit) its operating system starts packets with.
 */
record Host(IpAddress address, long mac, int subnet, int initialTtl) {
  int version() {
    return address.version();
  }
}
