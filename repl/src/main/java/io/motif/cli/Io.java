package io.motif.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The standard streams a command uses; tests pass their own to run commands in-process. */
public final class Io {
  final InputStream in;
  final PrintStream out;
  final PrintStream err;
  /** Standard error as UTF-8 text, autoflushed per line. */
  final PrintWriter errWriter;

  public Io(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
  }

  /** The process's own streams. */
  public static Io system() {
    return new Io(System.in, System.out, System.err);
  }
}
