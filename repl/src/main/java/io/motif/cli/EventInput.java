package io.motif.cli;

import io.motif.engine.EventSchema;
import io.motif.io.CsvEventReader;
import io.motif.io.EventReader;
import io.motif.io.EventSink;
import io.motif.io.JsonLinesReader;
import io.motif.io.TimeUnits;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * How the commands that read events ({@code motif run}, {@code motif why}) read them: the type and
 * time fields, the maximum delay; and the reading itself, so that both read a file exactly alike.
 * (The input format is an option of each command: {@code motif why} has its own {@code --format}
 * for what it prints.)
 */
final class EventInput {
  /** The input formats. */
  enum Format {
    jsonl,
    json,
    csv
  }

  @Option(
      names = "--type-field",
      paramLabel = "NAME",
      defaultValue = "type",
      description = "The field (or CSV column) holding the event type (default: ${DEFAULT-VALUE}).")
  String typeField;

  @Option(
      names = "--time-field",
      paramLabel = "NAME",
      defaultValue = "time",
      description =
          "The field (or CSV column) holding the event time: epoch milliseconds or"
              + " ISO-8601, UTC without offset (default: ${DEFAULT-VALUE}).")
  String timeField;

  @Option(
      names = "--max-delay",
      paramLabel = "DURATION",
      defaultValue = "0ms",
      converter = DurationConverter.class,
      description =
          "Accept events out of order by up to this much (250ms, 5s, 2min); older ones"
              + " are late: reported and not processed (default: 0).")
  long maxDelay;

  @Option(
      names = "--time-unit",
      paramLabel = "s|ms|us|ns",
      defaultValue = "ms",
      description =
          "The unit of numeric times (epoch seconds, milliseconds, microseconds or"
              + " nanoseconds), converted to milliseconds, rounded down (default: ${DEFAULT-VALUE}).")
  TimeUnits timeUnit;

  @Option(
      names = "--delimiter",
      paramLabel = "CHAR",
      defaultValue = ",",
      converter = DelimiterConverter.class,
      description = "The CSV delimiter: ',' (the default), ';', '|', or tab (written tab or \\t).")
  char delimiter;

  /** Reads {@code --delimiter}: one character, {@code tab} or {@code \t} for a tab. */
  static final class DelimiterConverter implements picocli.CommandLine.ITypeConverter<Character> {
    @Override
    public Character convert(String value) {
      if (value.equals("tab") || value.equals("\\t")) {
        return '\t';
      }
      if (value.length() != 1 || value.equals("\"") || value.equals("\n") || value.equals("\r")) {
        throw new picocli.CommandLine.TypeConversionException(
            "expected one character such as" + " ';' or '|', or tab, not '" + value + "'");
      }
      return value.charAt(0);
    }
  }

  /**
   * Reads one input ({@code -}: standard input, left open) in {@code format} (null: CSV for {@code
   * *.csv}, else JSON Lines), handing each event and each malformed record to {@code sink}.
   */
  void read(String in, Format format, Io io, EventSchema schema, EventSink sink)
      throws IOException {
    read(in, reader(in, format, schema), io, sink);
  }

  /** Reads one input with a reader made by {@link #reader} (which may resume mid-way). */
  static void read(String in, EventReader reader, Io io, EventSink sink) throws IOException {
    try (InputStream bytes = open(in, io)) {
      reader.read(bytes, sink);
    }
  }

  /** The reader for one input: CSV or JSON Lines, with these options. */
  EventReader reader(String in, Format format, EventSchema schema) {
    return formatOf(in, format) == Format.csv
        ? new CsvEventReader(schema, typeField, timeField).delimiter(delimiter).timeUnit(timeUnit)
        : new JsonLinesReader(schema, typeField, timeField).timeUnit(timeUnit);
  }

  /** The bytes of an input (the readers buffer and decode them, reporting what is not UTF-8). */
  private static InputStream open(String in, Io io) throws IOException {
    if (in.equals("-")) {
      return new FilterInputStream(io.in) {
        @Override
        public void close() {
          // standard input stays open for whoever owns it
        }
      };
    }
    return Files.newInputStream(Path.of(in));
  }

  private static Format formatOf(String in, Format format) {
    if (format != null) {
      return format;
    }
    return in.toLowerCase(Locale.ROOT).endsWith(".csv") ? Format.csv : Format.jsonl;
  }
}
