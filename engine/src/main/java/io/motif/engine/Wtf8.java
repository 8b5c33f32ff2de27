package io.motif.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Strings as bytes without loss: UTF-8, except that a lone surrogate (a Java string may hold one;
 * UTF-8 cannot) is written as the three bytes UTF-8 would give its code unit, as WTF-8 does. A
 * well-formed string gives exactly its UTF-8 bytes, so snapshots written before keep reading the
 * same.
 */
final class Wtf8 {
  private Wtf8() {}

  static byte[] encode(String s) {
    if (!hasLoneSurrogate(s)) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() * 3);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        out.write(0xF0 | (cp >>> 18));
        out.write(0x80 | ((cp >>> 12) & 0x3F));
        out.write(0x80 | ((cp >>> 6) & 0x3F));
        out.write(0x80 | (cp & 0x3F));
      } else if (c < 0x80) {
        out.write(c);
      } else if (c < 0x800) {
        out.write(0xC0 | (c >>> 6));
        out.write(0x80 | (c & 0x3F));
      } else {
        out.write(0xE0 | (c >>> 12));
        out.write(0x80 | ((c >>> 6) & 0x3F));
        out.write(0x80 | (c & 0x3F));
      }
    }
    return out.toByteArray();
  }

  /** The string of {@link #encode}'s bytes; null when they are not such bytes. */
  static String decode(byte[] b) {
    boolean plain = true;
    for (byte x : b) {
      if (x == (byte) 0xED) { // the lead byte of every encoded surrogate
        plain = false;
        break;
      }
    }
    if (plain) {
      return new String(b, StandardCharsets.UTF_8);
    }
    StringBuilder sb = new StringBuilder(b.length);
    int i = 0;
    while (i < b.length) {
      int x = b[i] & 0xFF;
      int n = x < 0x80 ? 1 : x >= 0xF0 ? 4 : x >= 0xE0 ? 3 : x >= 0xC0 ? 2 : -1;
      if (n < 0 || i + n > b.length) {
        return null;
      }
      int cp = n == 1 ? x : x & (0xFF >>> (n + 1));
      for (int k = 1; k < n; k++) {
        int y = b[i + k] & 0xFF;
        if ((y & 0xC0) != 0x80) {
          return null;
        }
        cp = (cp << 6) | (y & 0x3F);
      }
      sb.appendCodePoint(cp);
      i += n;
    }
    return sb.toString();
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return true;
        }
      }
    }
    return false;
  }
}
