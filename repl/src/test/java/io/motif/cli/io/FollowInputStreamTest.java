package io.motif.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowInputStreamTest {
  @TempDir Path tmp;

  private static String read(FollowInputStream in) throws IOException {
    byte[] buf = new byte[100];
    int n = in.read(buf, 0, buf.length);
    return n < 0 ? "<end>" : new String(buf, 0, n, StandardCharsets.UTF_8);
  }

  @Test
  void growsRotatesTruncatesAndStops() throws IOException {
    Path log = tmp.resolve("a.log");
    Files.writeString(log, "x");
    boolean[] stop = {false};
    int[] idle = {0};
    // Waiting for more (idle) stops it here: every read before the last finds bytes.
    Runnable onIdle =
        () -> {
          idle[0]++;
          stop[0] = true;
        };
    try (FollowInputStream in = new FollowInputStream(log, 5, onIdle, () -> stop[0])) {
      assertEquals("x", read(in));
      Files.writeString(log, "1\n", StandardOpenOption.APPEND);
      assertEquals("1\n", read(in));
      // Rotated while the last line had no line break: it is ended, then the new file is read.
      Files.writeString(log, "half", StandardOpenOption.APPEND);
      assertEquals("half", read(in));
      Path next = tmp.resolve("b.log");
      Files.writeString(next, "y\n");
      Files.move(next, log, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      assertEquals("\n", read(in));
      assertEquals("y\n", read(in));
      // Truncated: read again from the start.
      Files.writeString(log, "z", StandardOpenOption.TRUNCATE_EXISTING);
      assertEquals("z", read(in));
      assertEquals("<end>", read(in));
    }
    assertEquals(1, idle[0]);
  }
}
