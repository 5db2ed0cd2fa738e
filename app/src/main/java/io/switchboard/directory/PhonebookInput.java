package io.switchboard.directory;

import io.switchboard.shared.FieldRules;
import io.switchboard.shared.TextRules;

/** The fields of a phonebook that a create or an update sets. */
public record PhonebookInput(String name, Visibility visibleTo) {

    public PhonebookInput normalized() {
        return new PhonebookInput(TextRules.clean(name), visibleTo == null ? Visibility.NOBODY : visibleTo);
    }

    void validate() {
        new FieldRules()
                .required("name", name)
                .text("name", name, FieldRules.GROUP_NAME_MAX)
                .throwIfAny();
    }
}
