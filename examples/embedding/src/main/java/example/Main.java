package example;

import io.motif.engine.Compilation;
import io.motif.engine.Engine;
import io.motif.engine.Event;
import io.motif.engine.EventShape;
import io.motif.engine.Motif;

/**
 * Motif embedded in a program: compiles a pattern, deploys it into an engine, sends a few logins
 * and prints every event the pattern derives. Its functions, upper and matches (which runs on
 * RE2/J), come from the standard library, found through ServiceLoader on the class path that the
 * POM of motif-engine brings.
 */
public final class Main {
  private static final String RULES =
      """
      event Login(user string, ip string, ok boolean)

      pattern BruteForce
        partition by user
        match f: Login(ok == false){3,} -> s: Login(ok == true and ip == last(f).ip)
        within 5 min
        after match skip past last
        emit Alert(user: upper(s.user), attempts: count(f), inside: s.ip matches '10[.].*')
      """;

  private Main() {}

  /** Runs the example; exits with 1 if the rules do not compile. */
  public static void main(String[] args) {
    Compilation compilation = Motif.compile("logins.motif", RULES);
    if (compilation.hasErrors()) {
      System.err.print(compilation.render());
      System.exit(1);
    }
    Engine engine = Engine.builder().build();
    engine.deploy(compilation.script());
    engine.subscribe("*", System.out::println);

    EventShape login = EventShape.of("user", "ip", "ok");
    long t = 1_700_000_000_000L; // event time, epoch milliseconds
    engine.send(Event.of("Login", t, login, "al", "10.0.0.1", false));
    engine.send(Event.of("Login", t + 5_000, login, "bo", "203.0.113.7", false));
    engine.send(Event.of("Login", t + 10_000, login, "al", "10.0.0.1", false));
    engine.send(Event.of("Login", t + 15_000, login, "bo", "203.0.113.7", false));
    engine.send(Event.of("Login", t + 20_000, login, "al", "10.0.0.1", false));
    engine.send(Event.of("Login", t + 25_000, login, "bo", "203.0.113.7", false));
    engine.send(Event.of("Login", t + 30_000, login, "al", "10.0.0.1", true));
    engine.send(Event.of("Login", t + 35_000, login, "bo", "203.0.113.7", false));
    engine.send(Event.of("Login", t + 40_000, login, "bo", "203.0.113.7", true));
    engine.send(Event.of("Login", t + 45_000, login, "cy", "10.0.0.9", true));
    engine.finish();
  }
}
