package dev.hush.bootstrap.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Hush server for the benchmark: the packaged {@code hush.jar} in its own JVM ({@code java -jar hush.jar server}),
 * its output in {@code <work>/<name>.log}, optionally recording with Java Flight Recorder (profile settings, from
 * start to stop; the file is written when the server stops).
 */
final class HushNode implements AutoCloseable {
    final String name;
    final URI base;
    /** The JFR file, or null. */
    final Path jfr;
    private final Process process;
    private final Path log;

    private HushNode(String name, URI base, Path jfr, Process process, Path log) {
        this.name = name;
        this.base = base;
        this.jfr = jfr;
        this.process = process;
        this.log = log;
    }

    /** The CPU time the node's process has used so far (all its threads), in nanoseconds. */
    long cpuNanos() {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("no CPU time for the node's process")).toNanos();
    }

    /** The gRPC port, or 0 when this node serves none. */
    int grpcPort;

    /** {@code grpc}: whether the node also serves gRPC (on a free port). */
    static HushNode start(String name, Path jar, String javaBin, Path work, Map<String, String> env, Path jfr, boolean grpc) throws Exception {
        int port = freePort();
        int grpcPort = grpc ? freePort() : 0;
        List<String> command = new ArrayList<>(List.of(javaBin));
        if (jfr != null) {
            Files.createDirectories(jfr.getParent());
            command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr);
        }
        command.addAll(List.of("-jar", jar.toString(), "server", "--port", String.valueOf(port), "--data-dir", work.resolve(name).toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("HUSH_GRPC_PORT", String.valueOf(grpcPort)); // 0: off (the second node is reached over HTTP only)
        pb.environment().putAll(env);
        Path log = work.resolve(name + ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        HushNode node = new HushNode(name, URI.create("http://127.0.0.1:" + port), jfr, pb.start(), log);
        node.grpcPort = grpcPort;
        try {
            node.waitForHealth();
        } catch (Exception e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void waitForHealth() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; its output:\n" + tail());
            }
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " did not become healthy in 120 s; its output:\n" + tail());
    }

    /** The end of the server's output, for an error message. */
    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Stops the server (SIGTERM: a graceful stop, which also writes the JFR file). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
