package dev.docket.query;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * What a Docket form or URL path asks for: the query, and the optional limits on how much of the
 * result to return (Stenographer's {@code Steno-Limit-Packets} / {@code Steno-Limit-Bytes}).
 */
public record FormQuery(Query query, OptionalLong limitPackets, OptionalLong limitBytes) {
  public FormQuery {
    requireNonNull(query, "query");
    requireNonNull(limitPackets, "limitPackets");
    requireNonNull(limitBytes, "limitBytes");
  }
}
