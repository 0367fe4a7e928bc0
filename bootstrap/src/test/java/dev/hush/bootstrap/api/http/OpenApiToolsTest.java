package dev.hush.bootstrap.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The served OpenAPI document, read by tools that are not ours (from npm, pinned in the test clients' lock file):
 * Redocly's linter with its recommended rules finds no error, and openapi-typescript's types compile with
 * {@code tsc --strict} and accept the request bodies the README shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiToolsTest {
    static final Path TOOLS = Path.of("src", "test", "connect-client").toAbsolutePath();

    Path dir;
    Path document;

    @BeforeAll
    void fetchTheDocument() throws IOException {
        TestServer.requireNpm(Files.isDirectory(TOOLS.resolve("node_modules/@redocly/cli")), "@redocly/cli, openapi-typescript and typescript");
        dir = Files.createTempDirectory("hush-openapi-tools");
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            var res = Api.anonymous(server.base).get("/v1/openapi.json");
            assertThat(res.status()).isEqualTo(200);
            document = Files.writeString(dir.resolve("openapi.json"), res.raw().body());
        }
    }

    @AfterAll
    void cleanUp() throws IOException {
        if (dir != null) {
            TestFiles.deleteTree(dir);
        }
    }

    @Test
    void redoclyLint_withTheRecommendedRules_findsNoError() throws Exception {
        Result lint = run(List.of("npx", "--no-install", "redocly", "lint", document.toString(), "--format=json", "--extends=recommended"));
        JsonNode report = Api.JSON.readTree(lint.out().substring(lint.out().indexOf('{')));
        List<String> errors = new ArrayList<>();
        report.get("problems").forEach(p -> {
            if (p.get("severity").asText().equals("error")) {
                errors.add(p.get("ruleId").asText() + ": " + p.get("message").asText() + " at " + p.at("/location/0/pointer").asText());
            }
        });
        assertThat(errors).isEmpty();
        assertThat(report.at("/totals/errors").asInt()).isZero();
    }

    @Test
    void openapiTypescript_typesCompileStrictly_andAcceptTheReadmesBodies() throws Exception {
        Path types = dir.resolve("hush.d.ts");
        Result generated = run(List.of("npx", "--no-install", "openapi-typescript", document.toString(), "-o", types.toString()));
        assertThat(generated.code()).as(generated.out()).isZero();
        Path use = Files.writeString(dir.resolve("readme.ts"), """
                import type { components, paths } from "./hush";
                type S = components["schemas"];
                // The README's request bodies, as written there.
                export const set: S["SetRequest"] = { key: "DATABASE_URL", value: "postgres://dev", tags: ["backend"] };
                export const setProd: S["SetRequest"] = { key: "DATABASE_URL", value: "postgres://prod", tags: ["backend"], purposeType: "UsernamePassword" };
                export const bulk: S["BulkRequest"] = { secrets: [{ key: "A", value: "1" }, { key: "B", value: "2", tags: ["x"] }] };
                export const promote: S["PromoteRequest"] = { from: "dev", to: "prod", keys: ["A"] };
                export const bulkDelete: S["BulkDeleteRequest"] = { keys: ["A"] };
                export const project: S["CreateProjectRequest"] = { name: "Web", slug: "web" };
                export const token: S["TokenRequest"] = { name: "laptop" };
                export const login: S["LoginRequest"] = { email: "ada@example.com", password: "correct horse battery staple" };
                export const register: S["RegisterRequest"] = { email: "ada@example.com", password: "correct horse battery staple" };
                // An answer, read as a client would.
                type Pull = paths["/v1/secrets/{org}/{project}/{env}"]["get"]["responses"][200]["content"]["application/json"];
                export const firstValue = (p: Pull): string | undefined => p.secrets[0]?.value;
                type Problem = paths["/v1/secrets/{org}/{project}/{env}"]["put"]["responses"][400]["content"]["application/problem+json"];
                export const code = (p: Problem): string => p.code;
                // A wrong enum value is a compile error.
                // @ts-expect-error
                export const wrong: S["SetRequest"] = { key: "K", purposeType: "Password" };
                """);
        Result tsc = run(List.of("npx", "--no-install", "tsc", "--strict", "--noEmit", "--target", "es2022", "--module", "esnext",
                "--moduleResolution", "bundler", use.toString()));
        assertThat(tsc.code()).as(tsc.out()).isZero();
    }

    record Result(int code, String out) {}

    static Result run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(TOOLS.toFile()).redirectErrorStream(true);
        pb.environment().put("REDOCLY_TELEMETRY", "off");
        pb.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        pb.environment().put("NO_UPDATE_NOTIFIER", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
