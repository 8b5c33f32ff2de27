package io.motif.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the documentation pages leads somewhere: the file exists, and the {@code
 * #anchor}, when there is one, is a heading of that page (as the repository host makes anchors:
 * lower case, punctuation dropped, spaces as hyphens).
 */
class LinksTest {

  @Test
  void relativeLinksAndAnchorsResolve() {
    List<String> broken = new ArrayList<>();
    for (Path page : Pages.all()) {
      for (String target : links(page)) {
        if (target.matches("^[a-z]+:.*")) {
          continue; // http:, https:, mailto:
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(linked)) {
          broken.add(page.getFileName() + ": " + target + " (no such file)");
          continue;
        }
        if (hash >= 0
            && linked.toString().endsWith(".md")
            && !anchors(linked).contains(target.substring(hash + 1))) {
          broken.add(page.getFileName() + ": " + target + " (no such heading)");
        }
      }
    }
    assertEquals(List.of(), broken);
  }

  private static Node parse(Path page) {
    try {
      return Parser.builder().build().parse(Files.readString(page, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> links(Path page) {
    List<String> out = new ArrayList<>();
    parse(page)
        .accept(
            new AbstractVisitor() {
              @Override
              public void visit(Link link) {
                out.add(link.getDestination());
                visitChildren(link);
              }
            });
    return out;
  }

  static Set<String> anchors(Path page) {
    Set<String> out = new HashSet<>();
    parse(page)
        .accept(
            new AbstractVisitor() {
              @Override
              public void visit(Heading heading) {
                StringBuilder text = new StringBuilder();
                heading.accept(
                    new AbstractVisitor() {
                      @Override
                      public void visit(Text t) {
                        text.append(t.getLiteral());
                      }

                      @Override
                      public void visit(Code c) {
                        text.append(c.getLiteral());
                      }
                    });
                out.add(slug(text.toString()));
              }
            });
    return out;
  }

  /** The anchor the repository host gives a heading. */
  static String slug(String heading) {
    StringBuilder sb = new StringBuilder();
    for (char c : heading.toLowerCase(Locale.ROOT).toCharArray()) {
      if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
        sb.append(c);
      } else if (c == ' ') {
        sb.append('-');
      }
    }
    return sb.toString();
  }

  @Test
  void slugsAreMadeAsTheHostMakesThem() {
    assertEquals("92-absence-not-at-the-end", slug("9.2 Absence: not at the end"));
    assertEquals(
        "time-out-of-order-events-late-events-and-the-clock",
        slug("Time: out-of-order events, late events and the clock"));
    assertEquals(new HashSet<>(List.of("x")), new HashSet<>(List.of(slug("X"))));
  }
}
