package dev.docket.job;

/**
 * A job the service will not take, with one line that says why and what to do: the spool's disk is
 * too full, the query would read too much, a source is unknown, a limit is above the service's.
 */
public final class JobRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Reason reason;

  /** Why a job was refused, for a program to tell the cases apart (the REST API's status codes). */
  public enum Reason {
    /** The request itself is wrong: an unknown source, a limit above the service's. */
    BAD_REQUEST,
    /** The estimate is above the service's limit and the request did not accept a large query. */
    TOO_LARGE,
    /** The spool's disk is below its floor of free space. */
    NO_SPACE
  }

  public JobRefusedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
