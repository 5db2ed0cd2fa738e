package io.switchboard.emulator;

/** The directory object kinds the emulator stores. */
enum ObjectKind {
    USER("#microsoft.graph.user", "Users"),
    GROUP("#microsoft.graph.group", "Groups");

    final String odataType;
    final String notificationSegment;

    ObjectKind(String odataType, String notificationSegment) {
        this.odataType = odataType;
        this.notificationSegment = notificationSegment;
    }
}
