package io.motif.cli;

import io.motif.engine.CompiledScript;
import io.motif.engine.Engine;
import io.motif.engine.RestoreReport;
import io.motif.engine.SnapshotException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code motif run --state FILE} keeps: the engine's snapshot, and where the run stood when it
 * was saved, so that a run stopped mid-way (killed, or stopped at a bad line) resumes exactly where
 * it stopped, writing nothing twice and losing nothing.
 *
 * <p>The file: {@code MOTIFRUN}, a format version, whether the run had finished, the input it was
 * reading (its index among the inputs and its name) and where in it (the byte offset after the last
 * record processed, and the next line's number), the size the output file had (or -1 when the
 * output is not a file), the {@code --id-field} and horizon in force, the names of the inputs that
 * {@code --provenance} origins number (version 2; none in version 1), then the engine snapshot. A
 * file holding an engine snapshot alone (written by earlier versions, or by {@link
 * Engine#snapshot}) reads as a finished run.
 *
 * <p>Saving is crash-consistent: the caller flushes and syncs the output first; the state goes to a
 * file beside {@code FILE}, which is synced and then moved into place in one step, so a crash
 * leaves the old state or the new one, never half of either.
 */
record RunState(
    boolean complete,
    int input,
    String inputName,
    long offset,
    long nextLine,
    long outputSize,
    String idField,
    long idHorizon,
    List<String> originNames) {
  private static final byte[] MAGIC = "MOTIFRUN".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ENGINE_MAGIC = "MOTIFSNP".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 2;

  RunState {
    originNames = List.copyOf(originNames);
  }

  /**
   * A state read from a file, the engine restored from it, and which patterns kept their partial
   * matches.
   */
  record Restored(RunState state, Engine engine, RestoreReport report) {}

  /**
   * Reads FILE and restores its engine with {@code builder} into the rules {@code current}:
   * patterns unchanged since the save keep their partial matches; the others start fresh.
   *
   * @throws SnapshotException when the file is not a state this version reads, or has bytes after
   *     its end
   */
  static Restored read(Path file, Engine.Builder builder, CompiledScript current)
      throws IOException, SnapshotException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      raw.mark(MAGIC.length);
      byte[] magic = raw.readNBytes(MAGIC.length);
      RunState state;
      if (Arrays.equals(magic, ENGINE_MAGIC)) {
        raw.reset();
        state = new RunState(true, 0, "", 0, 1, -1, null, 0, List.of());
      } else if (Arrays.equals(magic, MAGIC)) {
        DataInputStream in = new DataInputStream(raw);
        try {
          int version = in.readInt();
          if (version < 1 || version > VERSION) {
            throw new SnapshotException(
                "the state has format version "
                    + version
                    + "; this"
                    + " motif reads versions 1 to "
                    + VERSION);
          }
          boolean complete = in.readBoolean();
          int input = in.readInt();
          String name = in.readUTF();
          long offset = in.readLong();
          long nextLine = in.readLong();
          long outputSize = in.readLong();
          String idField = in.readBoolean() ? in.readUTF() : null;
          long idHorizon = in.readLong();
          List<String> originNames = new ArrayList<>();
          if (version >= 2) {
            int n = in.readInt();
            if (n < 0 || n > MAX_ORIGIN_NAMES) {
              throw new SnapshotException("the state is corrupt: " + n + " input names");
            }
            for (int i = 0; i < n; i++) {
              originNames.add(in.readUTF());
            }
          }
          state =
              new RunState(
                  complete,
                  input,
                  name,
                  offset,
                  nextLine,
                  outputSize,
                  idField,
                  idHorizon,
                  originNames);
        } catch (EOFException e) {
          throw new SnapshotException("the state is cut short (the file ends inside its header)");
        }
      } else {
        throw new SnapshotException("this is not a Motif snapshot, nor the state of a motif run");
      }
      Engine.Restored restored = builder.restore(raw, current);
      if (raw.read() >= 0) {
        throw new SnapshotException(
            "the state has bytes after its end; it was changed or" + " appended to");
      }
      return new Restored(state, restored.engine(), restored.report());
    }
  }

  /** Writes this state and the engine's snapshot to FILE, durably and in one step. */
  void write(Path file, Engine engine) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileOutputStream fileOut = new FileOutputStream(tmp.toFile());
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(fileOut, 1 << 16))) {
      out.write(MAGIC);
      out.writeInt(VERSION);
      out.writeBoolean(complete);
      out.writeInt(input);
      out.writeUTF(inputName);
      out.writeLong(offset);
      out.writeLong(nextLine);
      out.writeLong(outputSize);
      out.writeBoolean(idField != null);
      if (idField != null) {
        out.writeUTF(idField);
      }
      out.writeLong(idHorizon);
      out.writeInt(originNames.size());
      for (String n : originNames) {
        out.writeUTF(n);
      }
      engine.snapshot(out);
      out.flush();
      fileOut.getFD().sync();
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(file.toAbsolutePath().getParent());
  }

  /** The most input names a state holds: origins number inputs in 23 bits. */
  static final int MAX_ORIGIN_NAMES = 1 << 23;

  /** Makes the rename itself durable (where the platform allows a directory to be synced). */
  private static void syncDirectory(Path dir) {
    if (dir == null) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      // (some file systems and platforms cannot sync a directory: the rename is still atomic)
    }
  }
}
