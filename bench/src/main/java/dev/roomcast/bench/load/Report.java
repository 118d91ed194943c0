package dev.roomcast.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a run's CSV and machine notes into the results section of docs/benchmarks.md: the table,
 * the ratios roomcast/peer and the raw CSV. Text outside the results markers is kept as written.
 *
 * <p>Arguments: {@code CSV META MARKDOWN}.
 */
public final class Report {

  private static final String BEGIN = "<!-- results:begin (written by bench/run.sh) -->";
  private static final String END = "<!-- results:end -->";
  private static final Map<String, String> NAMES = new LinkedHashMap<>();
  // the idle rows' notes: "per idle connection: rss 30.9 KiB heap 32.1 KiB"
  private static final Pattern PER_CONNECTION_RSS =
      Pattern.compile("per idle connection: rss (-?[0-9.]+) KiB");
  private static final Pattern PER_CONNECTION_HEAP =
      Pattern.compile("per idle connection: rss \\S+ KiB heap (-?[0-9.]+) KiB");

  static {
    NAMES.put("roomcast", "roomcast (Payara Micro)");
    NAMES.put("roomcast-sio", "roomcast's Socket.IO endpoint (Payara Micro)");
    NAMES.put("tyrus", "roomcast on bare Tyrus");
    NAMES.put("ws", "Node ws");
    NAMES.put("socketio", "Node Socket.IO");
    NAMES.put("spring", "Spring Boot WebSocket (Tomcat)");
    NAMES.put("baseline", "roomcast before (BENCH_BASELINE_WAR)");
    NAMES.put("roomcast17", "roomcast (Payara Micro) on JDK 17");
    NAMES.put("wildfly", "roomcast (WildFly 39)");
  }

  private Report() {}

  /** Writes the report. */
  public static void main(String[] args) throws IOException {
    List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], i < cells.length ? cells[i] : "");
      }
      rows.add(row);
    }
    Map<String, String> meta = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        meta.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    StringBuilder md = new StringBuilder();
    md.append(BEGIN).append("\n\n");
    md.append("### Latest run\n\n");
    md.append("| | |\n|---|---|\n");
    meta.forEach((key, value) -> md.append("| ").append(key).append(" | ").append(value).append(" |\n"));
    md.append("\n### Ratios roomcast/peer\n\n");
    md.append("Throughput ratios above 1 and latency ratios below 1 favour roomcast.\n\n");
    ratios(rows, md, "roomcast");
    if (rows.stream().anyMatch(r -> r.get("server").equals("roomcast-sio"))) {
      md.append("\n### Ratios roomcast-sio/Socket.IO (the same Socket.IO client on both)\n\n");
      pair(rows, md, "roomcast-sio", "socketio");
    }
    md.append("\n### Table\n\n");
    md.append(
        "| scenario | step | server | deliveries/s | p50 ms | p99 ms | max ms | server CPU s |"
            + " deliveries/CPU s | client CPU % | RSS MiB | heap MiB | frame B | note |\n");
    md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Map<String, String> row : rows) {
      md.append("| ")
          .append(String.join(
              " | ",
              row.get("scenario"),
              row.get("step"),
              NAMES.getOrDefault(row.get("server"), row.get("server")),
              row.get("deliveries_per_s"),
              row.get("p50_ms"),
              row.get("p99_ms"),
              row.get("max_ms"),
              row.get("server_cpu_s"),
              row.get("deliveries_per_cpu_s"),
              row.get("client_cpu_pct"),
              row.get("rss_mb"),
              row.get("heap_mb"),
              row.get("frame_bytes"),
              row.get("note")))
          .append(" |\n");
    }
    md.append("\n### CSV\n\n```csv\n").append(String.join("\n", lines)).append("\n```\n\n");
    md.append(END);

    Path target = Path.of(args[2]);
    String doc =
        Files.exists(target)
            ? Files.readString(target, StandardCharsets.UTF_8)
            : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
    int from = doc.indexOf(BEGIN);
    int to = doc.indexOf(END);
    if (from < 0 || to < 0) {
      doc = doc + "\n" + md + "\n";
    } else {
      doc = doc.substring(0, from) + md + doc.substring(to + END.length());
    }
    Files.writeString(target, doc, StandardCharsets.UTF_8);
  }

  private static void ratios(List<Map<String, String>> rows, StringBuilder md, String me) {
    for (String peer : NAMES.keySet()) {
      if (peer.equals(me) || rows.stream().noneMatch(r -> r.get("server").equals(peer))) {
        continue;
      }
      md.append("- ").append(NAMES.get(peer)).append(":\n");
      pair(rows, md, me, peer);
    }
  }

  /** One line per scenario step that both {@code me} and {@code peer} ran. */
  private static void pair(
      List<Map<String, String>> rows, StringBuilder md, String me, String peer) {
    for (Map<String, String> mine : rows) {
      if (!mine.get("server").equals(me) || mine.get("step").equals("failed")) {
        continue;
      }
      Optional<Map<String, String>> theirs =
          rows.stream()
              .filter(
                  r ->
                      r.get("server").equals(peer)
                          && r.get("scenario").equals(mine.get("scenario"))
                          && r.get("step").equals(mine.get("step")))
              .findFirst();
      if (theirs.isEmpty()) {
        continue;
      }
      String label = mine.get("scenario") + " " + mine.get("step") + " " + me + "/" + peer;
      List<String> parts = new ArrayList<>();
      if (mine.get("step").endsWith(" connect")) {
        // S5's opening phase: its deliveries are the connections held, per second of opening
        ratio(mine, theirs.get(), "deliveries_per_s", "connections/s").ifPresent(parts::add);
        ratio(mine, theirs.get(), "deliveries", "held").ifPresent(parts::add);
      } else if (mine.get("step").endsWith(" join")) {
        ratio(mine, theirs.get(), "deliveries_per_s", "joins/s").ifPresent(parts::add);
      } else {
        ratio(mine, theirs.get(), "deliveries_per_s", "deliveries/s").ifPresent(parts::add);
        ratio(mine, theirs.get(), "deliveries_per_cpu_s", "deliveries/CPU s").ifPresent(parts::add);
        ratio(mine, theirs.get(), "p99_ms", "p99").ifPresent(parts::add);
      }
      ratio(mine, theirs.get(), "rss_mb", "RSS").ifPresent(parts::add);
      perConnection(mine, theirs.get(), PER_CONNECTION_RSS, "RSS/connection").ifPresent(parts::add);
      perConnection(mine, theirs.get(), PER_CONNECTION_HEAP, "heap/connection")
          .ifPresent(parts::add);
      if (!parts.isEmpty()) {
        md.append("  - `").append(label).append("`: ").append(String.join(", ", parts));
        md.append("\n");
      }
    }
  }

  private static Optional<String> ratio(
      Map<String, String> mine, Map<String, String> theirs, String column, String label) {
    try {
      return ratio(
          Double.parseDouble(mine.get(column)), Double.parseDouble(theirs.get(column)), label);
    } catch (NumberFormatException | NullPointerException e) {
      return Optional.empty();
    }
  }

  /** The ratio of the per-connection figure an idle row's note gives (S2, S5). */
  private static Optional<String> perConnection(
      Map<String, String> mine, Map<String, String> theirs, Pattern figure, String label) {
    Matcher a = figure.matcher(mine.get("note"));
    Matcher b = figure.matcher(theirs.get("note"));
    if (!a.find() || !b.find()) {
      return Optional.empty();
    }
    return ratio(Double.parseDouble(a.group(1)), Double.parseDouble(b.group(1)), label);
  }

  private static Optional<String> ratio(double a, double b, String label) {
    if (b == 0 || Double.isNaN(a) || Double.isNaN(b)) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "%s %.2fx", label, a / b));
  }
}
