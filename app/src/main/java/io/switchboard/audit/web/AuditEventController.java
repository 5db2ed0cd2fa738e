package io.switchboard.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.audit.AuditEvent;
import io.switchboard.audit.AuditTrail;
import io.switchboard.shared.PageRequest;
import io.switchboard.shared.PageResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audit trail", description = "Who did what and when; never a secret")
class AuditEventController {

    private final AuditTrail trail;

    AuditEventController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/api/v1/audit-events")
    @Operation(
            summary = "List the audit trail, newest first: sign-ins (successful and failed, with the client address),"
                    + " password changes, settings changes (fields before and after), sync runs, held-deletion"
                    + " decisions, connecting, disabling, enabling and disconnecting")
    PageResult<AuditEvent> list(
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return trail.page(PageRequest.of(page, size));
    }
}
