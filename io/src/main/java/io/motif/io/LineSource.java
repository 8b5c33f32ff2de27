package io.motif.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of a byte stream, decoded from UTF-8 one at a time into a reused buffer: what both
 * event readers read. A line ends at {@code \n}, {@code \r\n} or {@code \r}; a byte order mark at
 * the start of the stream is skipped.
 *
 * <p>Bad input never stops the reading. A byte that is not UTF-8 is decoded as U+FFFD and the first
 * one of the line is noted ({@link #badByte()}), so that the reader can report the line and go on.
 * A line longer than the limit is skipped without being kept ({@link #tooLong()}). A position can
 * be marked and returned to: a CSV row whose quoted field runs over line breaks and never closes is
 * read again from its second line.
 *
 * <p>Not thread-safe. Nothing is allocated per line once the buffers have grown to the longest
 * line.
 */
final class LineSource {
  /** How a line ended: at the end of the input, or at a line break of one kind. */
  static final int NONE = 0;

  static final int LF = 1;
  static final int CR = 2;
  static final int CRLF = 3;

  private final InputStream in;
  private final int maxLineBytes;
  private byte[] buf = new byte[1 << 16];

  /** The next byte to read, and the end of the bytes read so far. */
  private int pos;

  private int limit;

  /** How many bytes of the stream came before {@code buf[0]}. */
  private long base;

  private boolean eof;
  private boolean atStart = true;

  /** The marked position in {@link #buf} (kept there until reset or unmarked), or -1. */
  private int mark = -1;

  private long markNumber;

  private long number;
  private char[] chars = new char[256];
  private int length;
  private int lineBytes;
  private int lineBreak;
  private boolean tooLong;
  private int badByte = -1;
  private int badColumn;

  LineSource(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** Moves to the next line; false at the end of the input. */
  boolean next() throws IOException {
    tooLong = false;
    badByte = -1;
    length = 0;
    while (pos == limit && !eof) {
      fill(pos);
    }
    if (pos == limit) {
      return false;
    }
    number++;
    int start = pos;
    int i = pos;
    while (true) {
      byte[] b = buf;
      int end = limit;
      while (i < end) {
        byte x = b[i];
        if (x == '\n' || x == '\r') {
          break;
        }
        i++;
      }
      if (i < limit || eof) {
        break;
      }
      if (i - start > maxLineBytes) {
        return skipLongLine(start);
      }
      int moved = fill(start);
      start -= moved;
      i -= moved;
    }
    int end = i;
    if (i < limit) {
      int moved = lineBreak(i, start);
      start -= moved;
      end -= moved;
    } else {
      lineBreak = NONE;
      pos = limit;
    }
    if (atStart) {
      atStart = false;
      if (end - start >= 3
          && buf[start] == (byte) 0xEF
          && buf[start + 1] == (byte) 0xBB
          && buf[start + 2] == (byte) 0xBF) {
        start += 3;
      }
    }
    lineBytes = end - start;
    if (lineBytes > maxLineBytes) {
      tooLong = true;
      return true;
    }
    decode(start, end);
    return true;
  }

  /** The current line's number, from 1. */
  long number() {
    return number;
  }

  /** The byte offset in the stream just after the current line and its line break. */
  long position() {
    return base + pos;
  }

  /**
   * Goes on from byte {@code offset} of the stream, which starts line {@code nextLine} (a place
   * {@link #position()} gave in an earlier reading of the same bytes): what comes before it is
   * passed over without being decoded. Returns false when the stream is shorter than that.
   */
  boolean skipTo(long offset, long nextLine) throws IOException {
    while (base + limit < offset && !eof) {
      pos = limit;
      fill(limit);
    }
    if (base + limit < offset) {
      pos = limit;
      return false;
    }
    pos = (int) Math.max(pos, offset - base);
    number = nextLine - 1;
    atStart = false;
    return true;
  }

  /** The current line's characters, without its line break: {@code chars()[0..length())}. */
  char[] chars() {
    return chars;
  }

  int length() {
    return length;
  }

  /** The bytes of the current line, without its line break. */
  int lineBytes() {
    return lineBytes;
  }

  /** How the current line ended: {@link #NONE} (the end of the input), LF, CR or CRLF. */
  int lineBreak() {
    return lineBreak;
  }

  /** Appends the current line's line break, as it was written. */
  void appendLineBreak(StringBuilder sb) {
    switch (lineBreak) {
      case LF -> sb.append('\n');
      case CR -> sb.append('\r');
      case CRLF -> sb.append('\r').append('\n');
      default -> {
        // the end of the input adds nothing
      }
    }
  }

  /**
   * Whether the current line is longer than the limit: it has no characters then. When a mark is
   * set, such a line may be left unread: {@link #reset} is the way on.
   */
  boolean tooLong() {
    return tooLong;
  }

  /** The first byte of the current line that is not UTF-8 (0-255), or -1 when there is none. */
  int badByte() {
    return badByte;
  }

  /** The column (from 1, in characters) of {@link #badByte()}. */
  int badColumn() {
    return badColumn;
  }

  /** Whether the current line has nothing but white space. */
  boolean blank() {
    char[] c = chars;
    for (int i = 0; i < length; i++) {
      if (!Character.isWhitespace(c[i])) {
        return false;
      }
    }
    return true;
  }

  /** Remembers the position after the current line, to come back to with {@link #reset}. */
  void mark() {
    mark = pos;
    markNumber = number;
  }

  /** Goes back to the marked position: the next line is the one after the marked line. */
  void reset() {
    pos = mark;
    number = markNumber;
    mark = -1;
    tooLong = false;
  }

  /** Forgets the mark. */
  void unmark() {
    mark = -1;
  }

  /** Why a line with {@link #badByte()} is not read, without its position. */
  static String notUtf8(int badByte, String where) {
    return "not valid UTF-8 (byte 0x"
        + Character.forDigit(badByte >> 4, 16)
        + Character.forDigit(badByte & 15, 16)
        + " at "
        + where
        + ")";
  }

  /** Why the current line is not read when {@link #badByte()} is set. */
  String notUtf8() {
    return notUtf8(badByte, "column " + badColumn);
  }

  /** Why a line that is {@link #tooLong()} is not read. */
  static String tooLongMessage(int maxBytes) {
    return "the line is longer than " + maxBytes + " bytes (the limit)";
  }

  /** Consumes the line break at {@code buf[i]}; returns how far the buffer moved. */
  private int lineBreak(int i, int keep) throws IOException {
    if (buf[i] == '\n') {
      lineBreak = LF;
      pos = i + 1;
      return 0;
    }
    int moved = 0;
    if (i + 1 == limit && !eof) {
      moved = fill(keep); // is the \r followed by a \n?
      i -= moved;
    }
    if (i + 1 < limit && buf[i + 1] == '\n') {
      lineBreak = CRLF;
      pos = i + 2;
    } else {
      lineBreak = CR;
      pos = i + 1;
    }
    return moved;
  }

  /**
   * The line from {@code start} has no end in the buffer and is already too long: it is read to its
   * end without being kept (unless a mark must be kept: then it is left for {@link #reset}).
   */
  private boolean skipLongLine(int start) throws IOException {
    tooLong = true;
    atStart = false;
    lineBytes = maxLineBytes + 1;
    if (mark >= 0) {
      pos = start;
      return true;
    }
    while (true) {
      pos = limit;
      fill(limit);
      int i = pos;
      while (i < limit && buf[i] != '\n' && buf[i] != '\r') {
        i++;
      }
      if (i < limit) {
        lineBreak(i, i);
        return true;
      }
      if (eof) {
        lineBreak = NONE;
        pos = limit;
        return true;
      }
    }
  }

  /**
   * Reads more bytes after moving {@code buf[keep..limit)} (from the mark, when one is set before
   * it) to the front; returns how far the bytes moved.
   */
  private int fill(int keep) throws IOException {
    int from = mark >= 0 && mark < keep ? mark : keep;
    if (from > 0) {
      System.arraycopy(buf, from, buf, 0, limit - from);
      base += from;
      limit -= from;
      pos -= from;
      if (mark >= 0) {
        mark -= from;
      }
    }
    if (limit == buf.length) {
      buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 16, 2L * buf.length));
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
    return from;
  }

  /**
   * Decodes {@code buf[from..to)} into {@link #chars}; a byte that does not start a well-formed
   * UTF-8 sequence (overlong forms and surrogates are not) becomes U+FFFD, the first one noted.
   */
  private void decode(int from, int to) {
    if (chars.length < to - from) {
      chars = new char[Math.max(to - from, 2 * chars.length)];
    }
    byte[] b = buf;
    char[] c = chars;
    int i = from;
    int j = 0;
    while (i < to) {
      int b0 = b[i];
      if (b0 >= 0) {
        c[j++] = (char) b0;
        i++;
        continue;
      }
      b0 &= 0xFF;
      if (b0 >= 0xC2 && b0 <= 0xDF) {
        if (i + 1 < to && (b[i + 1] & 0xC0) == 0x80) {
          c[j++] = (char) (((b0 & 0x1F) << 6) | (b[i + 1] & 0x3F));
          i += 2;
          continue;
        }
      } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        if (i + 2 < to) {
          int b1 = b[i + 1] & 0xFF;
          int b2 = b[i + 2] & 0xFF;
          if (b1 >= (b0 == 0xE0 ? 0xA0 : 0x80)
              && b1 <= (b0 == 0xED ? 0x9F : 0xBF)
              && (b2 & 0xC0) == 0x80) {
            c[j++] = (char) (((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F));
            i += 3;
            continue;
          }
        }
      } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        if (i + 3 < to) {
          int b1 = b[i + 1] & 0xFF;
          int b2 = b[i + 2] & 0xFF;
          int b3 = b[i + 3] & 0xFF;
          if (b1 >= (b0 == 0xF0 ? 0x90 : 0x80)
              && b1 <= (b0 == 0xF4 ? 0x8F : 0xBF)
              && (b2 & 0xC0) == 0x80
              && (b3 & 0xC0) == 0x80) {
            int cp = ((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F);
            c[j++] = Character.highSurrogate(cp);
            c[j++] = Character.lowSurrogate(cp);
            i += 4;
            continue;
          }
        }
      }
      if (badByte < 0) {
        badByte = b0;
        badColumn = j + 1;
      }
      c[j++] = '\uFFFD';
      i++;
    }
    length = j;
  }
}
