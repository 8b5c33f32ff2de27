package io.motif.stdlib;

import static io.motif.stdlib.Calls.assertValue;
import static io.motif.stdlib.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.motif.function.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StringFunctionsTest {
  private static void is(Object expected, String name, Object... args) {
    assertValue(expected, call(name, args), name + Arrays.toString(args));
  }

  private static final String EMOJI = "\uD83D\uDE00"; // one code point, two chars

  @Test
  void nullArgumentsGiveNull() {
    for (String f : List.of("lower", "upper", "length", "trim")) {
      is(null, f, (Object) null);
    }
    is(null, "substring", null, 1L);
    is(null, "substring", "abc", null);
    is(null, "substring", "abc", 1L, null);
    is(null, "concat", "a", null);
    is(null, "concat", null, "a", "b", "c");
    is(null, "contains", null, "a");
    is(null, "starts_with", "a", null);
    is(null, "ends_with", null, null);
    is(null, "replace", "a", null, "b");
    is(null, "replace", "a", "a", null);
    is(null, "split_part", "a,b", null, 1L);
  }

  @Test
  void wrongKindsGiveNull() {
    is(null, "lower", 5L);
    is(null, "length", true);
    is(null, "substring", 12345L, 2L);
    is(null, "substring", "abc", "1");
    is(null, "contains", "abc", 1L);
    is(null, "concat", "a", Map.of("x", 1L));
    is(null, "concat", "a", List.of(1L));
    is(null, "split_part", "a,b", ",", 1.5);
  }

  @Test
  void caseAndLength() {
    is("hello", "lower", "HeLLo");
    is("STRASSE", "upper", "straße");
    is("i", "lower", "I"); // locale-independent: no dotless i
    is(5L, "length", "héllo");
    is(0L, "length", "");
    is(1L, "length", EMOJI);
    is(3L, "length", "a" + EMOJI + "b");
  }

  @Test
  void trim() {
    is("a b", "trim", "  a b  ");
    is("", "trim", " \t\n ");
    is("x", "trim", "\u2003x\u2003"); // Unicode em space
    is("", "trim", "");
  }

  @Test
  void substring() {
    is("eng", "substring", "motif engine", 7L, 3L);
    is("motif", "substring", "motif", 1L);
    is("tif", "substring", "motif", 3L);
    is("tif", "substring", "motif", -3L);
    is("f", "substring", "motif", -1L);
    is("motif", "substring", "motif", -5L);
    is("", "substring", "motif", -6L); // before the beginning
    is("", "substring", "motif", 0L);
    is("", "substring", "motif", 6L); // past the end
    is("", "substring", "motif", Long.MAX_VALUE);
    is("", "substring", "motif", Long.MIN_VALUE);
    is("", "substring", "motif", 2L, 0L);
    is(null, "substring", "motif", 2L, -1L);
    is("otif", "substring", "motif", 2L, 100L);
    is("otif", "substring", "motif", 2L, Long.MAX_VALUE);
    is("mo", "substring", "motif", 1.0, 2L); // whole doubles from untyped fields
    is(null, "substring", "motif", 1.5);
    is(EMOJI + "b", "substring", "a" + EMOJI + "b", 2L);
    is(EMOJI, "substring", "a" + EMOJI + "b", 2L, 1L);
    is("b", "substring", "a" + EMOJI + "b", -1L);
    is("", "substring", "", 1L);
  }

  @Test
  void concat() {
    is("ab", "concat", "a", "b");
    is("a", "concat", "a");
    is("abc", "concat", "a", "b", "c");
    is("abcd", "concat", "a", "b", "c", "d");
    is("id-42", "concat", "id-", 42L);
    is("x=2.0", "concat", "x=", 2.0);
    is("1.5true", "concat", 1.5, true);
    is("7", "concat", 7); // an Integer is a long
    is("", "concat", "", "");
  }

  @Test
  void concatRefusesHugeResults() {
    String half = "x".repeat(Text.MAX_LENGTH / 2 + 1);
    is(null, "concat", half, half);
    is(null, "concat", half, half, "");
    is(null, "replace", half, "x", "yy");
  }

  @Test
  void containsStartsEnds() {
    is(true, "contains", "10.0.0.1", "0.0");
    is(false, "contains", "abc", "C");
    is(true, "contains", "abc", "");
    is(true, "contains", "", "");
    is(false, "contains", "", "a");
    is(true, "starts_with", "motif", "mo");
    is(false, "starts_with", "mo", "motif");
    is(true, "starts_with", "motif", "");
    is(true, "ends_with", "report.csv", ".csv");
    is(false, "ends_with", "report.csv", ".json");
    is(true, "ends_with", "", "");
  }

  @Test
  void replace() {
    is("a+b+c", "replace", "a-b-c", "-", "+");
    is("abc", "replace", "a-b-c", "-");
    is("abc", "replace", "abc", "", "x"); // an empty `from` changes nothing
    is("ab", "replace", "aaab", "aa", ""); // "aa" once; what is left, "ab", has none
    is("xab", "replace", "aaab", "aa", "x");
    is("abc", "replace", "abc", "z", "y");
    is("", "replace", "", "a", "b");
    is("aaaa", "replace", "aa", "a", "aa"); // the replacement is not searched again
  }

  @Test
  void splitPart() {
    is("05", "split_part", "2024-05-17", "-", 2L);
    is("2024", "split_part", "2024-05-17", "-", 1L);
    is("17", "split_part", "2024-05-17", "-", 3L);
    is(null, "split_part", "2024-05-17", "-", 4L);
    is("17", "split_part", "2024-05-17", "-", -1L);
    is("2024", "split_part", "2024-05-17", "-", -3L);
    is(null, "split_part", "2024-05-17", "-", -4L);
    is(null, "split_part", "a,b", ",", 0L);
    is("", "split_part", "a,,b", ",", 2L); // an empty part is not a missing one
    is("", "split_part", "a,", ",", 2L);
    is("", "split_part", ",a", ",", 1L);
    is("abc", "split_part", "abc", ",", 1L);
    is(null, "split_part", "abc", ",", 2L);
    is("abc", "split_part", "abc", "", 1L);
    is("abc", "split_part", "abc", "", -1L);
    is(null, "split_part", "abc", "", 2L);
    is("b", "split_part", "a::b::c", "::", 2L);
    is("a", "split_part", "aaa", "aa", 2L); // split left to right: "" and "a"
    is("a", "split_part", "aaa", "aa", -1L); // the same parts from the end
    is("", "split_part", "aaa", "aa", -2L);
    is(null, "split_part", "a,b", ",", Long.MAX_VALUE);
    is(null, "split_part", "a,b", ",", Long.MIN_VALUE);
  }

  @Test
  void resultTypes() {
    assertEquals(Type.STRING, Calls.scalar("concat").resultType(List.of(Type.STRING, Type.LONG)));
    assertEquals(Type.STRING, Calls.scalar("concat").resultType(List.of(Type.ANY)));
    assertNull(Calls.scalar("concat").resultType(List.of(Type.STRING, Type.EVENT)));
    assertNull(Calls.scalar("concat").resultType(List.of()));
    assertEquals(
        Type.STRING, Calls.scalar("substring").resultType(List.of(Type.STRING, Type.LONG)));
    assertNull(Calls.scalar("substring").resultType(List.of(Type.STRING, Type.DOUBLE)));
    assertNull(Calls.scalar("lower").resultType(List.of(Type.LONG)));
    assertEquals(Type.BOOLEAN, Calls.scalar("contains").resultType(List.of(Type.STRING, Type.ANY)));
  }
}
