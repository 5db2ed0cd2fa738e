package io.switchboard.audit;

import java.time.OffsetDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One recorded event of the audit trail.
 *
 * @param actor {@code admin}, another username tried at sign-in, or {@code system} for work nobody started by hand
 * @param action the {@link io.switchboard.shared.Audited.Action} name
 * @param details what changed, as a JSON object; never a secret
 */
public record AuditEvent(UUID id, OffsetDateTime at, String actor, String action, String target, JsonNode details) {}
