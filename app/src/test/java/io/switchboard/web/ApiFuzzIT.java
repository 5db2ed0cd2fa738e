package io.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes every writing operation of the OpenAPI document with generated bodies (issue 13, Done
 * when): no answer is a 5xx, every refusal is a problem+json with a code, and no answer names a
 * Java class, a package or a library. The bodies come from a seeded generator: the seed is printed
 * and {@code -Dfuzz.seed=N} replays a run ({@code -Dfuzz.seed=random} picks a new one);
 * {@code -Dfuzz.bodies=N} sets how many bodies are sent (at least 500).
 */
class ApiFuzzIT extends IntegrationTest {

    private static final long DEFAULT_SEED = 20261206L;

    /** Operations left out: sign-ins count towards the sign-in throttle, or call Microsoft over the network. */
    private static final Set<String> LEFT_OUT = Set.of("POST /api/v1/integration/sign-in");

    private static final Pattern INTERNALS = Pattern.compile(
            "io\\.switchboard|java\\.|javax\\.|jakarta\\.|tools\\.jackson|com\\.fasterxml|springframework|org\\.apache"
                    + "|Exception|Cannot construct|\\tat |Tomcat");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Operation(String method, String path, Set<String> fields) {
        String name() {
            return method + " " + path;
        }
    }

    private record Finding(String operation, String body, int status, String answer) {}

    @Test
    void everyWritingOperationAnswersGeneratedBodiesWithoutA5xxOrInternals() throws Exception {
        long seed = seed();
        int bodies = Math.max(500, Integer.getInteger("fuzz.bodies", 600));
        System.out.println("ApiFuzzIT seed " + seed + " (replay with -Dfuzz.seed=" + seed + "), " + bodies + " bodies");
        Random random = new Random(seed);
        JsonNode docs = api.anonymous("GET", "/v3/api-docs", null).body();
        List<Operation> operations = writingOperations(docs);
        assertThat(operations).hasSizeGreaterThan(20);
        Map<String, String> ids = fixtures();
        String token = token();

        List<Finding> findings = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        long started = System.nanoTime();
        int sent = 0;
        List<Operation> order = new ArrayList<>(operations);
        while (sent < bodies) {
            Collections.shuffle(order, random);
            order.sort((a, b) ->
                    Boolean.compare(a.method().equals("DELETE"), b.method().equals("DELETE")));
            for (Operation op : order) {
                if (sent >= bodies) {
                    break;
                }
                String path = concrete(op.path(), ids, random);
                if (op.path().equals("/api/v1/integration/sync") && random.nextInt(3) > 0) {
                    path += "?dryRun=" + pick(random, "", "true", "yes", "%00", "TRUE", "1", "false&dryRun=true");
                }
                String body = new BodyGenerator(random, op.fields()).next();
                String contentType = random.nextInt(20) == 0
                        ? pick(random, "text/plain", "application/xml", "application/json; charset=UTF-16", "*/*")
                        : "application/json";
                HttpResponse<String> answer = send(op.method(), path, body, contentType, token);
                sent++;
                statuses.merge(answer.statusCode(), 1, Integer::sum);
                check(op.method() + " " + path, body, answer, findings);
                if (answer.statusCode() == 204 && op.method().equals("DELETE")) {
                    ids = fixtures();
                }
                if (answer.statusCode() == 401) {
                    token = token();
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "ApiFuzzIT sent %d bodies to %d operations in %.1f s; statuses %s; %d finding(s)%n",
                sent, operations.size(), seconds, statuses, findings.size());
        assertThat(findings)
                .as("seed %d: %s", seed, findings.stream().limit(15).toList())
                .isEmpty();
    }

    private static long seed() {
        String given = System.getProperty("fuzz.seed");
        if (given == null || given.isBlank()) {
            return DEFAULT_SEED;
        }
        return given.equalsIgnoreCase("random") ? new Random().nextLong() : Long.parseLong(given.strip());
    }

    private static void check(String operation, String body, HttpResponse<String> answer, List<Finding> findings) {
        String text = answer.body();
        String contentType = answer.headers().firstValue("Content-Type").orElse("");
        boolean bad = answer.statusCode() >= 500 || INTERNALS.matcher(text).find();
        if (answer.statusCode() >= 400) {
            bad |= !contentType.startsWith("application/problem+json") || !text.contains("\"code\"");
        }
        if (bad) {
            String shown = body.length() > 300 ? body.substring(0, 300) + "…" : body;
            findings.add(new Finding(
                    operation, shown, answer.statusCode(), text.length() > 600 ? text.substring(0, 600) : text));
        }
    }

    /** Every POST, PUT, PATCH and DELETE of the document, with the fields its body or its resource has. */
    private static List<Operation> writingOperations(JsonNode docs) {
        JsonNode schemas = docs.path("components").path("schemas");
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : docs.path("paths").properties()) {
            Set<String> resourceFields = fields(
                    path.getValue().path("get").path("responses").path("200").path("content"), schemas);
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                if (!List.of("POST", "PUT", "PATCH", "DELETE").contains(method)
                        || path.getKey().startsWith("/api/v1/auth/")
                        || LEFT_OUT.contains(method + " " + path.getKey())) {
                    continue;
                }
                Set<String> fields = new LinkedHashSet<>(
                        fields(op.getValue().path("requestBody").path("content"), schemas));
                fields.addAll(resourceFields);
                operations.add(new Operation(method, path.getKey(), fields));
            }
        }
        return operations;
    }

    private static Set<String> fields(JsonNode content, JsonNode schemas) {
        Set<String> fields = new LinkedHashSet<>();
        for (JsonNode media : content) {
            JsonNode schema = media.path("schema");
            String ref = schema.path("$ref").asString("");
            if (ref.startsWith("#/components/schemas/")) {
                schema = schemas.path(ref.substring("#/components/schemas/".length()));
            }
            schema.path("properties").propertyNames().forEach(fields::add);
        }
        return fields;
    }

    /** Fills path variables with ids of real resources, now and then with a stranger or a malformed one. */
    private static String concrete(String template, Map<String, String> ids, Random random) {
        StringBuilder path = new StringBuilder();
        String previous = "";
        for (String segment : template.substring(1).split("/")) {
            String value = segment;
            if (segment.startsWith("{")) {
                int roll = random.nextInt(10);
                value = roll == 0
                        ? UUID.randomUUID().toString()
                        : roll == 1
                                ? pick(random, "not-a-uuid", "%2e%2e", "0", "00000000-0000-0000-0000-00000000000g")
                                : ids.getOrDefault(previous, UUID.randomUUID().toString());
            }
            path.append('/').append(value);
            previous = segment;
        }
        return path.toString();
    }

    /** An extension, a phonebook with a contact, an extension group and a personal contact to aim at. */
    private Map<String, String> fixtures() {
        Map<String, String> ids = new LinkedHashMap<>();
        String number = String.valueOf(7000 + new Random().nextInt(2000));
        ids.put("extensions", create("/api/v1/extensions", "{\"number\":\"" + number + "\",\"firstName\":\"Fuzz\"}"));
        ids.put("phonebooks", create("/api/v1/phonebooks", "{\"name\":\"Fuzz " + UUID.randomUUID() + "\"}"));
        if (ids.get("phonebooks") != null) {
            ids.put(
                    "contacts",
                    create("/api/v1/phonebooks/" + ids.get("phonebooks") + "/contacts", "{\"firstName\":\"Fuzz\"}"));
        }
        ids.put(
                "extension-groups",
                create("/api/v1/extension-groups", "{\"name\":\"Fuzz " + UUID.randomUUID() + "\"}"));
        if (ids.get("extensions") != null) {
            ids.put(
                    "personal-contacts",
                    create(
                            "/api/v1/extensions/" + ids.get("extensions") + "/personal-contacts",
                            "{\"firstName\":\"Fuzz\"}"));
        }
        ids.values().removeIf(java.util.Objects::isNull);
        return ids;
    }

    private String create(String path, String body) {
        var answer = api.post(path, body);
        return answer.status() == 201 || answer.status() == 200 ? answer.text("id") : null;
    }

    private String token() {
        return api.anonymous(
                        "POST",
                        "/api/v1/auth/token",
                        "{\"username\":\"admin\",\"password\":\"" + io.switchboard.testing.Api.ADMIN_PASSWORD + "\"}")
                .text("accessToken");
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType, String token)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /** Generated request bodies: plausible objects with hostile values, broken JSON, wrong shapes. */
    static final class BodyGenerator {

        private static final String[] TEXTS = {
            "",
            " ",
            "A",
            "1001",
            "0",
            "-1",
            "10a1",
            "+49 30 1234567",
            "n/a",
            "call me",
            "a@b.example",
            "not-an-email",
            "PT10M",
            "PT0S",
            "-PT1S",
            "P400D",
            "PT",
            "00:30",
            "25:99",
            "23:59:60",
            "UTC",
            "Mars/Olympus",
            "Europe/Berlin",
            "ALL",
            "GROUPS",
            "USER_TYPES",
            "MEMBER",
            "GUEST",
            "SECURITY",
            "MICROSOFT_365",
            "WEBHOOK",
            "POLLING",
            "AVAILABLE",
            "AWAY",
            "SLEEPING",
            "DELEGATED",
            "APPLICATION",
            "CUSTOM",
            "GLOBAL",
            "https://example.com",
            "http://localhost:1",
            "ftp://x",
            "javascript:alert(1)",
            "../x",
            "..\\x",
            "%00",
            "' OR 1=1 --",
            "\"; DROP TABLE extension; --",
            "<script>alert(1)</script>",
            "{{7*7}}",
            "${7*7}",
            "#{7*7}",
            "\\u0000",
            "Zoë Ångström",
            "张伟",
            "😀",
            "e\u0301",
            "\u202Eevil",
            "\t",
            "\r\n",
            "6d1c8a55-0c3a-4c55-a1c9-6c1f1f9ad001",
            "00000000-0000-0000-0000-000000000000",
            "2026-11-22T08:00:00Z",
            "2026-13-45T99:00:00Z",
            "1e309",
            "NaN",
            "true",
            "null",
            "businessPhones",
            "onPremisesExtensionAttributes.extensionAttribute16",
            "mobilePhone",
        };

        private static final String[] RAW = {
            "",
            " ",
            "null",
            "true",
            "0",
            "-0",
            "1e309",
            "\"text\"",
            "[]",
            "[{}]",
            "{}",
            "{",
            "}",
            "{\"a\":}",
            "{,}",
            "{\"a\":1,}",
            "[1,2",
            "{'a':1}",
            "{\"a\":1}{\"b\":2}",
            "{\"a\":01}",
            "{\"a\":.5}",
            "{\"a\":+1}",
            "{\"a\":NaN}",
            "{\"a\":Infinity}",
            "{\"a\":\"\\x41\"}",
            "{\"a\":\"\\u12\"}",
            "{\"a\":\"\\ud800\"}",
            "{\"a\" 1}",
            "<xml/>",
            "a=1&b=2",
            "\uFEFF{}",
            "{\"\":1}",
            "{\"a\":\"\u0000\"}",
        };

        private final Random random;
        private final List<String> fields;

        BodyGenerator(Random random, Set<String> fields) {
            this.random = random;
            this.fields = new ArrayList<>(fields);
            this.fields.addAll(
                    List.of("id", "enabled", "range", "groupIds", "name", "unknownField", "$type", "__proto__"));
        }

        String next() {
            int kind = random.nextInt(10);
            if (kind == 0) {
                return RAW[random.nextInt(RAW.length)];
            }
            if (kind == 1) {
                return nested(1 + random.nextInt(3000));
            }
            String object = object(0);
            return switch (random.nextInt(8)) {
                case 0 -> object.substring(0, random.nextInt(Math.max(1, object.length())));
                case 1 ->
                    object.length() > 2
                            ? object.substring(0, object.length() - 1) + ",\"enabled\":true,\"enabled\":null}"
                            : object;
                case 2 -> object + " " + object;
                default -> object;
            };
        }

        private String nested(int depth) {
            String open = random.nextBoolean() ? "[" : "{\"a\":";
            String close = open.equals("[") ? "]" : "}";
            return open.repeat(depth) + "1" + close.repeat(depth);
        }

        private String object(int depth) {
            StringBuilder out = new StringBuilder("{");
            int count = random.nextInt(Math.min(8, fields.size() + 1) + 1);
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(JSON.writeValueAsString(fields.get(random.nextInt(fields.size()))))
                        .append(':')
                        .append(value(depth + 1));
            }
            return out.append('}').toString();
        }

        private String value(int depth) {
            int roll = random.nextInt(depth > 3 ? 8 : 11);
            return switch (roll) {
                case 0, 1, 2 -> JSON.writeValueAsString(text());
                case 3 ->
                    pick(
                            random,
                            "0",
                            "-1",
                            "1",
                            "7",
                            "1000",
                            "10001",
                            "2147483648",
                            "-9223372036854775809",
                            "1.5",
                            "1e3",
                            "-0.0",
                            "1e400",
                            "123456789012345678901234567890");
                case 4 -> pick(random, "true", "false");
                case 5 -> "null";
                case 6 -> "\"" + pick(random, "\\ud800", "\\udfff", "a\\ud83d", "\\u0007", "\\u0000", "\\n") + "\"";
                case 7 -> JSON.writeValueAsString(UUID.randomUUID().toString());
                case 8 -> array(depth);
                case 9 -> object(depth);
                default -> JSON.writeValueAsString(text().repeat(1 + random.nextInt(400)));
            };
        }

        private String array(int depth) {
            StringBuilder out = new StringBuilder("[");
            int count = random.nextInt(4);
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(value(depth + 1));
            }
            return out.append(']').toString();
        }

        private String text() {
            if (random.nextInt(6) == 0) {
                StringBuilder junk = new StringBuilder();
                int length = random.nextInt(40);
                for (int i = 0; i < length; i++) {
                    junk.append((char) (0x20 + random.nextInt(0x2FFF)));
                }
                return junk.toString();
            }
            return TEXTS[random.nextInt(TEXTS.length)];
        }
    }
}
