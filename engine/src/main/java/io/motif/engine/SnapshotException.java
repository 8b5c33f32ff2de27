package io.motif.engine;

/** A snapshot could not be read: corrupt, truncated, of another version, or not a snapshot. */
public final class SnapshotException extends Exception {
  /** An exception saying what is wrong with the snapshot. */
  public SnapshotException(String message) {
    super(message);
  }

  /** An exception saying what is wrong with the snapshot, and the failure that showed it. */
  public SnapshotException(String message, Throwable cause) {
    super(message, cause);
  }
}
