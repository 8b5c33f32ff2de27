package io.motif.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The documentation pages and their fenced code blocks, read with a real Markdown parser so that
 * what is tested is what a reader sees rendered.
 */
final class Pages {
  private Pages() {}

  /** One fenced block: where it is, its info string (language) and its text. */
  record Block(Path page, int line, String info, String text) {
    /** {@code docs/language.md:120}, for test names and messages. */
    String where() {
      Path name = page.getFileName();
      return (name.toString().equals("README.md") ? "" : "docs/") + name + ":" + line;
    }

    /** The first word of the info string, lower-cased. */
    String language() {
      String i = info.strip();
      int space = i.indexOf(' ');
      return (space < 0 ? i : i.substring(0, space)).toLowerCase(Locale.ROOT);
    }
  }

  /** The docs module's folder (the tests run in it) and the repository root above it. */
  static Path docsDir() {
    Path here = Path.of("").toAbsolutePath();
    if (here.getFileName().toString().equals("docs") && Files.exists(here.resolve("pom.xml"))) {
      return here;
    }
    if (Files.isDirectory(here.resolve("docs"))) {
      return here.resolve("docs");
    }
    throw new IllegalStateException("cannot find docs/ from " + here);
  }

  /** Every page under test: docs/*.md, then the repository's README.md. */
  static List<Path> all() {
    Path docs = docsDir();
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(docs)) {
      files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path readme = docs.getParent().resolve("README.md");
    if (Files.exists(readme)) {
      out.add(readme);
    }
    return out;
  }

  static Path page(String name) {
    return docsDir().resolve(name);
  }

  /** The fenced code blocks of a page, in order. */
  static List<Block> blocks(Path page) {
    String text;
    try {
      text = Files.readString(page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Node doc = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build().parse(text);
    List<Block> out = new ArrayList<>();
    doc.accept(
        new AbstractVisitor() {
          @Override
          public void visit(FencedCodeBlock b) {
            int line =
                b.getSourceSpans().isEmpty() ? 0 : b.getSourceSpans().get(0).getLineIndex() + 1;
            out.add(new Block(page, line, b.getInfo() == null ? "" : b.getInfo(), b.getLiteral()));
          }
        });
    return out;
  }

  /** Every fenced block of every page under test. */
  static List<Block> allBlocks() {
    List<Block> out = new ArrayList<>();
    for (Path p : all()) {
      out.addAll(blocks(p));
    }
    return out;
  }

  /** The block right after {@code b} on its page when it has the given language, else null. */
  static Block following(Block b, String language) {
    List<Block> same = blocks(b.page());
    for (int i = 0; i + 1 < same.size(); i++) {
      if (same.get(i).line() == b.line()) {
        Block next = same.get(i + 1);
        return next.language().equals(language) ? next : null;
      }
    }
    return null;
  }
}
