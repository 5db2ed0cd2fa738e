package io.switchboard.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser stand-in over {@code java.net.http}: it keeps cookies, does not follow redirects (the client's callback is
 * not running), and fills and posts HTML forms as a browser would, from the page's own {@code action} and fields.
 */
final class Browser {

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>");

    final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    /** A form of the page: where it posts to (resolved against {@code pageUrl}) and its named fields' values. */
    record Form(String action, String method, Map<String, String> fields) {}

    static Form form(String pageUrl, String html) {
        Matcher form = FORM.matcher(html);
        if (!form.find()) {
            throw new AssertionError("no form on the page: " + html);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(form.group(2));
        while (input.find()) {
            String name = attribute(input.group(1), "name");
            if (name != null && !"submit".equals(attribute(input.group(1), "type"))) {
                String value = attribute(input.group(1), "value");
                fields.put(name, value == null ? "" : unescape(value));
            }
        }
        String action = attribute(form.group(1), "action");
        String method = attribute(form.group(1), "method");
        return new Form(
                URI.create(pageUrl).resolve(unescape(action)).toString(),
                method == null ? "get" : method.toLowerCase(java.util.Locale.ROOT),
                fields);
    }

    /** Fills {@code values} into the page's form and submits it. */
    HttpResponse<String> submit(String pageUrl, HttpResponse<String> page, Map<String, String> values) {
        Form form = form(pageUrl, page.body());
        Map<String, String> fields = new LinkedHashMap<>(form.fields());
        fields.putAll(values);
        return send(HttpRequest.newBuilder(URI.create(form.action()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        HttpMessages.query(fields).replace("%20", "+")))
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String attribute(String attributes, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(attributes);
        return m.find() ? m.group(1) : null;
    }

    private static String unescape(String value) {
        return value.replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
