package dev.roomcast.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a process's CPU time and resident memory from /proc, and a JVM's heap through jcmd. */
final class ServerProbe {

  private static final double TICKS_PER_SECOND = 100.0; // getconf CLK_TCK on Linux
  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private final long pid;
  private final boolean jvm;

  ServerProbe(long pid, boolean jvm) {
    this.pid = pid;
    this.jvm = jvm;
  }

  /** User plus system CPU seconds the process has used so far. */
  double cpuSeconds() {
    return cpuSeconds(Path.of("/proc/" + pid + "/stat"));
  }

  /** The load generator's own CPU seconds, to tell when the client is the bottleneck. */
  static double selfCpuSeconds() {
    return cpuSeconds(Path.of("/proc/self/stat"));
  }

  private static double cpuSeconds(Path stat) {
    try {
      String text = Files.readString(stat, StandardCharsets.US_ASCII);
      String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
      // fields[0] is field 3 (state); utime and stime are fields 14 and 15
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + stat, e);
    }
  }

  /** Resident set size in MiB. */
  double rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
      return Double.NaN;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/" + pid + "/status", e);
    }
  }

  /** The server's soft limit of open files (each connection is one), as /proc shows it. */
  String openFilesLimit() {
    return openFilesLimit(Path.of("/proc/" + pid + "/limits"));
  }

  /** The load generator's own soft limit of open files. */
  static String selfOpenFilesLimit() {
    return openFilesLimit(Path.of("/proc/self/limits"));
  }

  private static String openFilesLimit(Path limits) {
    try {
      for (String line : Files.readAllLines(limits, StandardCharsets.US_ASCII)) {
        if (line.startsWith("Max open files")) {
          return line.substring("Max open files".length()).trim().split("\\s+")[0];
        }
      }
      return "?";
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + limits, e);
    }
  }

  /** Heap in use after a full GC, in MiB; NaN for a server that is not a JVM. */
  double heapAfterGcMb() {
    if (!jvm) {
      return Double.NaN;
    }
    jcmd("GC.run");
    Matcher used = USED.matcher(jcmd("GC.heap_info"));
    return used.find() ? Long.parseLong(used.group(1)) / 1024.0 : Double.NaN;
  }

  private String jcmd(String command) {
    try {
      Process process =
          new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("jcmd " + command + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
