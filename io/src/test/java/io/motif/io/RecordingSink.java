package io.motif.io;

import io.motif.engine.Event;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a reader delivers: the events, and a log of {@code LINE: ...} entries in order. */
final class RecordingSink implements EventSink {
  final List<Event> events = new ArrayList<>();
  final List<Long> eventLines = new ArrayList<>();
  final List<String> bad = new ArrayList<>();
  final List<String> log = new ArrayList<>();

  @Override
  public boolean event(Event event, long line) {
    events.add(event);
    eventLines.add(line);
    log.add(line + ": " + event.type());
    return true;
  }

  @Override
  public boolean bad(long line, String message) {
    bad.add(line + ": " + message);
    log.add(line + ": bad: " + message);
    return true;
  }
}
