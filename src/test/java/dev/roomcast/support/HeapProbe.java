package dev.roomcast.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks into another JVM's heap with {@code jcmd}: heap used after a full GC, and how many live
 * instances a class has (a class histogram runs a full GC first).
 */
public final class HeapProbe {

  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private final long pid;

  public HeapProbe(long pid) {
    this.pid = pid;
  }

  /** Bytes of heap in use right after a full GC. */
  public long usedAfterGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    long used = 0;
    for (String line : jcmd("GC.heap_info")) {
      // the heap's own lines (G1: "garbage-first heap"; serial/parallel: one per generation)
      if (line.contains("Metaspace") || line.contains("class space")) {
        continue;
      }
      if (line.contains("heap") || line.contains("generation") || line.contains("Gen ")) {
        Matcher matcher = USED.matcher(line);
        if (matcher.find()) {
          used += Long.parseLong(matcher.group(1)) * 1024;
        }
      }
    }
    if (used == 0) {
      throw new IllegalStateException("no heap figure from jcmd " + pid + " GC.heap_info");
    }
    return used;
  }

  /** Live instances of {@code className} (after the full GC the histogram runs). */
  public long instances(String className) throws IOException, InterruptedException {
    for (String line : jcmd("GC.class_histogram")) {
      String[] columns = line.trim().split("\\s+");
      if (columns.length >= 4 && columns[3].equals(className)) {
        return Long.parseLong(columns[1]);
      }
    }
    return 0;
  }

  private List<String> jcmd(String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Path out = Files.createTempFile("jcmd-", ".txt");
    try {
      Process process =
          new ProcessBuilder(
                  Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid), command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("jcmd " + pid + " " + command + " did not finish");
      }
      List<String> lines = new ArrayList<>(Files.readAllLines(out, StandardCharsets.UTF_8));
      if (process.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + pid + " " + command + ": " + lines);
      }
      return lines;
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
