/** The {@code motif} command line and its interactive shell, on the engine's API. */
module io.motif.repl {
  requires io.motif.engine;
  requires io.motif.io;
  requires info.picocli;
  requires com.fasterxml.jackson.core;
  requires org.jline;
  requires io.github.javadiffutils;
  // The shell's highlighter reads the generated lexer's tokens.
  // motif run turns SIGINT/SIGTERM into an orderly stop (sun.misc.Signal).
  requires jdk.unsupported;

  // The Kafka application reads and writes events with the CLI's codec (until a motif-io module).
  // picocli sets the commands' annotated fields reflectively.
  opens io.motif.cli to
      info.picocli;
}
