package io.motif.stdlib;

import io.motif.function.AggregateFunction;
import io.motif.function.FunctionRegistry;
import io.motif.function.ScalarFunction;
import io.motif.function.Signature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes {@code docs/functions.md} from a {@link FunctionRegistry}: the shared rules, one section
 * per family, and every function's signatures, description and examples. {@link
 * FunctionReferenceTest} fails when the page on disk differs, so the page cannot drift.
 *
 * <p>Run {@code main} (or the test with {@code -Dmotif.updateDocs=true}) to rewrite the page.
 */
final class FunctionReference {
  private FunctionReference() {}

  static final String UPDATE_COMMAND = "mvn -q -pl stdlib install -Dmotif.updateDocs=true";

  /** The page, from the repository root: stdlib tests run in {@code stdlib/}. */
  static Path page() {
    return Path.of("").toAbsolutePath().resolveSibling("docs").resolve("functions.md");
  }

  public static void main(String[] args) throws IOException {
    Files.writeString(page(), generate(FunctionRegistry.standard()), StandardCharsets.UTF_8);
  }

  private record Family(String title, String intro, List<String> names) {}

  private static List<Family> families() {
    return List.of(
        new Family(
            "Math",
            """
            Functions that keep their argument's type (`abs round floor ceil sign`) give a long \
            for a long and a double for a double; the others give a double. A long result that would \
            overflow is null, like `+` on longs. A double result that is not a finite number (the \
            square root of a negative, the logarithm of zero, an overflowing `exp` or `pow`) is \
            null, so NaN and infinity never reach the output.""",
            names(MathFunctions.all())),
        new Family(
            "Strings",
            """
            Positions and lengths count characters as people do (Unicode code points: an emoji is \
            one), starting from 1. Matching is case-sensitive; use `lower` on both sides to ignore \
            case. Functions that build strings give null rather than a result longer than \
            67,108,864 characters.""",
            names(StringFunctions.all())),
        new Family(
            "Regular expressions",
            """
            RE2 syntax (as in Go and re2j): `\\d`, `[a-z]+`, `(?i)` for case-insensitive, \
            `(?P<name>...)`, no backreferences or look-around. Matching takes time linear in the \
            input, whatever the pattern, so no regular expression, not even one read from event \
            data, can stall the engine. In a Motif string a backslash is written twice: \
            `'\\\\d+'` is the expression `\\d+`. An invalid expression gives null; so does, as in \
            RE2, one that nests parentheses deeper than 1,000 or would compile to more than \
            50,000 steps (`((a{1000}){1000})`), which would otherwise exhaust memory. Compiled \
            expressions are cached (up to 1,024).""",
            names(RegexFunctions.all())),
        new Family(
            "Time",
            """
            Times are epoch milliseconds (a long; an event's time is `time(x)`), durations are \
            milliseconds (`5 min` is `300000`), and every calendar computation is in UTC. \
            Patterns are those of Java's `DateTimeFormatter` (`yyyy-MM-dd HH:mm:ss.SSS`, `EEE` for \
            the day's short English name, `XXX` for the offset).""",
            names(TimeFunctions.all())),
        new Family(
            "Conditionals",
            """
            These see null arguments instead of giving null for them.""",
            names(Conditionals.all())));
  }

  private static List<String> names(List<ScalarFunction> fs) {
    return fs.stream().map(ScalarFunction::name).collect(Collectors.toList());
  }

  static String generate(FunctionRegistry registry) {
    StringBuilder out = new StringBuilder();
    out.append(HEADER.replace("{{UPDATE_COMMAND}}", UPDATE_COMMAND));

    Map<String, ScalarFunction> scalars = new LinkedHashMap<>();
    registry.scalars().forEach(f -> scalars.put(f.name(), f));
    List<Family> families = new ArrayList<>(families());
    List<String> others = new ArrayList<>(scalars.keySet());
    families.forEach(fam -> others.removeAll(fam.names()));
    if (!others.isEmpty()) {
      families.add(new Family("Other functions on the class path", "", others));
    }

    out.append("## Index\n\n");
    for (Family fam : families) {
      out.append("- ")
          .append(fam.title())
          .append(": ")
          .append(
              fam.names().stream()
                  .filter(scalars::containsKey)
                  .map(n -> "[`" + n + "`](#" + n + ")")
                  .collect(Collectors.joining(", ")))
          .append('\n');
    }
    out.append("- Aggregates: ")
        .append(
            registry.aggregates().stream()
                .map(f -> "[`" + f.name() + "`](#" + f.name() + ")")
                .collect(Collectors.joining(", ")))
        .append("\n\n");

    for (Family fam : families) {
      out.append("## ").append(fam.title()).append("\n\n");
      if (!fam.intro().isEmpty()) {
        out.append(fam.intro()).append("\n\n");
      }
      for (String name : fam.names()) {
        ScalarFunction f = scalars.get(name);
        if (f != null) {
          scalar(out, f);
        }
      }
    }

    out.append("## Aggregates\n\n").append(AGGREGATES_INTRO).append("\n\n");
    for (AggregateFunction f : registry.aggregates()) {
      aggregate(out, f);
    }
    out.append(userFunctions());
    return out.toString();
  }

  private static void signatures(StringBuilder out, String name, List<Signature> signatures) {
    out.append(
            signatures.stream()
                .map(s -> "`" + s.render(name) + "`")
                .collect(Collectors.joining("<br>")))
        .append("\n\n");
  }

  private static void scalar(StringBuilder out, ScalarFunction f) {
    out.append("### ").append(f.name()).append("\n\n");
    signatures(out, f.name(), f.signatures());
    out.append(f.description()).append("\n\n");
    List<String> ex = f.example();
    if (!ex.isEmpty()) {
      out.append("| example | result |\n|---|---|\n");
      for (int i = 0; i + 1 < ex.size(); i += 2) {
        out.append("| ")
            .append(code(ex.get(i)))
            .append(" | ")
            .append(code(ex.get(i + 1)))
            .append(" |\n");
      }
      out.append('\n');
    }
  }

  private static void aggregate(StringBuilder out, AggregateFunction f) {
    out.append("### ").append(f.name()).append("\n\n");
    signatures(out, f.name(), f.signatures());
    out.append(f.description()).append("\n\n");
    List<String> ex = f.example();
    if (!ex.isEmpty()) {
      out.append("| example | values of the argument, in order | result |\n|---|---|---|\n");
      for (int i = 0; i + 2 < ex.size(); i += 3) {
        out.append("| ")
            .append(code(ex.get(i)))
            .append(" | ")
            .append(code(ex.get(i + 1)))
            .append(" | ")
            .append(code(ex.get(i + 2)))
            .append(" |\n");
      }
      out.append('\n');
    }
  }

  /** Inline code in a table cell: a pipe would end the cell. */
  private static String code(String s) {
    return "`" + s.replace("|", "\\|") + "`";
  }

  private static String userFunctions() {
    String source;
    try (InputStream in = FunctionReference.class.getResourceAsStream("/udf/ShoutFunctions.java")) {
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return USER_FUNCTIONS.replace("{{SOURCE}}", source.strip());
  }

  private static final String HEADER =
      """
      # Function reference

      <!-- Generated from FunctionRegistry.standard() by io.motif.stdlib.FunctionReference (stdlib \
      test code). Do not edit: change the functions' descriptions and examples in stdlib/ and \
      regenerate. -->

      Every function the standard library registers, with its signatures, what it does with nulls \
      and bad arguments, and examples. The page is generated from the function registry and a test \
      fails when it is out of date, so it always says what the engine has. A test in `stdlib` also \
      evaluates every example below and checks the result shown. To regenerate this page after \
      changing a function, run from the repository root:

      ```
      {{UPDATE_COMMAND}}
      ```

      (or set `MOTIF_UPDATE_DOCS=1` in the environment of any build that runs the stdlib tests).

      ## Rules every function follows

      - **Names** are case-insensitive: `ROUND(x)` is `round(x)`.
      - **Nulls** follow SQL: a null argument gives a null result, without calling the function. \
      The exceptions say so: `if`, `coalesce` and `nullif` see nulls, and aggregates skip them \
      (`count(f.x)` counts the non-null values).
      - **Numbers** are longs (64-bit) or doubles. A long argument is accepted where a double is \
      expected. The value rules are those of the operators (LANGUAGE.md §8): an integer result \
      that overflows a long is null, never a wrapped-around number; division by zero is null.
      - **No function stops the engine.** A bad argument, such as a negative square root, an \
      invalid regular expression or date pattern, a position out of range, or a value of the wrong \
      kind in an untyped field, gives null. Each function below says when.
      - **Types** are checked when both sides are declared: calling a function with a type no \
      overload accepts is a compile error. Values of undeclared fields (`any`) are checked at run \
      time, and one of the wrong kind gives null.
      - **Examples** are written with literal arguments; any expression of the right type may \
      stand in their place.

      ## Operators backed by the library

      - `s like p`: SQL LIKE on the whole string. `%` matches any run of characters (also none), \
      `_` exactly one character; a backslash makes the next character literal (`'100\\\\%'` in \
      Motif source is the pattern `100\\%`, matching `100%`). Case-sensitive. Null when `s` or \
      `p` is null, or `p` ends in a lone backslash. Its time grows with the product of the two \
      lengths at worst, never exponentially.
      - `s matches re`: the whole of `s` matches the regular expression `re` (see [Regular \
      expressions](#regular-expressions)); the same as `regexp_matches(s, re)`. Null when either \
      is null or `re` is invalid. To find `re` anywhere in `s`, write `s matches '.*re.*'`, or use \
      `regexp_extract(s, re) is not null`.

      """;

  private static final String AGGREGATES_INTRO =
      """
      Aggregates read a repeated binding: `f: Login(ok == false){3,}` binds a list of events, read \
      as `count(f)`, `sum(f.x)`, `first(f).ip`, and so on. They are kept incrementally, with \
      constant work per accepted event (`count_distinct`: logarithmic in the number of distinct \
      values), and each partial match has its own state; an aggregate whose argument also reads \
      another binding (`sum(if(s.card == p.card, 1, 0))`) is recomputed from the binding's events \
      when it is read, each element seeing the other bindings as they are then. Null values are \
      skipped; the aggregate of nothing is null, except `count` and `count_distinct`, which give \
      0. In a repeated binding's own condition, the binding means the events accepted so far: \
      `up: Trade(price > avg(up.price))+`. In the examples, the middle column lists the values the \
      argument takes, event by event (events are written as `Type(field: value)`).""";

  private static final String USER_FUNCTIONS =
      """
      ## Writing your own functions

      User functions are written against the same interface as the built-ins \
      (`io.motif.function` in `motif-stdlib`) and found the same way, through Java's \
      `ServiceLoader`:

      1. Implement `FunctionProvider`, returning your `ScalarFunction`s and `AggregateFunction`s. \
      A scalar function has a name, its overloads (`Signature`s, which the checker uses to type \
      calls and report errors), and `apply`; override `apply1`, `apply2` or `apply3` for the \
      arities you take, so that calls need no argument array. An aggregate gives an empty, \
      immutable `Accumulator` whose `add` returns a new state.
      2. Follow the rules above: be stateless and thread-safe, return null for a bad argument \
      instead of throwing (the engine turns an exception into null and reports it), and return \
      `Long`, `Double`, `String` or `Boolean` values. Unless `acceptsNulls()` \
      says otherwise, your function is never called with a null argument.
      3. List the provider class in `META-INF/services/io.motif.function.FunctionProvider`, one \
      class name per line, and build a jar depending on `io.motif:motif-stdlib`.
      4. Put the jar on the class path of the program that runs Motif. Every provider on the \
      class path is loaded (`FunctionRegistry.standard()`); a program can also load the jars of a \
      directory itself with `FunctionRegistry.load(new URLClassLoader(urls))`. A function with the \
      name of an earlier one replaces it.

      For example, this provider adds `shout(s)` and an aggregate `product(f.x)` (a test in \
      `stdlib` compiles this very file, packages it with its service file in a jar and loads it \
      as above):

      ```java
      {{SOURCE}}
      ```

      with `META-INF/services/io.motif.function.FunctionProvider` holding the line \
      `com.example.motif.ShoutFunctions`.
      """;
}
