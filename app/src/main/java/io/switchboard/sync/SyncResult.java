package io.switchboard.sync;

import io.switchboard.reconcile.Action;
import io.switchboard.reconcile.ObjectType;
import io.switchboard.shared.ProblemCode;

/**
 * What a run did to one object.
 *
 * @param objectType {@code EXTENSION}, {@code USER} (a user that got no extension) or {@code GROUP}
 * @param action what the plan asked for: {@code CREATE}, {@code UPDATE}, {@code DELETE}, {@code ASSOCIATE}, {@code RELEASE}, {@code NONE}
 * @param code the stable code of a failure ({@code EMAIL_TAKEN}, {@code NUMBER_INVALID} …), else null
 * @param reason a sentence a person can act on
 * @param owner the mailbox (UPN or mail) an Outlook contact, folder or mailbox result is about, else null
 */
public record SyncResult(
        ObjectType objectType,
        String sourceId,
        String displayName,
        Action action,
        Outcome outcome,
        ProblemCode code,
        String reason,
        String owner) {

    public SyncResult(
            ObjectType objectType,
            String sourceId,
            String displayName,
            Action action,
            Outcome outcome,
            ProblemCode code,
            String reason) {
        this(objectType, sourceId, displayName, action, outcome, code, reason, null);
    }
}
