package io.motif.engine.plan;

/** The operators of typed plan expressions. */
public enum Op {
  NEGATE,
  NOT,
  MUL,
  DIV,
  MOD,
  ADD,
  SUB,
  CONCAT,
  EQ,
  NE,
  LT,
  LE,
  GT,
  GE,
  AND,
  OR
}
