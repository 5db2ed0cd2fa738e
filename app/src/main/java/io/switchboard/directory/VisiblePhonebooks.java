package io.switchboard.directory;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The phonebooks an extension may see: shown to it, or to an extension group it belongs to. */
@Service
public class VisiblePhonebooks {

    private final JdbcClient jdbc;
    private final Phonebooks phonebooks;

    VisiblePhonebooks(JdbcClient jdbc, Phonebooks phonebooks) {
        this.jdbc = jdbc;
        this.phonebooks = phonebooks;
    }

    @Transactional(readOnly = true)
    public List<Phonebook> of(UUID extensionId) {
        return jdbc
                .sql("SELECT p.id FROM phonebook p WHERE p.id IN (SELECT phonebook_id FROM phonebook_visible_extension"
                        + " WHERE extension_id = :e) OR p.id IN (SELECT v.phonebook_id FROM phonebook_visible_group v"
                        + " JOIN extension_group_member m ON m.group_id = v.group_id WHERE m.extension_id = :e)"
                        + " ORDER BY p.name_key")
                .param("e", extensionId)
                .query(UUID.class)
                .list()
                .stream()
                .flatMap(id -> phonebooks.find(id).stream())
                .toList();
    }

    @Transactional(readOnly = true)
    public boolean visible(UUID phonebookId, UUID extensionId) {
        return of(extensionId).stream().anyMatch(p -> p.id().equals(phonebookId));
    }
}
