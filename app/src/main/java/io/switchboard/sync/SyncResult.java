package io.switchboard.sync;

/**
 * What a run did to one object.
 *
 * @param objectType {@code EXTENSION}, {@code GROUP}, {@code USER_SOURCE} …
 * @param action what the plan asked for: {@code CREATE}, {@code UPDATE}, {@code DELETE}, {@code ASSOCIATE}, {@code RELEASE}, {@code NONE}
 * @param code the stable code of a failure ({@code EMAIL_TAKEN}, {@code NUMBER_INVALID} …), else null
 * @param reason a sentence a person can act on
 */
public record SyncResult(
        String objectType,
        String sourceId,
        String displayName,
        String action,
        Outcome outcome,
        String code,
        String reason) {}
