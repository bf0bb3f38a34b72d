package dev.docket.web;

import dev.docket.source.PacketSource;
import java.util.List;

/** The packet sources the server queries, the job service's too: a bean of its own for injection. */
record ServedSources(List<PacketSource> all) {
  ServedSources {
    all = List.copyOf(all);
  }
}
