package dev.hush.bootstrap.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser without JavaScript for the dashboard pages' tests: a cookie jar, no automatic redirects, form posts. */
final class FormClient {
    static final String PASSWORD = "correct horse battery";

    final URI base;
    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    String email;
    String org;

    FormClient(URI base) { this.base = base; }

    /** Signs up a new account (its personal organization comes with it). */
    static FormClient signUp(URI base, String email) throws Exception {
        FormClient b = new FormClient(base);
        b.email = email;
        var r = b.post("/signup", form("name", email.substring(0, email.indexOf('@')), "email", email, "password", PASSWORD));
        assertThat(r.statusCode()).isEqualTo(303);
        b.org = r.headers().firstValue("Location").orElseThrow().split("/")[2];
        return b;
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form post; {@code headers}: name, value, name, value... */
    HttpResponse<String> post(String path, Map<String, String> form, String... headers) throws Exception {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        var b = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The session's form token, as {@code page} carries it. */
    String token(String page) throws Exception {
        Matcher m = Pattern.compile("name=\"_token\" value=\"([^\"]+)\"").matcher(get(page).body());
        assertThat(m.find()).as("a form token on " + page).isTrue();
        return m.group(1);
    }

    String formToken() throws Exception { return token("/tokens"); }

    static Map<String, String> form(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
}
