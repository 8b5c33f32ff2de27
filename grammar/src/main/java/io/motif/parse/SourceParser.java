package io.motif.parse;

import io.motif.ast.Expr;
import io.motif.ast.PatternExpr;
import io.motif.ast.Script;
import io.motif.ast.Statement;
import io.motif.source.Codes;
import io.motif.source.Diagnostic;
import io.motif.source.Diagnostics;
import io.motif.source.Source;
import io.motif.source.Span;
import java.nio.CharBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CodePointBuffer;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

/**
 * The front end's entry point: Motif source text to an immutable AST plus diagnostics. Never throws
 * on bad input: size, nesting depth and recursion are bounded and reported as positioned errors.
 */
public final class SourceParser {
  /** The largest source accepted, in characters. */
  public static final int MAX_SOURCE_CHARS = 8 * 1024 * 1024;

  /** The deepest nesting of parentheses and braces accepted. */
  public static final int MAX_NESTING = 500;

  private static final long PARSER_STACK_BYTES = 512L * 1024 * 1024;

  private SourceParser() {}

  /** Parses a whole script. */
  public static ParseResult parse(Source source) {
    return run(
        source,
        parser -> {
          Diagnostics diagnostics = parser.diagnostics;
          Set<String> broken = parser.broken;
          MotifParser.ScriptContext tree = parser.parser.script();
          return new AstBuilder(diagnostics, broken).script(tree);
        });
  }

  /** Parses one statement, as the REPL reads it. */
  public static Fragment<Statement> parseStatement(Source source) {
    return fragment(
        source,
        p -> {
          MotifParser.StandaloneStatementContext ctx = p.parser.standaloneStatement();
          return AstBuilder.hasSyntaxError(ctx)
              ? null
              : new AstBuilder(p.diagnostics, p.broken).statement(ctx.statement());
        });
  }

  /** Parses a pattern expression alone. */
  public static Fragment<PatternExpr> parsePattern(Source source) {
    return fragment(
        source,
        p -> {
          MotifParser.StandalonePatternContext ctx = p.parser.standalonePattern();
          return AstBuilder.hasSyntaxError(ctx)
              ? null
              : new AstBuilder(p.diagnostics, p.broken).patternExpr(ctx.patternExpr());
        });
  }

  /** Parses an expression alone. */
  public static Fragment<Expr> parseExpression(Source source) {
    return fragment(
        source,
        p -> {
          MotifParser.StandaloneExpressionContext ctx = p.parser.standaloneExpression();
          return AstBuilder.hasSyntaxError(ctx)
              ? null
              : new AstBuilder(p.diagnostics, p.broken).expr(ctx.expression());
        });
  }

  /**
   * Parses an event typed alone, as the REPL reads it: {@code Login(user: "al") at 5s}, its {@code
   * at} optional (the literal's time is then null).
   */
  public static Fragment<Statement.EventLiteral> parseEvent(Source source) {
    return fragment(
        source,
        p -> {
          MotifParser.StandaloneEventContext ctx = p.parser.standaloneEvent();
          return AstBuilder.hasSyntaxError(ctx)
              ? null
              : new AstBuilder(p.diagnostics, p.broken).standaloneEvent(ctx);
        });
  }

  /** A parsed fragment, or null with errors. */
  public record Fragment<T>(T value, List<Diagnostic> diagnostics) {
    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  // ---- machinery ----

  private static final class Run {
    final MotifParser parser;
    final Diagnostics diagnostics;
    final Set<String> broken = new HashSet<>();

    Run(MotifParser parser, Diagnostics diagnostics) {
      this.parser = parser;
      this.diagnostics = diagnostics;
    }
  }

  private static ParseResult run(Source source, Function<Run, Script> body) {
    Diagnostics diagnostics = new Diagnostics();
    Set<String> broken = new HashSet<>();
    Script script =
        guarded(
            source,
            diagnostics,
            run -> {
              Script s = body.apply(run);
              broken.addAll(run.broken);
              return s;
            });
    if (script == null) {
      script = new Script(List.of(), new Span(0, source.text().length()));
    }
    return new ParseResult(source, script, diagnostics.sorted(), broken);
  }

  private static <T> Fragment<T> fragment(Source source, Function<Run, T> body) {
    Diagnostics diagnostics = new Diagnostics();
    T value = guarded(source, diagnostics, body);
    return new Fragment<>(diagnostics.hasErrors() ? null : value, diagnostics.sorted());
  }

  /**
   * Checks the limits, then parses on a thread with a large stack: ANTLR recurses once per nesting
   * level, and a deep but legal input must not overflow the caller's stack.
   */
  private static <T> T guarded(Source source, Diagnostics diagnostics, Function<Run, T> body) {
    String text = source.text();
    if (text.length() > MAX_SOURCE_CHARS) {
      diagnostics.error(
          Codes.TOO_LARGE,
          "the source is " + text.length() + " characters long; the limit is " + MAX_SOURCE_CHARS,
          new Span(0, 0));
      return null;
    }
    if (!checkNesting(text, diagnostics)) {
      return null;
    }
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable task =
        () -> {
          try {
            MotifLexer lexer = new MotifLexer(utf16(text, source.name()));
            lexer.removeErrorListeners();
            CommonTokenStream tokens = new CommonTokenStream(lexer);
            MotifParser parser = new MotifParser(tokens);
            parser.removeErrorListeners();
            parser.setErrorHandler(new StatementRecoveryStrategy());
            SyntaxErrorListener listener = new SyntaxErrorListener(diagnostics, text.length());
            parser.addErrorListener(listener);
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            result.set(body.apply(new Run(parser, diagnostics)));
            tokens.fill();
            listener.reportLexicalErrors(tokens.getTokens());
          } catch (StackOverflowError e) {
            diagnostics.error(
                Codes.TOO_DEEP, "the source nests too deeply to read", new Span(0, 0));
          } catch (Throwable t) {
            failure.set(t);
          }
        };
    Thread thread = new Thread(null, task, "motif-parser", PARSER_STACK_BYTES);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      diagnostics.error(Codes.SYNTAX, "parsing was interrupted", new Span(0, 0));
      return null;
    }
    if (failure.get() instanceof RuntimeException re) {
      throw re;
    } else if (failure.get() instanceof Error err) {
      throw err;
    }
    return result.get();
  }

  /** Reports the first bracket that nests deeper than {@link #MAX_NESTING}. */
  private static boolean checkNesting(String text, Diagnostics diagnostics) {
    MotifLexer lexer = new MotifLexer(utf16(text, IntStream.UNKNOWN_SOURCE_NAME));
    lexer.removeErrorListeners();
    int depth = 0;
    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
      int type = t.getType();
      if (type == MotifLexer.LPAREN || type == MotifLexer.LBRACE) {
        if (++depth > MAX_NESTING) {
          diagnostics.error(
              Codes.TOO_DEEP,
              "brackets nest more than "
                  + MAX_NESTING
                  + " levels deep here; split the expression or pattern",
              new Span(t.getStartIndex(), t.getStartIndex() + 1));
          return false;
        }
      } else if (type == MotifLexer.RPAREN || type == MotifLexer.RBRACE) {
        depth = Math.max(0, depth - 1);
      }
    }
    return true;
  }

  /**
   * The text as a stream of UTF-16 code units, not code points, so that token offsets are Java
   * string offsets, as {@link Span} and {@link Source} count them, also after a character outside
   * the Basic Multilingual Plane.
   */
  static CharStream utf16(String text, String name) {
    CodePointBuffer units = CodePointBuffer.withChars(CharBuffer.wrap(text.toCharArray()));
    return CodePointCharStream.fromBuffer(units, name);
  }
}
