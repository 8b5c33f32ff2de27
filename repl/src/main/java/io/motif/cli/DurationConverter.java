package io.motif.cli;

import io.motif.io.Durations;
import picocli.CommandLine;

/** Reads {@code --max-delay 5s}: a duration in milliseconds. */
final class DurationConverter implements CommandLine.ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    try {
      return Durations.parseMillis(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
