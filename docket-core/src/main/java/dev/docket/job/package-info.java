/**
 * Jobs: queries that run in the background of a service, for many analysts at once. {@link
 * dev.docket.job.JobService} queues them fairly (one queue per user, taken in turn), runs a bounded
 * number at once and at most a few per source, keeps each job's record and result in a spool
 * directory that survives restarts, summarizes each result while writing it, and expires results
 * by age and quota. No framework and no HTTP: the web server, the command line and embedders drive
 * it alike.
 */
@NullMarked
package dev.docket.job;

import org.jspecify.annotations.NullMarked;
