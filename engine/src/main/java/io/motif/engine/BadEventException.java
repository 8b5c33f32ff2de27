package io.motif.engine;

/**
 * An input record that is not a valid event, or a value that does not fit its declared field: the
 * message says why, in the words of the input, without the record's position (the reader adds it).
 */
public final class BadEventException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An exception with this message and no stack trace (it is expected input, not a bug). */
  public BadEventException(String message) {
    super(message, null, false, false);
  }
}
