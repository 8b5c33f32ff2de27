package io.motif.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The standard streams a command uses; tests pass their own to run commands in-process. */
public final class Io {
  final InputStream in;
  final PrintStream out;
  final PrintStream err;

  /** Standard error as UTF-8 text, autoflushed per line. */
  final PrintWriter errWriter;

  /**
   * The file standard output writes to, when it is a regular file (not a pipe or a terminal):
   * {@code motif run --state} syncs it before each save and, resuming, cuts it back to where the
   * saved state left it. Null otherwise.
   */
  final FileChannel outFile;

  public Io(InputStream in, PrintStream out, PrintStream err) {
    this(in, out, err, null);
  }

  public Io(InputStream in, PrintStream out, PrintStream err, FileChannel outFile) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.outFile = outFile;
    this.errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
  }

  /** The process's own streams. */
  public static Io system() {
    return new Io(System.in, System.out, System.err, standardOutputFile());
  }

  /** Standard output's file, when it is a regular one (seen through /proc on Linux), else null. */
  private static FileChannel standardOutputFile() {
    try {
      if (!Files.isRegularFile(Path.of("/proc/self/fd/1"))) {
        return null;
      }
      return new FileOutputStream(FileDescriptor.out).getChannel();
    } catch (RuntimeException notThere) {
      return null;
    }
  }
}
