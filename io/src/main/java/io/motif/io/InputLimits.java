package io.motif.io;

/**
 * Bounds on one input record, so that a broken line cannot take the lines after it with it: a
 * record past a bound is a bad line, and reading goes on at the next line.
 *
 * @param maxRecordBytes the most bytes a record may take: a JSON line, or a CSV row with the lines
 *     its quoted fields run over
 * @param maxRecordLines the most lines a CSV row may run over (a quoted field with line breaks)
 */
public record InputLimits(int maxRecordBytes, int maxRecordLines) {
  /** 16 MiB, and 100 lines. */
  public static final InputLimits DEFAULT = new InputLimits(16 << 20, 100);

  public InputLimits {
    if (maxRecordBytes < 1 || maxRecordBytes > (256 << 20) || maxRecordLines < 1) {
      throw new IllegalArgumentException(
          "input limits must be positive (at most 256 MiB): "
              + maxRecordBytes
              + " bytes, "
              + maxRecordLines
              + " lines");
    }
  }
}
