package io.motif.engine;

/** A snapshot could not be read: corrupt, truncated, of another version, or not a snapshot. */
public final class SnapshotException extends Exception {
  public SnapshotException(String message) {
    super(message);
  }

  public SnapshotException(String message, Throwable cause) {
    super(message, cause);
  }
}
