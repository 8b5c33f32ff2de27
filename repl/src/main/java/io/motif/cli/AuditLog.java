package io.motif.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.motif.engine.CompiledScript;
import io.motif.engine.RestoreReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code motif run --audit FILE}: one JSON line per deployment, state restore and rule change,
 * appended, flushed and synced to disk before the run goes on.
 */
final class AuditLog {
  private AuditLog() {}

  /** A deployment of rules with no state behind them. */
  static final String DEPLOY = "deploy";

  /** A state restored into the rules it was saved with. */
  static final String RESTORE = "restore";

  /** A state restored into changed rules. */
  static final String RULES_CHANGED = "rules changed";

  /**
   * Appends one line. {@code report} is null for a deployment (every pattern starts fresh, as new);
   * {@code state} is null without {@code --state}.
   */
  static void append(
      Path file,
      Path rules,
      byte[] rulesBytes,
      CompiledScript script,
      RestoreReport report,
      Path state)
      throws IOException {
    String event = report == null ? DEPLOY : report.unchanged() ? RESTORE : RULES_CHANGED;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator g = new JsonFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("time", Instant.now().toString());
      g.writeStringField("event", event);
      g.writeStringField("rules", rules.toString());
      g.writeStringField("rulesSha256", sha256(rulesBytes));
      if (state != null) {
        g.writeStringField("state", state.toString());
      }
      g.writeArrayFieldStart("patterns");
      for (Map.Entry<String, String> p : script.fingerprints().entrySet()) {
        g.writeStartObject();
        g.writeStringField("name", p.getKey());
        g.writeStringField("fingerprint", p.getValue());
        g.writeEndObject();
      }
      g.writeEndArray();
      names(g, "kept", report == null ? List.of() : report.kept());
      g.writeArrayFieldStart("startedFresh");
      if (report == null) {
        for (String name : script.patternNames()) {
          fresh(g, name, "new");
        }
      } else {
        for (String name : report.changed()) {
          fresh(g, name, "changed");
        }
        for (String name : report.added()) {
          fresh(g, name, "new");
        }
      }
      g.writeEndArray();
      names(g, "dropped", report == null ? List.of() : report.dropped());
      g.writeEndObject();
    }
    bytes.write('\n');
    try (FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray());
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
  }

  private static void names(JsonGenerator g, String field, List<String> names) throws IOException {
    g.writeArrayFieldStart(field);
    for (String n : names) {
      g.writeString(n);
    }
    g.writeEndArray();
  }

  private static void fresh(JsonGenerator g, String name, String reason) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", name);
    g.writeStringField("reason", reason);
    g.writeEndObject();
  }

  /** The rules file's bytes as read now (or, when it cannot be read again, its text). */
  static byte[] rulesBytes(Path rules, String text) {
    try {
      return Files.readAllBytes(rules);
    } catch (IOException | RuntimeException e) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      StringBuilder sb = new StringBuilder(64);
      for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
        sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** The report on standard error: "kept A, B; started fresh: C (changed), D (new); ...". */
  static String describe(RestoreReport r) {
    StringBuilder sb = new StringBuilder("kept ");
    sb.append(r.kept().isEmpty() ? "none" : String.join(", ", r.kept()));
    if (!r.changed().isEmpty() || !r.added().isEmpty()) {
      sb.append("; started fresh: ");
      List<String> parts = new ArrayList<>();
      r.changed().forEach(n -> parts.add(n + " (changed)"));
      r.added().forEach(n -> parts.add(n + " (new)"));
      sb.append(String.join(", ", parts));
    }
    if (!r.dropped().isEmpty()) {
      List<String> parts = new ArrayList<>();
      r.dropped().forEach(n -> parts.add(n + " (removed)"));
      sb.append("; dropped: ").append(String.join(", ", parts));
    }
    return sb.toString();
  }
}
