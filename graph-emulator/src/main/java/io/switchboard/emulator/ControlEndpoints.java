package io.switchboard.emulator;

import io.switchboard.emulator.HttpMessages.Request;
import io.switchboard.emulator.HttpMessages.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional HTTP control API under {@code /_control/} for the standalone demo; tests use the Java API instead.
 * Never fault-injected or logged. It answers only on loopback, only to a request whose {@code Host} is a loopback
 * name and that carries no foreign {@code Origin} (so a web page in the admin's browser cannot reach it, even
 * through DNS rebinding), and only with the emulator's control token as a bearer token: it can hand out the
 * client secret and change the tenant, so an unauthenticated caller gets nothing.
 */
final class ControlEndpoints {

    private final GraphEmulator emulator;

    ControlEndpoints(GraphEmulator emulator) {
        this.emulator = emulator;
    }

    /** Why a control request is refused, or {@code null} when it may go on. */
    Response refusal(Request request, String controlToken) {
        if (!loopbackHost(request.header("host")) || !loopbackOrigin(request.header("origin"))) {
            return Response.json(403, Map.of("error", "the control API answers loopback clients only"));
        }
        String authorization = request.header("authorization");
        if (authorization == null
                || !MessageDigest.isEqual(
                        authorization.getBytes(StandardCharsets.UTF_8),
                        ("Bearer " + controlToken).getBytes(StandardCharsets.UTF_8))) {
            return Response.json(
                    401, Map.of("error", "send the control token printed at start-up as Authorization: Bearer"));
        }
        return null;
    }

    private static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d+$", "");
        return name.equals("127.0.0.1") || name.equalsIgnoreCase("localhost") || name.equals("[::1]");
    }

    private static boolean loopbackOrigin(String origin) {
        if (origin == null) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            return uri.getHost() != null && loopbackHost(uri.getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    Response handle(Request request) {
        String[] s = request.path().substring("/_control/".length()).split("/");
        String method = request.method();
        try {
            Map<String, Object> body = request.body().length == 0 ? Map.of() : Json.readObject(request.body());
            return switch (method + " " + s[0]) {
                case "GET info" -> Response.json(200, info());
                case "POST users" -> {
                    Map<String, Object> properties = withoutPassword(body);
                    EntraUser user = emulator.tenant().createUser(b -> apply(b, properties));
                    setPassword(user.id(), body);
                    yield Response.json(201, user);
                }
                case "PATCH users" -> {
                    Map<String, Object> properties = withoutPassword(body);
                    EntraUser user = properties.isEmpty()
                            ? emulator.tenant().user(s[1]).orElseThrow()
                            : emulator.tenant().updateUser(s[1], b -> apply(b, properties));
                    setPassword(user.id(), body);
                    yield Response.json(200, user);
                }
                case "GET signing-keys" -> Response.json(200, signingKeys());
                case "POST signing-keys" -> {
                    if ("publish".equals(body.get("action"))) {
                        emulator.publishNextSigningKey();
                    } else if (body.get("overlapSeconds") != null) {
                        emulator.rotateSigningKey(
                                Duration.ofSeconds(((Number) body.get("overlapSeconds")).longValue()));
                    } else {
                        emulator.rotateSigningKey();
                    }
                    yield Response.json(201, signingKeys());
                }
                case "DELETE signing-keys" -> {
                    emulator.retireSigningKey(s[1]);
                    yield Response.json(200, signingKeys());
                }
                case "POST id-token-faults" -> {
                    emulator.idTokens().tamperNext(IdTokens.Fault.valueOf(String.valueOf(body.get("fault"))));
                    yield Response.empty(204);
                }
                case "POST sign-in" -> {
                    emulator.app().requireInteractiveSignIn(Boolean.TRUE.equals(body.get("interactive")));
                    yield Response.empty(204);
                }
                case "DELETE users" -> {
                    if (s.length > 2 && s[2].equals("purge")) {
                        emulator.tenant().purgeUser(s[1]);
                    } else {
                        emulator.tenant().deleteUser(s[1]);
                    }
                    yield Response.empty(204);
                }
                case "POST groups" -> Response.json(201, emulator.tenant().createGroup(newGroup(body)));
                case "DELETE groups" -> {
                    emulator.tenant().deleteGroup(s[1]);
                    yield Response.empty(204);
                }
                case "POST members" -> {
                    emulator.tenant().addMember(s[1], s[2]);
                    yield Response.empty(204);
                }
                case "DELETE members" -> {
                    emulator.tenant().removeMember(s[1], s[2]);
                    yield Response.empty(204);
                }
                case "GET mailboxes", "POST mailboxes", "PATCH mailboxes", "PUT mailboxes", "DELETE mailboxes" ->
                    mailboxes(method, s, body);
                case "POST mailboxThrottle" -> {
                    mailboxThrottle(body);
                    yield Response.empty(204);
                }
                case "POST contactDelta" -> {
                    emulator.mailboxes().expireDeltaTokens();
                    yield Response.empty(204);
                }
                case "POST faults" -> {
                    addFault(body);
                    yield Response.empty(204);
                }
                case "DELETE faults" -> {
                    emulator.faults().clear();
                    yield Response.empty(204);
                }
                case "GET requests" ->
                    Response.json(200, Map.of("value", emulator.requestLog().all()));
                case "DELETE requests" -> {
                    emulator.requestLog().clear();
                    yield Response.empty(204);
                }
                case "POST clock" -> {
                    emulator.clock().advance(Duration.ofSeconds(((Number) body.get("advanceSeconds")).longValue()));
                    yield Response.json(
                            200, Map.of("now", emulator.clock().instant().toString()));
                }
                case "POST secrets" -> {
                    if ("expire".equals(body.get("action"))) {
                        emulator.app().expireSecrets();
                        yield Response.empty(204);
                    }
                    yield Response.json(
                            201, Map.of("value", emulator.app().rotateSecret().value()));
                }
                case "POST consent" -> {
                    emulator.app().revokeConsent();
                    yield Response.empty(204);
                }
                case "POST lifecycle" -> {
                    emulator.sendLifecycleEvent(s[1], LifecycleEvent.valueOf(String.valueOf(body.get("event"))));
                    yield Response.empty(202);
                }
                case "GET subscriptions" -> Response.json(200, Map.of("value", emulator.subscriptions()));
                case "DELETE subscriptions" ->
                    emulator.dropSubscription(s[1])
                            ? Response.empty(204)
                            : Response.json(404, Map.of("error", "no subscription " + s[1]));
                case "GET presence" -> Response.json(200, emulator.presence().get(s[1]));
                case "POST presence" -> Response.json(200, presence(body));
                default ->
                    Response.json(404, Map.of("error", "unknown control operation " + method + " " + request.path()));
            };
        } catch (RuntimeException e) {
            return Response.json(400, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    /**
     * {@code {"changes":[{"id","availability","activity"}…]}} applies at once, {@code {"spread":{"count","overSeconds",
     * "seed","userIds"}}} schedules changes over time, {@code {"requestBudget":n}} sets the rate limit.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> presence(Map<String, Object> body) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (body.get("changes") instanceof List<?> changes) {
            Map<String, Presence> values = new LinkedHashMap<>();
            for (Object o : changes) {
                Map<String, Object> c = (Map<String, Object>) o;
                values.put(
                        String.valueOf(c.get("id")),
                        new Presence(String.valueOf(c.get("availability")), String.valueOf(c.get("activity"))));
            }
            result.put("applied", emulator.presence().setAll(values).size());
        }
        if (body.get("spread") instanceof Map<?, ?> spread) {
            PresenceBoard.Script script = emulator.presence()
                    .spread(
                            (List<String>) spread.get("userIds"),
                            ((Number) spread.get("count")).intValue(),
                            Duration.ofMillis(Math.round(((Number) spread.get("overSeconds")).doubleValue() * 1000)),
                            spread.get("seed") == null ? 0L : ((Number) spread.get("seed")).longValue());
            result.put("planned", script.changes().size());
        }
        if (body.get("requestBudget") instanceof Number budget) {
            emulator.presence().requestBudget(budget.intValue());
            result.put("requestBudget", budget.intValue());
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("send changes, spread or requestBudget");
        }
        return result;
    }

    /**
     * {@code /_control/mailboxes/{userId}/...}: {@code GET} (purpose, folders, contacts), {@code PUT purpose}, {@code
     * POST|DELETE share} ({@code withUserId}, optional {@code folderId}), {@code POST folders}, {@code PATCH|DELETE
     * folders/{id}}, {@code POST contacts}, {@code PATCH|DELETE contacts/{id}}, {@code POST contacts/{id}/move}.
     */
    private Response mailboxes(String method, String[] s, Map<String, Object> body) {
        Mailboxes boxes = emulator.mailboxes();
        String user = s[1];
        String what = s.length > 2 ? s[2] : "";
        String id = s.length > 3 ? s[3] : null;
        return switch (method + " " + what + (id == null ? "" : " id") + (s.length > 4 ? " " + s[4] : "")) {
            case "GET " -> {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("purpose", boxes.purpose(user));
                view.put("defaultFolderId", boxes.defaultFolderId(user));
                view.put("folders", boxes.folders(user));
                view.put("contacts", boxes.contacts(user));
                yield Response.json(200, view);
            }
            case "PUT purpose" -> {
                boxes.setPurpose(user, String.valueOf(body.get("purpose")));
                yield Response.empty(204);
            }
            case "POST share", "DELETE share" -> {
                String with = String.valueOf(body.get("withUserId"));
                Object folder = body.get("folderId");
                boolean share = method.equals("POST");
                if (folder == null) {
                    if (share) {
                        boxes.shareMailbox(user, with);
                    } else {
                        boxes.unshareMailbox(user, with);
                    }
                } else if (share) {
                    boxes.shareFolder(user, folder.toString(), with);
                } else {
                    boxes.unshareFolder(user, folder.toString(), with);
                }
                yield Response.empty(204);
            }
            case "POST folders" ->
                Response.json(
                        201,
                        boxes.addFolder(user, text(body, "parentFolderId"), String.valueOf(body.get("displayName"))));
            case "PATCH folders id" -> {
                if (body.containsKey("parentFolderId")) {
                    boxes.moveFolder(user, id, text(body, "parentFolderId"));
                }
                if (body.containsKey("displayName")) {
                    boxes.renameFolder(user, id, text(body, "displayName"));
                }
                yield Response.json(200, boxes.folder(user, id).orElseThrow());
            }
            case "DELETE folders id" -> {
                boxes.deleteFolder(user, id);
                yield Response.empty(204);
            }
            case "POST contacts" ->
                Response.json(
                        201, boxes.addContact(user, text(body, "folderId"), contact(OutlookContact.builder(), body)));
            case "PATCH contacts id" ->
                Response.json(200, boxes.updateContact(user, id, b -> contact(b, body).toBuilder()));
            case "POST contacts id move" -> Response.json(200, boxes.moveContact(user, id, text(body, "folderId")));
            case "DELETE contacts id" -> {
                boxes.deleteContact(user, id);
                yield Response.empty(204);
            }
            default ->
                throw new IllegalArgumentException("unknown mailbox operation " + method + " " + String.join("/", s));
        };
    }

    private static String text(Map<String, Object> body, String key) {
        Object value = body.get(key);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    private static OutlookContact contact(OutlookContact.Builder b, Map<String, Object> body) {
        body.forEach((key, value) -> {
            String v = value == null ? null : value.toString();
            switch (key) {
                case "folderId" -> {}
                case "displayName" -> b.displayName(v);
                case "givenName" -> b.givenName(v);
                case "middleName" -> b.middleName(v);
                case "surname" -> b.surname(v);
                case "nickName" -> b.nickName(v);
                case "companyName" -> b.companyName(v);
                case "department" -> b.department(v);
                case "jobTitle" -> b.jobTitle(v);
                case "businessPhones" -> b.businessPhones((List<String>) value);
                case "homePhones" -> b.homePhones((List<String>) value);
                case "mobilePhone" -> b.mobilePhone(v);
                case "categories" -> b.categories((List<String>) value);
                case "personalNotes" -> b.personalNotes(v);
                case "emailAddresses" ->
                    b.emailAddresses(((List<Map<String, Object>>) value)
                            .stream()
                                    .map(m -> new OutlookContact.EmailAddress(text(m, "name"), text(m, "address")))
                                    .toList());
                default -> throw new IllegalArgumentException("unknown contact property " + key);
            }
        });
        return b.build();
    }

    private void mailboxThrottle(Map<String, Object> body) {
        MailboxThrottle throttle = emulator.mailboxes().throttle();
        if (body.containsKey("concurrency") || body.containsKey("requestsPer10Minutes")) {
            throttle.limits(
                    ((Number) body.getOrDefault("concurrency", 4)).intValue(),
                    ((Number) body.getOrDefault("requestsPer10Minutes", 10_000)).intValue());
        }
        if (body.containsKey("times")) {
            throttle.force(text(body, "userId"), ((Number) body.get("times")).intValue(), text(body, "retryAfter"));
        }
    }

    Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("baseUrl", emulator.baseUrl());
        info.put("tenantId", emulator.tenantId());
        info.put("clientId", emulator.clientId());
        info.put("clientSecret", emulator.app().currentSecretValue().orElse(null));
        info.put("authorizationAccount", emulator.authorizationAccount().userPrincipalName());
        info.put("redirectUris", emulator.app().redirectUris());
        info.put("users", emulator.tenant().userCount());
        info.put("groups", emulator.tenant().groups().size());
        info.put("contacts", emulator.mailboxes().contactCount());
        return info;
    }

    private Map<String, Object> signingKeys() {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("signing", emulator.signingKeyId());
        keys.put("published", emulator.publishedSigningKeyIds());
        return keys;
    }

    private static Map<String, Object> withoutPassword(Map<String, Object> body) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.remove("password");
        return copy;
    }

    private void setPassword(String userId, Map<String, Object> body) {
        if (body.containsKey("password")) {
            Object value = body.get("password");
            emulator.tenant().setPassword(userId, value == null ? null : value.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private static EntraUser.Builder apply(EntraUser.Builder b, Map<String, Object> body) {
        body.forEach((key, value) -> {
            String v = value == null ? null : value.toString();
            switch (key) {
                case "displayName" -> b.displayName(v);
                case "givenName" -> b.givenName(v);
                case "surname" -> b.surname(v);
                case "mail" -> b.mail(v);
                case "userPrincipalName" -> b.userPrincipalName(v);
                case "mobilePhone" -> b.mobilePhone(v);
                case "businessPhones" -> b.businessPhones((List<String>) value);
                case "jobTitle" -> b.jobTitle(v);
                case "department" -> b.department(v);
                case "userType" -> b.userType(v);
                case "accountEnabled" -> b.accountEnabled(Boolean.TRUE.equals(value));
                case "employeeId" -> b.employeeId(v);
                default -> {
                    if (key.startsWith("extensionAttribute")) {
                        b.extensionAttribute(Integer.parseInt(key.substring("extensionAttribute".length())), v);
                    } else {
                        throw new IllegalArgumentException("unknown user property " + key);
                    }
                }
            }
        });
        return b;
    }

    private static EntraGroup newGroup(Map<String, Object> body) {
        String id = Tenant.newObjectId();
        String name = String.valueOf(body.get("displayName"));
        String mail = body.get("mail") == null ? null : body.get("mail").toString();
        return switch (String.valueOf(body.getOrDefault("kind", "security"))) {
            case "security" -> EntraGroup.security(id, name);
            case "microsoft365" -> EntraGroup.microsoft365(id, name, mail);
            case "mailEnabledSecurity" -> EntraGroup.mailEnabledSecurity(id, name, mail);
            case "distribution" -> EntraGroup.distribution(id, name, mail);
            default ->
                throw new IllegalArgumentException(
                        "kind must be security, microsoft365, mailEnabledSecurity or distribution");
        };
    }

    private void addFault(Map<String, Object> body) {
        String pattern = String.valueOf(body.getOrDefault("pattern", "."));
        int times = ((Number) body.getOrDefault("times", 1)).intValue();
        String retryAfter =
                body.get("retryAfter") == null ? null : body.get("retryAfter").toString();
        switch (String.valueOf(body.get("kind"))) {
            case "throttle" -> emulator.faults().throttle(pattern, times, retryAfter);
            case "unavailable" -> emulator.faults().serviceUnavailable(pattern, times, retryAfter);
            case "drop" -> emulator.faults().dropConnection(pattern, times);
            case "delay" ->
                emulator.faults().delay(pattern, times, Duration.ofMillis(((Number) body.get("millis")).longValue()));
            case "resetDelta" -> emulator.faults().resetDelta(pattern, times);
            default ->
                throw new IllegalArgumentException("kind must be throttle, unavailable, drop, delay or resetDelta");
        }
    }
}
