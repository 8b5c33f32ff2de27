package io.motif.source;

import java.util.Arrays;

/** A named source text, with the line table that turns offsets into lines and columns. */
public final class Source {
  private final String name;
  private final String text;
  private final int[] lineStarts;

  public Source(String name, String text) {
    this.name = name;
    this.text = text;
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, n);
  }

  public String name() {
    return name;
  }

  public String text() {
    return text;
  }

  /** The 1-based line of an offset. */
  public int line(int offset) {
    int i = Arrays.binarySearch(lineStarts, Math.min(offset, text.length()));
    return (i >= 0 ? i : -i - 2) + 1;
  }

  /** The 1-based column of an offset, counting characters. */
  public int column(int offset) {
    int clamped = Math.min(offset, text.length());
    return clamped - lineStarts[line(clamped) - 1] + 1;
  }

  /** The text of a 1-based line, without its line break. */
  public String lineText(int line) {
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
    if (end > start && text.charAt(end - 1) == '\r') {
      end--;
    }
    return text.substring(start, Math.max(start, end));
  }

  public int lineCount() {
    return lineStarts.length;
  }
}
