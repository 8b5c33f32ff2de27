package io.motif.io;

import java.io.IOException;
import java.io.InputStream;

/** Reads the events of one input; JSON Lines and CSV readers alike. */
public interface EventReader {
  /** Reads every record, handing each event and each malformed record to {@code sink}. */
  void read(InputStream in, EventSink sink) throws IOException;

  /**
   * The next {@link #read} goes on at byte {@code offset}, the start of line {@code line}: where an
   * earlier reading of the same input stood, to resume it.
   */
  EventReader startAt(long offset, long line);

  /** During a sink's call: the byte offset just after the record it is given. */
  long position();

  /** During a sink's call: the last line of the record it is given. */
  long lastLine();
}
