/**
 * Motif's front end: source text and its diagnostics ({@code io.motif.source}), the syntax tree
 * ({@code io.motif.ast}) and the parser that builds it ({@code io.motif.parse}, the only package
 * that sees ANTLR's generated code: exported only to the engine, which compiles through it, and to
 * the shell, which reads the lexer's tokens).
 */
module io.motif.grammar {
  requires org.antlr.antlr4.runtime;

  exports io.motif.source;
  exports io.motif.ast;
  exports io.motif.parse to
      io.motif.engine,
      io.motif.repl;
}
