package dev.hush.bootstrap.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** A small HTTP client for tests: JSON in and out, an optional bearer token, an optional cookie jar. */
public final class Api {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;
    private final String token;
    private final List<String[]> headers = new ArrayList<>();

    public Api(URI base, String token, boolean cookies) {
        this.base = base;
        this.token = token;
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if (cookies) {
            b.cookieHandler(new CookieManager());
        }
        this.http = b.build();
    }

    private Api(URI base, String token, HttpClient http, List<String[]> headers) {
        this.base = base;
        this.token = token;
        this.http = http;
        this.headers.addAll(headers);
    }

    public static Api anonymous(URI base) { return new Api(base, null, false); }

    /** A new account with an API token and a project named {@code project}: its session, organization and token. */
    public record Owner(Api session, String org, String orgId, String token, String tokenId, Api api) {}

    /** Registers {@code email}, issues a token and creates the project {@code project} (slug and name) with it. */
    public static Owner ownerWithProject(java.net.URI base, String email, String password, String project) {
        Api session = withCookies(base).header("X-Requested-With", "hush");
        Res reg = session.post("/v1/auth/register", java.util.Map.of("email", email, "password", password));
        if (reg.status() != 201) {
            throw new IllegalStateException("register " + email + ": HTTP " + reg.status() + " " + reg.code());
        }
        JsonNode issued = session.post("/v1/auth/token", java.util.Map.of("name", "test")).body();
        String token = issued.get("token").asText();
        Api api = anonymous(base).withToken(token);
        String orgId = reg.body().at("/org/id").asText();
        Res created = api.post("/v1/projects/" + orgId, java.util.Map.of("name", project, "slug", project));
        if (created.status() != 201) {
            throw new IllegalStateException("project " + project + ": HTTP " + created.status() + " " + created.code());
        }
        return new Owner(session, reg.body().at("/org/slug").asText(), orgId, token, issued.get("id").asText(), api);
    }

    public static Api withCookies(URI base) { return new Api(base, null, true); }

    public Api withToken(String newToken) { return new Api(base, newToken, false); }

    /** A client with one more header, sharing this one's connection and cookie jar. */
    public Api header(String name, String value) {
        Api copy = new Api(base, token, http, headers);
        copy.headers.add(new String[] {name, value});
        return copy;
    }

    public record Res(int status, JsonNode body, HttpResponse<String> raw) {
        public String header(String name) { return raw.headers().firstValue(name).orElse(null); }

        public String code() { return body == null || body.get("code") == null ? null : body.get("code").asText(); }
    }

    public Res get(String path) { return send("GET", path, null); }

    public Res delete(String path) { return send("DELETE", path, null); }

    public Res post(String path, Object body) { return send("POST", path, body); }

    public Res put(String path, Object body) { return send("PUT", path, body); }

    public Res send(String method, String path, Object body) {
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve(path));
            String payload = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            req.method(method, payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload));
            if (payload != null) {
                req.header("Content-Type", "application/json");
            }
            if (token != null) {
                req.header("Authorization", "Bearer " + token);
            }
            for (String[] h : headers) {
                req.header(h[0], h[1]);
            }
            HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            boolean isJson = res.headers().firstValue("Content-Type").map(t -> t.contains("json")).orElse(true);
            JsonNode json = res.body() == null || res.body().isEmpty() || !isJson ? null : JSON.readTree(res.body());
            return new Res(res.statusCode(), json, res);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
