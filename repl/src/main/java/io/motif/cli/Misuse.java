package io.motif.cli;

/** A misuse of a command (a missing file, an unknown pattern, an unsupported option): exit 2. */
final class Misuse extends RuntimeException {
  private static final long serialVersionUID = 1L;

  Misuse(String message) {
    super(message, null, false, false);
  }
}
