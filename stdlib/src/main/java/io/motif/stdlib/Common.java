package io.motif.stdlib;

import io.motif.function.Type;
import java.util.List;

/** Shared typing helpers for built-ins. */
public final class Common {
  private Common() {}

  /**
   * The one type several values share: the same type; {@code double} for a mix of numbers;
   * otherwise {@code any}. Nulls do not count.
   */
  public static Type common(List<Type> types) {
    Type result = Type.NULL;
    for (Type t : types) {
      if (t == Type.NULL || t == result) {
        continue;
      }
      if (result == Type.NULL) {
        result = t;
      } else if (result.isNumeric() && t.isNumeric()) {
        result = Type.DOUBLE;
      } else {
        return Type.ANY;
      }
    }
    return result == Type.NULL ? Type.ANY : result;
  }
}
