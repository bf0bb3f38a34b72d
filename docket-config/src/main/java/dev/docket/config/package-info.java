/**
 * Docket's configuration file, read by the CLI and the web server alike: the packet sources, parsed
 * from YAML into a validated model, and the factory that turns it into {@code PacketSource}s.
 */
@NullMarked
package dev.docket.config;

import org.jspecify.annotations.NullMarked;
