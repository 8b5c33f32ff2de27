package io.motif.ast;

import io.motif.source.Span;
import java.util.List;

/** A top-level statement of a script. */
public sealed interface Statement extends Node
    permits Statement.EventDecl, Statement.ConstDecl, Statement.PatternDecl, Statement.TestDecl {

  Ident name();

  /** {@code event Login(user string, ok boolean)}. */
  record EventDecl(Ident name, List<FieldDecl> fields, Span span) implements Statement {
    public EventDecl {
      fields = List.copyOf(fields);
    }
  }

  /** One declared field: its name and the type name as written. */
  record FieldDecl(Ident name, Ident type, Span span) implements Node {}

  /** {@code const drop = 0.9}. */
  record ConstDecl(Ident name, Expr value, Span span) implements Statement {}

  /**
   * {@code pattern NAME ...}; absent clauses are null (lists are empty), except {@code skip}, which
   * is {@link SkipPolicy#KEEP_ALL} when absent.
   */
  /**
   * A pattern. {@code internal}: its derived events feed other patterns and the subscribers that
   * ask for their type, but are not output. {@code skipTo} names the binding of {@code after match
   * skip to first/last x} (null for the other policies).
   */
  record PatternDecl(
      boolean internal,
      Ident name,
      List<Expr> partitionBy,
      PatternExpr match,
      Expr where,
      Window within,
      SkipPolicy skip,
      Ident skipTo,
      EventConstructor emit,
      EventConstructor onTimeout,
      Span span)
      implements Statement {
    public PatternDecl {
      partitionBy = List.copyOf(partitionBy);
    }

    /** A pattern that is not internal and whose skip policy names no binding. */
    public PatternDecl(
        Ident name,
        List<Expr> partitionBy,
        PatternExpr match,
        Expr where,
        Window within,
        SkipPolicy skip,
        EventConstructor emit,
        EventConstructor onTimeout,
        Span span) {
      this(false, name, partitionBy, match, where, within, skip, null, emit, onTimeout, span);
    }
  }

  /**
   * {@code test "NAME" { given ... expect ... }}; an empty expect list is {@code expect nothing}.
   */
  record TestDecl(Ident name, List<EventLiteral> given, List<EventLiteral> expect, Span span)
      implements Statement {
    public TestDecl {
      given = List.copyOf(given);
      expect = List.copyOf(expect);
    }
  }

  /** {@code within 5 min} or {@code within 100 events}. */
  sealed interface Window extends Node permits TimeWindow, CountWindow {}

  record TimeWindow(long millis, Span span) implements Window {}

  record CountWindow(long events, Span span) implements Window {}

  /** {@code Alert(user: s.user, attempts: count(f))}, as in {@code emit} and test events. */
  record EventConstructor(Ident type, List<FieldValue> fields, Span span) implements Node {
    public EventConstructor {
      fields = List.copyOf(fields);
    }
  }

  record FieldValue(Ident name, Expr value, Span span) implements Node {}

  /** {@code Login(user: "al") at 30s}. */
  record EventLiteral(EventConstructor event, Expr time, Span span) implements Node {}
}
