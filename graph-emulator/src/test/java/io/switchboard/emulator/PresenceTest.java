package io.switchboard.emulator;

import static io.switchboard.emulator.TestClient.error;
import static io.switchboard.emulator.TestClient.json;
import static io.switchboard.emulator.TestClient.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** §7 Teams presence and the presence items of §12 (issue 18 point 5). */
class PresenceTest {

    static final String PRESENCE_SCOPES = "openid offline_access https://graph.microsoft.com/User.Read.All"
            + " https://graph.microsoft.com/Presence.Read.All";

    @RegisterExtension
    static GraphEmulatorExtension graph =
            GraphEmulatorExtension.withGeneratedTenant(18, 900).configure(b -> b.redirectUri(TestClient.REDIRECT));

    private HttpServer receiver;
    private ExecutorService receiverThreads;
    private final BlockingQueue<String> notifications = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> lifecycle = new LinkedBlockingQueue<>();
    private TestClient client;
    private String delegated;
    private List<String> teamsUsers;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/notify", exchange -> receive(exchange, notifications));
        receiver.createContext("/lifecycle", exchange -> receive(exchange, lifecycle));
        receiverThreads = Executors.newCachedThreadPool();
        receiver.setExecutor(receiverThreads);
        receiver.start();
        client = new TestClient(graph.emulator());
        delegated = (String) client.signIn(PRESENCE_SCOPES).get("access_token");
        graph.emulator().presence().requestBudget(1_500);
        graph.emulator().presence().clearHistory();
        teamsUsers = graph.emulator().tenant().users().stream()
                .map(EntraUser::id)
                .filter(graph.emulator().presence()::hasTeams)
                .toList();
        graph.emulator()
                .subscriptions()
                .forEach(s -> client.sendJson("DELETE", "/v1.0/subscriptions/" + s.id(), delegated, null));
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        receiverThreads.shutdownNow();
    }

    private static void receive(HttpExchange exchange, BlockingQueue<String> sink) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        byte[] response = new byte[0];
        int status = 202;
        if (query != null && query.contains("validationToken=")) {
            response = HttpMessages.parseForm(query).get("validationToken").getBytes(StandardCharsets.UTF_8);
            status = 200;
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
        } else {
            sink.add(body);
        }
        exchange.sendResponseHeaders(status, response.length == 0 ? -1 : response.length);
        if (response.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        }
        exchange.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private HttpResponse<String> subscribe(String token, String resource, String changeType, Instant expiration) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("changeType", changeType);
        body.put("notificationUrl", url("/notify"));
        body.put("lifecycleNotificationUrl", url("/lifecycle"));
        body.put("resource", resource);
        body.put("expirationDateTime", expiration.toString());
        body.put("clientState", "presence-state");
        return client.sendJson("POST", "/v1.0/subscriptions", token, body);
    }

    private static String filter(List<String> ids) {
        return "/communications/presences?$filter=id in ("
                + ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(",")) + ")";
    }

    private Instant inMinutes(int minutes) {
        return graph.emulator().clock().instant().plus(Duration.ofMinutes(minutes));
    }

    private HttpResponse<String> getPresences(String token, List<String> ids) {
        return client.sendJson("POST", "/v1.0/communications/getPresencesByUserId", token, Map.of("ids", ids));
    }

    private static Map<String, Object> parse(String body) {
        return Json.readObject(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aUsersAvailabilityAndActivityReadTheSameOnEveryPresenceEndpoint() {
        String userId = teamsUsers.get(1);
        graph.emulator().presence().set(userId, "Busy", "InAMeeting");
        for (String path : List.of("/v1.0/users/" + userId + "/presence", "/v1.0/communications/presences/" + userId)) {
            Map<String, Object> body = json(client.get(path, delegated));
            assertThat(body)
                    .as(path)
                    .containsEntry("id", userId)
                    .containsEntry("availability", "Busy")
                    .containsEntry("activity", "InAMeeting")
                    .containsKeys("statusMessage", "outOfOfficeSettings");
        }
        String me = graph.emulator().authorizationAccount().id();
        graph.emulator().presence().set(me, "DoNotDisturb", "Presenting");
        assertThat(json(client.get("/v1.0/me/presence", delegated)))
                .containsEntry("id", me)
                .containsEntry("availability", "DoNotDisturb")
                .containsEntry("activity", "Presenting");
        assertThat(client.get("/v1.0/users/" + UUID.randomUUID() + "/presence", delegated)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aTeamsUserStartsOfflineAndEveryDocumentedValueCanBeScripted() {
        String userId = teamsUsers.get(2);
        assertThat(graph.emulator().presence().get(userId))
                .isIn(Presence.OFFLINE, graph.emulator().presence().get(userId));
        for (String availability : Presence.AVAILABILITIES) {
            for (String activity : List.of("Available", "InACall", "OffWork")) {
                graph.emulator().presence().set(userId, availability, activity);
                assertThat(json(client.get("/v1.0/users/" + userId + "/presence", delegated)))
                        .containsEntry("availability", availability)
                        .containsEntry("activity", activity);
            }
        }
        assertThatThrownBy(() -> graph.emulator().presence().set(userId, "Focusing", "Focusing"))
                .isInstanceOf(IllegalArgumentException.class);
        graph.emulator().presence().set(userId, new Presence("Focusing", "Focusing"));
        assertThat(json(client.get("/v1.0/users/" + userId + "/presence", delegated)))
                .containsEntry("availability", "Focusing");
    }

    @Test
    void usersWithoutTeamsArePresenceUnknownEverywhere() {
        PresenceBoard presence = graph.emulator().presence();
        String guest = graph.emulator().tenant().users().stream()
                .filter(u -> u.userType().equals("Guest"))
                .findFirst()
                .orElseThrow()
                .id();
        String member = teamsUsers.get(3);
        presence.set(member, "Available", "Available");
        presence.setTeams(member, false);
        try {
            for (String id : List.of(guest, member)) {
                assertThat(json(client.get("/v1.0/users/" + id + "/presence", delegated)))
                        .containsEntry("availability", "PresenceUnknown")
                        .containsEntry("activity", "PresenceUnknown");
            }
            assertThat(value(json(getPresences(delegated, List.of(guest, member)))))
                    .extracting(m -> m.get("availability"))
                    .containsExactly("PresenceUnknown", "PresenceUnknown");
            assertThatThrownBy(() -> presence.set(guest, "Busy", "Busy")).isInstanceOf(IllegalStateException.class);
        } finally {
            presence.setTeams(member, true);
        }
        assertThat(presence.get(member)).isEqualTo(new Presence("Available", "Available"));
    }

    @Test
    void getPresencesByUserIdAnswersUpTo650IdsAndRefuses651WithA400() {
        List<String> ids = new ArrayList<>(teamsUsers.subList(0, 649));
        ids.add(UUID.randomUUID().toString());
        graph.emulator().presence().set(ids.get(5), "Away", "Away");
        HttpResponse<String> ok = getPresences(delegated, ids);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        List<Map<String, Object>> values = value(json(ok));
        assertThat(values).hasSize(650);
        assertThat(values.get(5)).containsEntry("id", ids.get(5)).containsEntry("availability", "Away");
        assertThat(values.get(649))
                .as("an id that is no user is PresenceUnknown")
                .containsEntry("availability", "PresenceUnknown");

        List<String> tooMany = new ArrayList<>(ids);
        tooMany.add(teamsUsers.get(700));
        HttpResponse<String> refused = getPresences(delegated, tooMany);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(error(refused))
                .containsEntry("code", "BadRequest")
                .containsEntry("message", "The number of user ids (651) exceeds the maximum of 650 per request.");
        assertThat(getPresences(delegated, List.of("not-a-guid")).statusCode()).isEqualTo(400);
        assertThat(getPresences(delegated, List.of()).statusCode()).isEqualTo(400);
    }

    @Test
    void readingPresenceNeedsPresenceReadAllExceptForOnesOwn() {
        String own = (String) client.signIn("openid https://graph.microsoft.com/Presence.Read")
                .get("access_token");
        String me = graph.emulator().authorizationAccount().id();
        assertThat(client.get("/v1.0/me/presence", own).statusCode()).isEqualTo(200);
        assertThat(client.get("/v1.0/users/" + teamsUsers.get(4) + "/presence", own)
                        .statusCode())
                .isEqualTo(403);
        assertThat(getPresences(own, List.of(me)).statusCode()).isEqualTo(403);
        String directoryOnly = client.delegatedToken();
        assertThat(getPresences(directoryOnly, List.of(me)).statusCode()).isEqualTo(403);

        AppRegistration app = graph.emulator().app();
        Set<String> defaults = app.grantedApplicationPermissions();
        try {
            assertThat(getPresences(client.appToken(), List.of(me)).statusCode())
                    .isEqualTo(403);
            app.setApplicationPermissions(Set.of("Presence.Read.All"));
            assertThat(getPresences(client.appToken(), List.of(me)).statusCode())
                    .isEqualTo(200);
        } finally {
            app.setApplicationPermissions(defaults);
        }
    }

    @Test
    void presenceSubscriptionsDeliverOneBasicNotificationPerChangedCoveredUser() throws Exception {
        List<String> covered = teamsUsers.subList(10, 20);
        HttpResponse<String> created = subscribe(delegated, filter(covered), "updated", inMinutes(60));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = (String) json(created).get("id");
        assertThat(graph.emulator().subscriptions())
                .filteredOn(s -> s.id().equals(id))
                .singleElement()
                .satisfies(s -> assertThat(s.delegated()).isTrue());

        graph.emulator().presence().set(teamsUsers.get(30), "Busy", "InACall");
        Map<String, Presence> batch = new HashMap<>();
        batch.put(covered.get(0), new Presence("Busy", "InACall"));
        batch.put(covered.get(1), new Presence("Away", "Away"));
        graph.emulator().presence().setAll(batch);

        List<Map<String, Object>> items = new ArrayList<>();
        while (items.size() < 2) {
            String body = notifications.poll(5, TimeUnit.SECONDS);
            assertThat(body).as("notification").isNotNull();
            items.addAll(value(parse(body)));
        }
        assertThat(notifications.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(items)
                .extracting(i -> (Object) ((Map<?, ?>) i.get("resourceData")).get("id"))
                .containsExactlyInAnyOrder(covered.get(0), covered.get(1));
        Map<String, Object> item = items.get(0);
        String userId = (String) ((Map<?, ?>) item.get("resourceData")).get("id");
        assertThat(item)
                .containsEntry("subscriptionId", id)
                .containsEntry("clientState", "presence-state")
                .containsEntry("changeType", "updated")
                .containsEntry("tenantId", graph.emulator().tenantId())
                .containsEntry("resource", "communications/presences/" + userId)
                .containsKey("subscriptionExpirationDateTime");
        @SuppressWarnings("unchecked")
        Map<String, Object> resourceData = (Map<String, Object>) item.get("resourceData");
        assertThat(resourceData)
                .containsEntry("@odata.type", "#microsoft.graph.presence")
                .containsEntry("@odata.id", "users/" + userId + "/presence");

        graph.emulator().presence().set(covered.get(0), "Busy", "InACall");
        assertThat(notifications.poll(300, TimeUnit.MILLISECONDS))
                .as("setting the same value again is no change")
                .isNull();
    }

    @Test
    void richPresenceNotificationsCarryTheNewPresenceEncryptedForTheSubscribersCertificate() throws Exception {
        java.nio.file.Path store =
                java.nio.file.Files.createTempDirectory("presence-cert").resolve("n.p12");
        Process keytool = new ProcessBuilder(
                        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "n",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-dname",
                        "CN=notify",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        "changeit",
                        "-keypass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        java.security.PrivateKey privateKey = (java.security.PrivateKey) keys.getKey("n", "changeit".toCharArray());
        String certificate = java.util.Base64.getEncoder()
                .encodeToString(keys.getCertificate("n").getEncoded());

        String userId = teamsUsers.get(70);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("changeType", "updated");
        body.put("notificationUrl", url("/notify"));
        body.put("resource", filter(List.of(userId)));
        body.put("expirationDateTime", inMinutes(60).toString());
        body.put("clientState", "rich-state");
        body.put("includeResourceData", true);
        assertThat(client.sendJson("POST", "/v1.0/subscriptions", delegated, body)
                        .statusCode())
                .as("a certificate is required")
                .isEqualTo(400);
        body.put("encryptionCertificate", certificate);
        body.put("encryptionCertificateId", "cert-1");
        HttpResponse<String> created = client.sendJson("POST", "/v1.0/subscriptions", delegated, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created))
                .containsEntry("includeResourceData", true)
                .containsEntry("encryptionCertificateId", "cert-1");

        graph.emulator().presence().set(userId, "DoNotDisturb", "Presenting");
        Map<String, Object> collection = parse(notifications.poll(5, TimeUnit.SECONDS));
        Map<String, Object> item = value(collection).get(0);
        assertThat(item).containsEntry("clientState", "rich-state");
        @SuppressWarnings("unchecked")
        Map<String, Object> encrypted = (Map<String, Object>) item.get("encryptedContent");
        assertThat(encrypted)
                .containsEntry("encryptionCertificateId", "cert-1")
                .containsKey("encryptionCertificateThumbprint");

        javax.crypto.Cipher rsa = javax.crypto.Cipher.getInstance("RSA/ECB/OAEPWithSHA1AndMGF1Padding");
        rsa.init(javax.crypto.Cipher.DECRYPT_MODE, privateKey);
        byte[] key = rsa.doFinal(java.util.Base64.getDecoder().decode((String) encrypted.get("dataKey")));
        byte[] data = java.util.Base64.getDecoder().decode((String) encrypted.get("data"));
        javax.crypto.Mac hmac = javax.crypto.Mac.getInstance("HmacSHA256");
        hmac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        assertThat(java.util.Base64.getEncoder().encodeToString(hmac.doFinal(data)))
                .isEqualTo(encrypted.get("dataSignature"));
        javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/CBC/PKCS5Padding");
        aes.init(
                javax.crypto.Cipher.DECRYPT_MODE,
                new javax.crypto.spec.SecretKeySpec(key, "AES"),
                new javax.crypto.spec.IvParameterSpec(java.util.Arrays.copyOf(key, 16)));
        assertThat(Json.readObject(aes.doFinal(data)))
                .containsEntry("id", userId)
                .containsEntry("@odata.type", "#microsoft.graph.presence")
                .containsEntry("availability", "DoNotDisturb")
                .containsEntry("activity", "Presenting");

        List<?> tokens = (List<?>) collection.get("validationTokens");
        assertThat(tokens).hasSize(1);
        com.nimbusds.jwt.SignedJWT jwt = com.nimbusds.jwt.SignedJWT.parse((String) tokens.get(0));
        com.nimbusds.jose.jwk.JWKSet jwks = com.nimbusds.jose.jwk.JWKSet.parse(
                client.get("/common/discovery/v2.0/keys", null).body());
        com.nimbusds.jose.jwk.RSAKey signer = (com.nimbusds.jose.jwk.RSAKey)
                jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(signer)))
                .isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer())
                .isEqualTo("https://sts.windows.net/" + graph.emulator().tenantId() + "/");
        assertThat(jwt.getJWTClaimsSet().getAudience())
                .containsExactly(graph.emulator().clientId());
        assertThat(jwt.getJWTClaimsSet().getStringClaim("appid")).isEqualTo("0bf30f3b-4a52-48df-9a82-234910c4a086");
    }

    @Test
    void oneUserSubscriptionAndDirectoryChangesStayApart() throws Exception {
        String userId = teamsUsers.get(40);
        HttpResponse<String> created =
                subscribe(delegated, "communications/presences/" + userId, "updated", inMinutes(30));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        graph.emulator().tenant().updateUser(userId, b -> b.jobTitle("Presence tester"));
        assertThat(notifications.poll(300, TimeUnit.MILLISECONDS))
                .as("a directory change is no presence change")
                .isNull();
        graph.emulator().presence().set(userId, "BeRightBack", "BeRightBack");
        assertThat(notifications.poll(5, TimeUnit.SECONDS)).contains(userId);
    }

    @Test
    void presenceSubscriptionsAreDelegatedOnlyUpdatedOnlyAndCoverAtMost650Ids() {
        AppRegistration app = graph.emulator().app();
        Set<String> defaults = app.grantedApplicationPermissions();
        try {
            app.setApplicationPermissions(Set.of("Presence.Read.All"));
            HttpResponse<String> appOnly =
                    subscribe(client.appToken(), filter(teamsUsers.subList(0, 2)), "updated", inMinutes(30));
            assertThat(appOnly.statusCode()).isEqualTo(403);
            assertThat((String) error(appOnly).get("message")).contains("Application permissions are not supported");
        } finally {
            app.setApplicationPermissions(defaults);
        }
        assertThat(subscribe(client.delegatedToken(), filter(teamsUsers.subList(0, 2)), "updated", inMinutes(30))
                        .statusCode())
                .as("delegated without Presence.Read.All")
                .isEqualTo(403);
        HttpResponse<String> deleted =
                subscribe(delegated, filter(teamsUsers.subList(0, 2)), "updated,deleted", inMinutes(30));
        assertThat(deleted.statusCode()).isEqualTo(400);
        assertThat((String) error(deleted).get("message")).contains("use 'updated'");

        HttpResponse<String> tooMany =
                subscribe(delegated, filter(teamsUsers.subList(0, 651)), "updated", inMinutes(30));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat((String) error(tooMany).get("message"))
                .isEqualTo("The number of user ids (651) exceeds the maximum of 650 per request.");
        assertThat(subscribe(delegated, filter(teamsUsers.subList(0, 650)), "updated", inMinutes(30))
                        .statusCode())
                .isEqualTo(201);
        assertThat(subscribe(delegated, "/communications/presences?$filter=id in (nope)", "updated", inMinutes(30))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void severalPresenceSubscriptionsOfOneUserAreAcceptedUnlessTheOnePerUserKnobIsOn() throws Exception {
        assertThat(subscribe(delegated, filter(teamsUsers.subList(0, 650)), "updated", inMinutes(60))
                        .statusCode())
                .isEqualTo(201);
        assertThat(subscribe(delegated, filter(teamsUsers.subList(650, 700)), "updated", inMinutes(60))
                        .statusCode())
                .isEqualTo(201);
        try (GraphEmulator strict = GraphEmulator.builder()
                .generatedTenant(3, 20)
                .redirectUri(TestClient.REDIRECT)
                .onePresenceSubscriptionPerUser(true)
                .start()) {
            TestClient other = new TestClient(strict);
            String token = (String) other.signIn(PRESENCE_SCOPES).get("access_token");
            List<String> ids =
                    strict.tenant().users().stream().map(EntraUser::id).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("changeType", "updated");
            body.put("notificationUrl", url("/notify"));
            body.put("resource", filter(ids.subList(0, 5)));
            body.put(
                    "expirationDateTime",
                    strict.clock().instant().plus(Duration.ofMinutes(30)).toString());
            assertThat(other.sendJson("POST", "/v1.0/subscriptions", token, body)
                            .statusCode())
                    .isEqualTo(201);
            body.put("resource", filter(ids.subList(5, 10)));
            HttpResponse<String> second = other.sendJson("POST", "/v1.0/subscriptions", token, body);
            assertThat(second.statusCode()).isEqualTo(409);
            assertThat((String) error(second).get("message")).contains("A subscription already exists");
        }
    }

    @Test
    void presenceSubscriptionsLastAtMost60MinutesAndAreRenewedByPatch() {
        HttpResponse<String> tooLong = subscribe(delegated, filter(teamsUsers.subList(0, 3)), "updated", inMinutes(61));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat((String) error(tooLong).get("message"))
                .isEqualTo("Subscription expiration can only be 60 minutes in the future.");
        String id = (String) json(subscribe(delegated, filter(teamsUsers.subList(0, 3)), "updated", inMinutes(60)))
                .get("id");

        graph.emulator().clock().advance(Duration.ofMinutes(45));
        String fresh = (String) client.signIn(PRESENCE_SCOPES).get("access_token");
        assertThat(client.sendJson(
                                "PATCH",
                                "/v1.0/subscriptions/" + id,
                                fresh,
                                Map.of("expirationDateTime", inMinutes(61).toString()))
                        .statusCode())
                .isEqualTo(400);
        String until = inMinutes(60).toString();
        HttpResponse<String> renewed =
                client.sendJson("PATCH", "/v1.0/subscriptions/" + id, fresh, Map.of("expirationDateTime", until));
        assertThat(renewed.statusCode()).isEqualTo(200);
        assertThat(json(renewed)).containsEntry("expirationDateTime", until);

        graph.emulator().clock().advance(Duration.ofMinutes(61));
        assertThat(graph.emulator().subscriptions())
                .as("a missed renewal loses the subscription")
                .extracting(SubscriptionInfo::id)
                .doesNotContain(id);
        String later = (String) client.signIn(PRESENCE_SCOPES).get("access_token");
        assertThat(client.get("/v1.0/subscriptions/" + id, later).statusCode()).isEqualTo(404);
    }

    @Test
    void lifecycleEventsReachPresenceSubscriptionsAndReauthorizationPausesTheirDelivery() throws Exception {
        String userId = teamsUsers.get(50);
        String id = (String) json(subscribe(delegated, filter(List.of(userId)), "updated", inMinutes(60)))
                .get("id");
        assertThat(graph.emulator().sendLifecycleEvent(id, LifecycleEvent.REAUTHORIZATION_REQUIRED))
                .isTrue();
        assertThat(lifecycle.poll(5, TimeUnit.SECONDS))
                .contains("reauthorizationRequired")
                .contains(id);
        graph.emulator().presence().set(userId, "Busy", "Busy");
        assertThat(notifications.poll(300, TimeUnit.MILLISECONDS)).as("paused").isNull();
        assertThat(client.sendJson(
                                "PATCH",
                                "/v1.0/subscriptions/" + id,
                                delegated,
                                Map.of("expirationDateTime", inMinutes(60).toString()))
                        .statusCode())
                .isEqualTo(200);
        graph.emulator().presence().set(userId, "Available", "Available");
        assertThat(notifications.poll(5, TimeUnit.SECONDS)).contains(userId);
        graph.emulator().sendLifecycleEvent(id, LifecycleEvent.SUBSCRIPTION_REMOVED);
        assertThat(lifecycle.poll(5, TimeUnit.SECONDS)).contains("subscriptionRemoved");
        graph.emulator().presence().set(userId, "Away", "Away");
        assertThat(notifications.poll(300, TimeUnit.MILLISECONDS)).as("removed").isNull();
    }

    @Test
    void theControlApiDropsASubscriptionSilentlySoItsRenewalAnswers404() throws Exception {
        String userId = teamsUsers.get(60);
        String id = (String) json(subscribe(delegated, filter(List.of(userId)), "updated", inMinutes(60)))
                .get("id");
        HttpResponse<String> listed =
                client.get("/_control/subscriptions", graph.emulator().controlToken());
        assertThat(listed.body()).contains(id);

        HttpResponse<String> dropped = client.send(
                HttpRequest.newBuilder(URI.create(graph.emulator().baseUrl() + "/_control/subscriptions/" + id))
                        .header("Authorization", "Bearer " + graph.emulator().controlToken())
                        .DELETE()
                        .build());
        assertThat(dropped.statusCode()).isEqualTo(204);
        assertThat(graph.emulator().subscriptions())
                .extracting(SubscriptionInfo::id)
                .doesNotContain(id);

        HttpResponse<String> renewed = client.sendJson(
                "PATCH",
                "/v1.0/subscriptions/" + id,
                delegated,
                Map.of("expirationDateTime", inMinutes(60).toString()));
        assertThat(renewed.statusCode()).isEqualTo(404);
        assertThat(error(renewed)).containsEntry("code", "ResourceNotFound");
        graph.emulator().presence().set(userId, "Busy", "InACall");
        assertThat(notifications.poll(300, TimeUnit.MILLISECONDS))
                .as("no more notifications")
                .isNull();
        assertThat(lifecycle.poll(300, TimeUnit.MILLISECONDS))
                .as("dropped without a word")
                .isNull();
        assertThat(graph.emulator().dropSubscription(id)).as("already gone").isFalse();
    }

    @Test
    void thePresenceEndpointsAllow1500RequestsPer30SecondsThen429WithRetryAfter() {
        assertThat(graph.emulator().presence().requestBudget()).isEqualTo(1_500);
        EmulatorClock clock = graph.emulator().clock();
        long now = clock.instant().getEpochSecond();
        clock.set(Instant.ofEpochSecond((now / 30 + 1) * 30 + 2));
        String token = (String) client.signIn(PRESENCE_SCOPES).get("access_token");
        graph.emulator().presence().requestBudget(4);
        String userId = teamsUsers.get(60);
        for (int i = 0; i < 3; i++) {
            assertThat(client.get("/v1.0/users/" + userId + "/presence", token).statusCode())
                    .isEqualTo(200);
        }
        assertThat(getPresences(token, List.of(userId)).statusCode()).isEqualTo(200);
        HttpResponse<String> throttled = getPresences(token, List.of(userId));
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(error(throttled)).containsEntry("code", "TooManyRequests");
        assertThat(throttled.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 30));
        assertThat(client.get("/v1.0/users/" + userId, token).statusCode())
                .as("directory endpoints are not in the presence budget")
                .isEqualTo(200);

        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", "1");
        item.put("method", "POST");
        item.put("url", "/communications/getPresencesByUserId");
        item.put("headers", Map.of("Content-Type", "application/json"));
        item.put("body", Map.of("ids", List.of(userId)));
        Map<String, Object> batch =
                json(client.sendJson("POST", "/v1.0/$batch", token, Map.of("requests", List.of(item))));
        Map<?, ?> inner = (Map<?, ?>) ((List<?>) batch.get("responses")).get(0);
        assertThat(inner.get("status")).isEqualTo(429);
        assertThat(((Map<?, ?>) inner.get("headers")).containsKey("Retry-After"))
                .isTrue();

        clock.advance(Duration.ofSeconds(30));
        String later = (String) client.signIn(PRESENCE_SCOPES).get("access_token");
        assertThat(getPresences(later, List.of(userId)).statusCode()).isEqualTo(200);
        graph.emulator().presence().requestBudget(0);
        for (int i = 0; i < 10; i++) {
            assertThat(getPresences(later, List.of(userId)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void getPresencesByUserIdWorksInsideABatch() {
        String userId = teamsUsers.get(61);
        graph.emulator().presence().set(userId, "BusyIdle", "Inactive");
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", "1");
        item.put("method", "POST");
        item.put("url", "/communications/getPresencesByUserId");
        item.put("headers", Map.of("Content-Type", "application/json"));
        item.put("body", Map.of("ids", List.of(userId)));
        Map<String, Object> batch =
                json(client.sendJson("POST", "/v1.0/$batch", delegated, Map.of("requests", List.of(item))));
        Map<?, ?> inner = (Map<?, ?>) ((List<?>) batch.get("responses")).get(0);
        assertThat(inner.get("status")).isEqualTo(200);
        assertThat(((List<?>) ((Map<?, ?>) inner.get("body")).get("value"))
                        .get(0)
                        .toString())
                .contains("BusyIdle");
    }

    @Test
    void manyUsersChangeInOneStepAndTheirNotificationsShareCollections() throws Exception {
        List<String> covered = teamsUsers.subList(100, 700);
        assertThat(subscribe(delegated, filter(covered), "updated", inMinutes(60))
                        .statusCode())
                .isEqualTo(201);
        Map<String, Presence> values = new LinkedHashMap<>();
        covered.forEach(id -> values.put(id, new Presence("Busy", "InAMeeting")));
        List<PresenceBoard.Change> applied = graph.emulator().presence().setAll(values);
        assertThat(applied).hasSizeLessThanOrEqualTo(600);
        assertThat(graph.emulator().presence().history())
                .filteredOn(c -> covered.contains(c.userId()))
                .hasSize(applied.size());
        int received = 0;
        int posts = 0;
        while (received < applied.size()) {
            String body = notifications.poll(5, TimeUnit.SECONDS);
            assertThat(body).isNotNull();
            received += value(parse(body)).size();
            posts++;
        }
        assertThat(received).isEqualTo(applied.size());
        assertThat(posts).as("batched, not one POST per change").isLessThan(applied.size() / 10 + 2);
        assertThat(value(json(getPresences(delegated, covered))))
                .allSatisfy(p -> assertThat(p).containsEntry("activity", "InAMeeting"));
    }

    @Test
    void aScriptSpreadsChangesOverRealTimeAndRecordsWhenEachBecameVisible() throws Exception {
        List<String> pool = teamsUsers.subList(200, 400);
        PresenceBoard.Script script = graph.emulator().presence().spread(pool, 100, Duration.ofMillis(800), 7);
        assertThat(script.changes()).hasSize(100);
        assertThat(script.changes().get(99).offset()).isEqualTo(Duration.ofNanos(800_000_000L / 99 * 99));
        assertThat(script.changes()).allSatisfy(p -> assertThat(pool).contains(p.userId()));
        script.done().get(10, TimeUnit.SECONDS);
        List<PresenceBoard.Change> history = graph.emulator().presence().history();
        assertThat(history).hasSize(100);
        assertThat(Duration.between(history.get(0).at(), history.get(99).at()))
                .isBetween(Duration.ofMillis(600), Duration.ofSeconds(5));
        PresenceBoard.Planned last = script.changes().get(99);
        assertThat(graph.emulator().presence().get(last.userId())).isEqualTo(last.presence());
        PresenceBoard.Script again = graph.emulator().presence().spread(pool, 5, Duration.ofSeconds(1), 7);
        again.cancel();
        assertThat(again.changes())
                .as("the same seed plans the same changes")
                .extracting(PresenceBoard.Planned::userId)
                .containsExactlyElementsOf(script.changes().subList(0, 5).stream()
                        .map(PresenceBoard.Planned::userId)
                        .toList());
    }

    @Test
    void theControlApiChangesManyUsersAtOnceOrSpreadsChangesAndSetsTheBudget() throws Exception {
        String first = teamsUsers.get(500);
        String second = teamsUsers.get(501);
        HttpResponse<String> applied = control(Map.of(
                "changes",
                List.of(
                        Map.of("id", first, "availability", "Away", "activity", "Away"),
                        Map.of("id", second, "availability", "Busy", "activity", "InACall"))));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(graph.emulator().presence().get(second)).isEqualTo(new Presence("Busy", "InACall"));
        HttpResponse<String> spread = control(Map.of(
                "spread", Map.of("count", 20, "overSeconds", 0.2, "seed", 3, "userIds", teamsUsers.subList(510, 530))));
        assertThat(json(spread)).containsEntry("planned", 20);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (graph.emulator().presence().history().stream()
                                .filter(c -> teamsUsers.subList(510, 530).contains(c.userId()))
                                .count()
                        < 20
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(graph.emulator().presence().history())
                .filteredOn(c -> teamsUsers.subList(510, 530).contains(c.userId()))
                .hasSize(20);
        HttpResponse<String> budget = control(Map.of("requestBudget", 10));
        assertThat(budget.statusCode()).isEqualTo(200);
        assertThat(graph.emulator().presence().requestBudget()).isEqualTo(10);
        HttpResponse<String> read = client.send(
                HttpRequest.newBuilder(URI.create(graph.emulator().baseUrl() + "/_control/presence/" + first))
                        .header("Authorization", "Bearer " + graph.emulator().controlToken())
                        .build());
        assertThat(read.body()).contains("\"availability\":\"Away\"");
    }

    private HttpResponse<String> control(Map<String, Object> body) {
        return client.send(HttpRequest.newBuilder(URI.create(graph.emulator().baseUrl() + "/_control/presence"))
                .header("Authorization", "Bearer " + graph.emulator().controlToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(body)))
                .build());
    }
}
