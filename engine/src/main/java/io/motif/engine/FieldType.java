package io.motif.engine;

import java.util.Locale;

/** The type of a field in an {@code event} declaration (LANGUAGE.md §3). */
public enum FieldType {
  /** Text. */
  STRING,
  /** A 64-bit integer ({@code int} is an alias). */
  LONG,
  /** A 64-bit floating-point number ({@code float} is an alias). */
  DOUBLE,
  /** {@code true} or {@code false}. */
  BOOLEAN,
  /** Epoch milliseconds; ISO-8601 strings are accepted on input. */
  TIME,
  /** Any value: not converted on input. */
  ANY;

  /** The type as Motif writes it in a declaration: {@code string}, {@code long}, .... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
