package io.switchboard.directory;

import io.switchboard.shared.FieldRules;
import io.switchboard.shared.TextRules;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** The fields of an extension group that a create or an update sets. */
public record ExtensionGroupInput(String name, List<UUID> memberIds) {

    public ExtensionGroupInput normalized() {
        List<UUID> members = memberIds == null
                ? List.of()
                : List.copyOf(new LinkedHashSet<>(
                        memberIds.stream().filter(java.util.Objects::nonNull).toList()));
        return new ExtensionGroupInput(TextRules.clean(name), members);
    }

    void validate() {
        new FieldRules()
                .required("name", name)
                .text("name", name, FieldRules.GROUP_NAME_MAX)
                .throwIfAny();
    }
}
