package io.motif.cli.io;

/** An input record that is not a valid event; the message says why, without the position. */
public final class BadEventException extends Exception {
  private static final long serialVersionUID = 1L;

  public BadEventException(String message) {
    super(message, null, false, false);
  }
}
