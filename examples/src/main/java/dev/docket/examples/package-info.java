/**
 * Small programs that embed Docket, each one file with a main method. The front door ({@code
 * dev.docket.Docket}): {@link dev.docket.examples.QueryStoreExample} (a directory of captures to a
 * pcap), {@link dev.docket.examples.ExplainPlanExample} (what a Stenographer sensor runs and what
 * Docket trims), {@link dev.docket.examples.BucketSourceExample} (a source of your own, {@link
 * dev.docket.examples.BucketSource}, beside a local store). Below it, the parts it is built from:
 * {@link dev.docket.examples.ConversationExtractor} (parse, filter, merge, write).
 */
@NullMarked
package dev.docket.examples;

import org.jspecify.annotations.NullMarked;
