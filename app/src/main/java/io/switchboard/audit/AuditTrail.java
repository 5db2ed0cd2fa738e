package io.switchboard.audit;

import io.switchboard.shared.Audited;
import io.switchboard.shared.PageRequest;
import io.switchboard.shared.PageResult;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records every {@link Audited} event in the database, in the transaction of the change it
 * describes when there is one, and logs it as a structured event (ECS fields {@code event.action},
 * {@code user.name}). Settings changes keep only the fields that differ; a field whose name speaks
 * of a secret, a password or a token keeps only the fact that it changed.
 */
@Service
public class AuditTrail {

    static final String SYSTEM = "system";
    static final String HIDDEN = "(hidden)";

    private static final Logger log = LoggerFactory.getLogger("io.switchboard.audit");
    private static final Pattern SENSITIVE = Pattern.compile(".*(secret|password|token).*");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final int MAX_DETAILS = 8000;

    private final JdbcClient jdbc;
    private final JsonMapper mapper;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, JsonMapper mapper, Clock clock) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.clock = clock;
    }

    @EventListener
    void on(Audited event) {
        ObjectNode details = detailsOf(event);
        if (details == null) {
            return;
        }
        String actor = clip(event.actor() == null ? currentActor() : event.actor(), 100);
        String target = clip(event.target(), 256);
        String json = mapper.writeValueAsString(details);
        if (json.length() > MAX_DETAILS) {
            ObjectNode cut = mapper.createObjectNode();
            cut.put("truncated", json.substring(0, MAX_DETAILS - 100));
            json = mapper.writeValueAsString(cut);
        }
        OffsetDateTime at = clock.instant().atOffset(ZoneOffset.UTC);
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO audit_event (id, at, actor, action, target, details) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, at, actor, event.action().name(), target, json)
                .update();
        log.atInfo()
                .setMessage("Audit: {} by {} on {}")
                .addArgument(event.action())
                .addArgument(actor)
                .addArgument(target)
                .addKeyValue("event.action", event.action().name())
                .addKeyValue("event.id", id.toString())
                .addKeyValue("user.name", actor)
                .addKeyValue("audit.target", target)
                .addKeyValue("audit.details", json)
                .log();
    }

    /** A page of the audit trail, newest first. */
    @Transactional(readOnly = true)
    public PageResult<AuditEvent> page(PageRequest page) {
        long total =
                jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single();
        List<AuditEvent> items = jdbc.sql("SELECT id, at, actor, action, target, details FROM audit_event"
                        + " ORDER BY seq DESC LIMIT ? OFFSET ?")
                .params(page.size(), page.offset())
                .query((rs, n) -> new AuditEvent(
                        rs.getObject("id", UUID.class),
                        rs.getObject("at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("target"),
                        mapper.readTree(rs.getString("details"))))
                .list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    /** The most recent events, newest first. */
    public List<AuditEvent> recent(int count) {
        return page(new PageRequest(0, count)).items();
    }

    private ObjectNode detailsOf(Audited event) {
        Map<String, Object> given = event.details();
        ObjectNode out = mapper.createObjectNode();
        if (event.action() == Audited.Action.SETTINGS_CHANGED
                && given.containsKey("before")
                && given.containsKey("after")) {
            ObjectNode changes = changes(tree(given.get("before")), tree(given.get("after")));
            if (changes.isEmpty()) {
                return null;
            }
            out.set("changes", changes);
        }
        given.forEach((key, value) -> {
            if (!out.has(key) && !(out.has("changes") && (key.equals("before") || key.equals("after")))) {
                out.set(key, sensitive(key) ? mapper.getNodeFactory().textNode(HIDDEN) : tree(value));
            }
        });
        return out;
    }

    private ObjectNode changes(JsonNode before, JsonNode after) {
        ObjectNode changes = mapper.createObjectNode();
        Set<String> names = new LinkedHashSet<>();
        before.propertyNames().forEach(names::add);
        after.propertyNames().forEach(names::add);
        for (String name : names) {
            JsonNode was = before.path(name);
            JsonNode now = after.path(name);
            if (normalized(was).equals(normalized(now))) {
                continue;
            }
            ObjectNode change = changes.putObject(name);
            if (sensitive(name)) {
                change.put("changed", true);
            } else {
                change.set("before", normalized(was));
                change.set("after", normalized(now));
            }
        }
        return changes;
    }

    private JsonNode normalized(JsonNode node) {
        return node.isMissingNode() ? mapper.getNodeFactory().nullNode() : node;
    }

    private JsonNode tree(Object value) {
        if (value == null) {
            return mapper.createObjectNode();
        }
        return value instanceof JsonNode node ? node : mapper.valueToTree(value);
    }

    private static boolean sensitive(String name) {
        return SENSITIVE.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    private static String currentActor() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return SYSTEM;
        }
        return authentication.getName();
    }

    private static String clip(String value, int max) {
        if (value == null) {
            return null;
        }
        String clean = CONTROL.matcher(value).replaceAll("?");
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
