package io.motif.stdlib;

import static io.motif.stdlib.Calls.assertValue;
import static io.motif.stdlib.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The helpers behind the engine's like and matches operators, and the regular expressions. */
class TextTest {
  @ParameterizedTest(name = "''{0}'' like ''{1}'' is {2}")
  @CsvSource(
      delimiterString = " ~ ",
      nullValues = "NULL",
      value = {
        "abc ~ abc ~ true",
        "abc ~ ab ~ false",
        "abc ~ abcd ~ false",
        "abc ~ a% ~ true",
        "abc ~ %c ~ true",
        "abc ~ %b% ~ true",
        "abc ~ %d% ~ false",
        "abc ~ a_c ~ true",
        "abc ~ ___ ~ true",
        "abc ~ __ ~ false",
        "abc ~ % ~ true",
        "'' ~ % ~ true",
        "'' ~ '' ~ true",
        "'' ~ _ ~ false",
        "abc ~ '' ~ false",
        "abc ~ %%% ~ true",
        "abc ~ a%%c ~ true",
        "Abc ~ abc ~ false",
        "aXbXc ~ a%b%c ~ true",
        "abcbc ~ a%bc ~ true",
        "abcbd ~ a%bc ~ false",
        "mississippi ~ m%iss%ppi ~ true",
        "mississippi ~ %s_s% ~ true",
        "100% ~ 100\\% ~ true",
        "1000 ~ 100\\% ~ false",
        "a_b ~ a\\_b ~ true",
        "axb ~ a\\_b ~ false",
        "a\\b ~ a\\\\b ~ true",
        "ab ~ \\a\\b ~ true",
        "abc ~ abc\\ ~ NULL",
        "NULL ~ a ~ NULL",
        "a ~ NULL ~ NULL",
        "a.c ~ a.c ~ true",
        "abc ~ a.c ~ false",
        "a*c ~ a*c ~ true",
        "[x] ~ [x] ~ true",
      })
  void like(String s, String pattern, Boolean expected) {
    assertEquals(expected, Text.like(s, pattern));
  }

  @Test
  void likeSpansLineBreaks() {
    assertEquals(true, Text.like("a\nb", "a_b"));
    assertEquals(true, Text.like("a\n\nb", "a%b"));
  }

  @Test
  void likeCountsCodePoints() {
    String emoji = "\uD83D\uDE00";
    assertEquals(true, Text.like(emoji, "_"));
    assertEquals(false, Text.like(emoji, "__"));
    assertEquals(true, Text.like("a" + emoji + "b", "a_b"));
    assertEquals(true, Text.like("a" + emoji + "b", "%" + emoji + "%"));
    assertEquals(true, Text.like("x" + emoji + emoji + "y", "%_y"));
  }

  @Test
  void likeIsNotExponential() {
    String s = "a".repeat(20_000);
    String pattern = "%a".repeat(30) + "b";
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          assertEquals(false, Text.like(s, pattern));
        });
  }

  @Test
  void likeAgreesWithARegularExpression() {
    // A brute-force check on every short string over {a, b} and every short pattern.
    String[] strings = words("ab", 5);
    String[] patterns = words("ab%_", 4);
    for (String p : patterns) {
      String regex = p.replace("%", ".*").replace("_", ".");
      for (String s : strings) {
        assertEquals(s.matches(regex), Text.like(s, p), () -> "'" + s + "' like '" + p + "'");
      }
    }
  }

  private static String[] words(String alphabet, int maxLength) {
    List<String> out = new ArrayList<>();
    out.add("");
    for (int start = 0; start < out.size(); start++) {
      if (out.get(start).length() < maxLength) {
        for (char c : alphabet.toCharArray()) {
          out.add(out.get(start) + c);
        }
      }
    }
    return out.toArray(new String[0]);
  }

  @ParameterizedTest(name = "''{0}'' matches ''{1}'' is {2}")
  @CsvSource(
      delimiterString = " ~ ",
      nullValues = "NULL",
      value = {
        "abc ~ abc ~ true",
        "abc ~ b ~ false", // the whole string
        "abc ~ .*b.* ~ true",
        "ab-123 ~ [a-z]+-\\d+ ~ true",
        "ab-12x ~ [a-z]+-\\d+ ~ false",
        "ABC ~ (?i)abc ~ true",
        "a|b ~ a\\|b ~ true",
        "b ~ a|b ~ true",
        "ab ~ a|b ~ false", // alternation inside the whole-string anchor
        "'' ~ a* ~ true",
        "abc ~ (abc ~ NULL", // invalid
        "aa ~ (a)\\1 ~ NULL", // backreferences are not RE2
        "ab ~ a(?=b) ~ NULL", // nor is look-ahead
        "NULL ~ a ~ NULL",
        "a ~ NULL ~ NULL",
      })
  void matches(String s, String regex, Boolean expected) {
    assertEquals(expected, Text.matches(s, regex));
  }

  @Test
  void adversarialRegexIsLinear() {
    // (a+)+$ against a^n b is exponential for a naive backtracking matcher; RE2 is linear.
    String s = "a".repeat(200_000) + "b";
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          assertEquals(false, Text.matches(s, "(a+)+$"));
          assertEquals(false, Text.matches(s, "(a|aa)+"));
          assertEquals(false, Text.matches(s, "(x+x+)+y"));
        });
  }

  @Test
  void compiledPatternsAreCachedAndBounded() {
    assertNotNull(Text.regex("cache-[0-9]+"));
    assertSame(Text.regex("cache-[0-9]+"), Text.regex("cache-[0-9]+"));
    assertNull(Text.regex("(unclosed"));
    assertNull(Text.regex(null));
    for (int i = 0; i < 10 * Text.REGEX_CACHE_GENERATION; i++) {
      assertEquals(true, Text.matches("x" + i, "x" + i));
    }
    assertTrue(Text.regexCacheSize() <= 2 * Text.REGEX_CACHE_GENERATION, "bounded");
    assertNotNull(Text.regex("cache-[0-9]+")); // evicted ones compile again
  }

  @Test
  void hugeOrDeepPatternsAreInvalidNotAnError() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          // re2j alone runs out of heap on the first two and out of stack on the third.
          assertNull(Text.matches("aaa", "((a{1000}){1000}){1000}"));
          assertNull(Text.matches("aaa", "(((a{100}){100}){100}){100}"));
          assertNull(Text.matches("a", "(".repeat(100_000) + "a" + ")".repeat(100_000)));
          assertNull(Text.matches("a", "(?:".repeat(1001) + "a" + ")".repeat(1001)));
          assertNull(Text.matches("a", "a|(b{1000}){1000}"));
        });
    // Within the limits: RE2's own bounds and ordinary large patterns.
    assertEquals(true, Text.matches("a", "(".repeat(1000) + "a" + ")".repeat(1000)));
    assertEquals(false, Text.matches("aaa", "(a{1000}){40}"));
    assertEquals(true, Text.matches("a".repeat(1000), "a{1000}"));
    assertEquals(true, Text.matches("x{10}", "x\\{10\\}"));
    assertEquals(true, Text.matches("\u00e9", "\\x{e9}"));
    assertEquals(true, Text.matches("{", "{"));
    assertEquals(true, Text.matches("a{,3}", "a{,3}")); // not a repetition in RE2
    assertEquals(true, Text.matches("]", "[]]"));
    assertEquals(true, Text.matches("b", "[[:alpha:]]"));
  }

  @Test
  void sizeEstimate() {
    assertTrue(RegexLimits.tooLarge("(a{1000}){1000}"));
    assertTrue(RegexLimits.tooLarge("a{1000}".repeat(51)));
    assertFalse(RegexLimits.tooLarge("a{1000}".repeat(49)));
    assertFalse(RegexLimits.tooLarge("[a{1000}]{1000}".repeat(49)));
    assertFalse(RegexLimits.tooLarge("\\x{1000}\\p{Greek}".repeat(1000)));
    assertTrue(RegexLimits.tooLarge("(?:(?:a{100}){100}){10}"));
    assertFalse(RegexLimits.tooLarge("\\Q{1000}{1000}\\E"));
  }

  private static void is(Object expected, String name, Object... args) {
    assertValue(expected, call(name, args), name + Arrays.toString(args));
  }

  @Test
  void regexpMatches() {
    is(true, "regexp_matches", "ab-123", "[a-z]+-\\d+");
    is(false, "regexp_matches", "ab-123x", "[a-z]+-\\d+");
    is(null, "regexp_matches", "x", "[");
    is(null, "regexp_matches", null, "x");
    is(null, "regexp_matches", "x", null);
    is(null, "regexp_matches", 1L, "1"); // not a string
  }

  @Test
  void regexpExtract() {
    is("3", "regexp_extract", "order=A-17; qty=3", "qty=(\\d+)", 1L);
    is("qty=3", "regexp_extract", "order=A-17; qty=3", "qty=(\\d+)");
    is("qty=3", "regexp_extract", "order=A-17; qty=3", "qty=(\\d+)", 0L);
    is("17", "regexp_extract", "A-17 B-18", "[A-Z]-(\\d+)", 1L); // the first match
    is(null, "regexp_extract", "no digits", "\\d+");
    is(null, "regexp_extract", "a1", "a(\\d)", 2L); // no such group
    is(null, "regexp_extract", "a1", "a(\\d)", -1L);
    is(null, "regexp_extract", "a", "a(\\d)?", 1L); // the group took no part
    is("", "regexp_extract", "a", "a(\\d*)", 1L); // took part, matched nothing
    is("al", "regexp_extract", "user=al", "user=(?P<name>\\w+)", 1L);
    is(null, "regexp_extract", "x", "(", 0L);
    is(null, "regexp_extract", "x", "x", null);
    is(null, "regexp_extract", "x", "x", 0.5);
  }
}
