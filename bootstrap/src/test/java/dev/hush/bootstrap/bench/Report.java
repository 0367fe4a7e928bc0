package dev.hush.bootstrap.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark's output: one line per cell (req/s, p50, p99, SQL statements per request, share of the framework floor
 * at the same concurrency), then the targets, each with its figure and MET or NOT MET.
 */
final class Report {
    private static final String CELL = "%-34s %4s %9s %8s %8s %7s %8s  %s%n";
    private static final String TARGET = "%-44s %14s  %-16s %s%n";

    private final Map<Integer, Double> floor = new HashMap<>();
    private final List<String> targets = new ArrayList<>();

    void header() {
        System.out.printf(CELL, "scenario", "conc", "req/s", "p50 ms", "p99 ms", "SQL/req", "of floor", "");
    }

    /** Prints a cell; a floor cell is remembered as the floor of its concurrency. */
    void cell(String scenario, Load.Result r, double statementsPerRequest, boolean isFloor, String note) {
        if (isFloor) {
            floor.put(r.concurrency(), r.perSecond());
        }
        Double f = floor.get(r.concurrency());
        String errors = r.errors() == 0 ? "" : String.format("%,d errors (%s)", r.errors(), r.firstError());
        String notes = String.join("; ", Stream.of(note, errors).filter(s -> s != null && !s.isEmpty()).toList());
        System.out.printf(CELL, scenario, r.concurrency(), String.format("%,.0f", r.perSecond()), String.format("%.2f", r.p50Ms()),
                String.format("%.2f", r.p99Ms()), String.format("%.1f", statementsPerRequest),
                f == null ? "-" : String.format("%.0f %%", 100 * r.perSecond() / f), notes);
    }

    /** The floor's rate at a concurrency (measured first). */
    double floor(int concurrency) {
        return floor.get(concurrency);
    }

    /** A cell's most frequent statements, as calls per request, indented under its line. */
    void statements(List<BenchPostgres.Counted> top, long requests) {
        for (BenchPostgres.Counted c : top) {
            String q = c.query().length() > 110 ? c.query().substring(0, 110) + "..." : c.query();
            System.out.printf("    %7.2f  %s%n", (double) c.calls() / Math.max(1, requests), q);
        }
    }

    /** Remembers a target line, printed by {@link #targets()}. */
    void target(String what, String figure, String target, boolean met, String note) {
        targets.add(String.format(TARGET, what, figure, target, (met ? "MET" : "NOT MET") + (note == null ? "" : " (" + note + ")")));
    }

    void targets() {
        System.out.println();
        System.out.printf(TARGET, "target", "figure", "goal", "");
        targets.forEach(System.out::print);
    }
}
