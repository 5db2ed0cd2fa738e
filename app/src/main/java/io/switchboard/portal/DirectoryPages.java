package io.switchboard.portal;

import io.switchboard.directory.Contact;
import io.switchboard.directory.ContactInput;
import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionDirectory;
import io.switchboard.directory.ExtensionGroup;
import io.switchboard.directory.ExtensionGroupInput;
import io.switchboard.directory.ExtensionInput;
import io.switchboard.directory.GroupDirectory;
import io.switchboard.directory.PbxSettingsService;
import io.switchboard.directory.PersonalContactDirectory;
import io.switchboard.directory.Phonebook;
import io.switchboard.directory.PhonebookDirectory;
import io.switchboard.directory.PhonebookInput;
import io.switchboard.directory.Presence;
import io.switchboard.directory.Visibility;
import io.switchboard.pbx.PbxSettings;
import io.switchboard.shared.PageRequest;
import io.switchboard.shared.PageResult;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The directory as tables (issue 16 point 3): extensions with their personal contacts, extension
 * groups with members, phonebooks with their visibility and contacts, and the PBX settings. Every
 * change goes through the directory services, so their rules and locks (U9, G4, O1, O2, O4, U10)
 * apply; a refusal is shown as a sentence worded from its code.
 */
@Controller
class DirectoryPages {

    static final int PAGE_SIZE = 25;

    /** How many members or visible extensions an editor lists; the rest are counted. */
    static final int MEMBERS_SHOWN = 200;

    private final ExtensionDirectory extensions;
    private final GroupDirectory groups;
    private final PhonebookDirectory phonebooks;
    private final PersonalContactDirectory personal;
    private final PbxSettingsService settings;
    private final PortalText text;

    DirectoryPages(
            ExtensionDirectory extensions,
            GroupDirectory groups,
            PhonebookDirectory phonebooks,
            PersonalContactDirectory personal,
            PbxSettingsService settings,
            PortalText text) {
        this.extensions = extensions;
        this.groups = groups;
        this.phonebooks = phonebooks;
        this.personal = personal;
        this.settings = settings;
        this.text = text;
    }

    // ---- extensions ----

    @GetMapping("/extensions")
    String extensionTable(
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "number") String sort,
            @RequestParam(defaultValue = "asc") String dir,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        boolean descending = "desc".equals(dir);
        String column = List.of("number", "name", "email", "origin").contains(sort) ? sort : "number";
        PageResult<Extension> found =
                extensions.page(q, column, descending, new PageRequest(Math.max(0, page), PAGE_SIZE));
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("q", q);
        query.put("sort", column);
        query.put("dir", descending ? "desc" : "asc");
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("sort", column);
        model.addAttribute("descending", descending);
        model.addAttribute("rows", found.items());
        model.addAttribute("pager", Pager.of(found, "/extensions", query));
        model.addAttribute("capacity", settings.get().extensionCapacity());
        return "extensions";
    }

    @GetMapping("/extensions/new")
    String newExtension(Model model) {
        return extensionForm(model, null, new ExtensionInput(null, null, null, null, null, null, Presence.AVAILABLE));
    }

    @PostMapping("/extensions")
    String createExtension(
            @ModelAttribute ExtensionInput input, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            Extension created = extensions.create(input);
            redirect.addFlashAttribute("notice", text.text("dir.saved", locale));
            return "redirect:/extensions/" + created.id();
        } catch (ProblemException e) {
            model.addAttribute("error", refusal(e, locale));
            return extensionForm(model, null, input);
        }
    }

    @GetMapping("/extensions/{id}")
    String extension(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page, Model model) {
        Extension extension = extensions.get(id);
        PageResult<Contact> contacts = personal.page(id, null, new PageRequest(Math.max(0, page), PAGE_SIZE));
        model.addAttribute("contacts", contacts.items());
        model.addAttribute("contactsPager", Pager.of(contacts, "/extensions/" + id, Map.of()));
        model.addAttribute("newContact", emptyContact());
        return extensionForm(model, extension, extension.input());
    }

    @PostMapping("/extensions/{id}")
    String updateExtension(
            @PathVariable UUID id,
            @ModelAttribute ExtensionInput input,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            extensions.update(id, input);
            redirect.addFlashAttribute("notice", text.text("dir.saved", locale));
            return "redirect:/extensions/" + id;
        } catch (ProblemException e) {
            if (e.code() == ProblemCode.NOT_FOUND) {
                throw e;
            }
            model.addAttribute("error", refusal(e, locale));
            Extension extension = extensions.get(id);
            PageResult<Contact> contacts = personal.page(id, null, new PageRequest(0, PAGE_SIZE));
            model.addAttribute("contacts", contacts.items());
            model.addAttribute("contactsPager", Pager.of(contacts, "/extensions/" + id, Map.of()));
            model.addAttribute("newContact", emptyContact());
            return extensionForm(model, extension, input);
        }
    }

    @GetMapping("/extensions/{id}/delete")
    String confirmDeleteExtension(@PathVariable UUID id, Model model, Locale locale) {
        Extension extension = extensions.get(id);
        return confirm(
                model,
                "extensions",
                text.text("ext.delete.title", locale),
                text.text("ext.delete.question", locale, extension.displayName()),
                "/extensions/" + id + "/delete",
                "/extensions/" + id);
    }

    @PostMapping("/extensions/{id}/delete")
    String deleteExtension(@PathVariable UUID id, Locale locale, RedirectAttributes redirect) {
        return act(
                () -> extensions.delete(id),
                redirect,
                locale,
                "dir.deleted",
                "redirect:/extensions",
                "redirect:/extensions/" + id);
    }

    // ---- extension groups ----

    @GetMapping("/extension-groups")
    String groupTable(
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
        PageResult<ExtensionGroup> found = groups.page(q, new PageRequest(Math.max(0, page), PAGE_SIZE));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("rows", found.items());
        model.addAttribute("pager", Pager.of(found, "/extension-groups", Map.of("q", q == null ? "" : q)));
        model.addAttribute("maxGroups", ExtensionGroup.MAX_GROUPS);
        return "extension-groups";
    }

    @PostMapping("/extension-groups")
    String createGroup(@RequestParam(required = false) String name, Locale locale, RedirectAttributes redirect) {
        try {
            ExtensionGroup created = groups.create(new ExtensionGroupInput(name, List.of()));
            redirect.addFlashAttribute("notice", text.text("dir.saved", locale));
            return "redirect:/extension-groups/" + created.id();
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", refusal(e, locale));
            return "redirect:/extension-groups";
        }
    }

    @GetMapping("/extension-groups/{id}")
    String group(@PathVariable UUID id, Model model) {
        ExtensionGroup group = groups.get(id);
        model.addAttribute("group", group);
        model.addAttribute(
                "members",
                extensions.byIds(group.memberIds().stream().limit(MEMBERS_SHOWN).toList()));
        model.addAttribute("moreMembers", Math.max(0, group.memberIds().size() - MEMBERS_SHOWN));
        return "extension-group";
    }

    @PostMapping("/extension-groups/{id}")
    String updateGroup(
            @PathVariable UUID id,
            @RequestParam(required = false) String name,
            @RequestParam(name = "keep", required = false) List<UUID> keep,
            @RequestParam(name = "add", required = false) String add,
            Locale locale,
            RedirectAttributes redirect) {
        return act(
                () -> {
                    ExtensionGroup current = groups.get(id);
                    List<UUID> members = edited(current.memberIds(), keep, add);
                    groups.update(id, new ExtensionGroupInput(name, members));
                },
                redirect,
                locale,
                "dir.saved",
                "redirect:/extension-groups/" + id,
                "redirect:/extension-groups/" + id);
    }

    @GetMapping("/extension-groups/{id}/delete")
    String confirmDeleteGroup(@PathVariable UUID id, Model model, Locale locale) {
        ExtensionGroup group = groups.get(id);
        return confirm(
                model,
                "groups",
                text.text("group.delete.title", locale),
                text.text(
                        "group.delete.question",
                        locale,
                        group.name(),
                        group.memberIds().size()),
                "/extension-groups/" + id + "/delete",
                "/extension-groups/" + id);
    }

    @PostMapping("/extension-groups/{id}/delete")
    String deleteGroup(@PathVariable UUID id, Locale locale, RedirectAttributes redirect) {
        return act(
                () -> groups.delete(id),
                redirect,
                locale,
                "dir.deleted",
                "redirect:/extension-groups",
                "redirect:/extension-groups/" + id);
    }

    // ---- phonebooks ----

    @GetMapping("/phonebooks")
    String phonebookTable(
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
        PageResult<Phonebook> found = phonebooks.page(q, new PageRequest(Math.max(0, page), PAGE_SIZE));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("rows", found.items());
        model.addAttribute("pager", Pager.of(found, "/phonebooks", Map.of("q", q == null ? "" : q)));
        return "phonebooks";
    }

    @PostMapping("/phonebooks")
    String createPhonebook(@RequestParam(required = false) String name, Locale locale, RedirectAttributes redirect) {
        try {
            Phonebook created = phonebooks.create(new PhonebookInput(name, Visibility.NOBODY));
            redirect.addFlashAttribute("notice", text.text("dir.saved", locale));
            return "redirect:/phonebooks/" + created.id();
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", refusal(e, locale));
            return "redirect:/phonebooks";
        }
    }

    @GetMapping("/phonebooks/{id}")
    String phonebook(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page, Model model) {
        Phonebook book = phonebooks.get(id);
        PageResult<Contact> contacts = phonebooks.contacts(id, null, new PageRequest(Math.max(0, page), PAGE_SIZE));
        Set<UUID> visibleGroups = Set.copyOf(book.visibleTo().groupIds());
        model.addAttribute("book", book);
        model.addAttribute(
                "visibleExtensions",
                extensions.byIds(book.visibleTo().extensionIds().stream()
                        .limit(MEMBERS_SHOWN)
                        .toList()));
        model.addAttribute(
                "moreVisible", Math.max(0, book.visibleTo().extensionIds().size() - MEMBERS_SHOWN));
        model.addAttribute(
                "groupChoices",
                groups.page(null, new PageRequest(0, ExtensionGroup.MAX_GROUPS)).items().stream()
                        .map(g -> new GroupChoice(g.id(), g.name(), visibleGroups.contains(g.id())))
                        .toList());
        model.addAttribute("contacts", contacts.items());
        model.addAttribute("contactsPager", Pager.of(contacts, "/phonebooks/" + id, Map.of()));
        model.addAttribute("newContact", emptyContact());
        return "phonebook";
    }

    /** An extension group offered by the visibility editor, ticked when the phonebook is visible to it. */
    record GroupChoice(UUID id, String name, boolean chosen) {}

    @PostMapping("/phonebooks/{id}")
    String updatePhonebook(
            @PathVariable UUID id,
            @RequestParam(required = false) String name,
            @RequestParam(name = "keep", required = false) List<UUID> keep,
            @RequestParam(name = "add", required = false) String add,
            @RequestParam(name = "groups", required = false) List<UUID> groupIds,
            Locale locale,
            RedirectAttributes redirect) {
        return act(
                () -> {
                    Phonebook current = phonebooks.get(id);
                    List<UUID> visible = edited(current.visibleTo().extensionIds(), keep, add);
                    phonebooks.update(
                            id,
                            new PhonebookInput(name, new Visibility(visible, groupIds == null ? List.of() : groupIds)));
                },
                redirect,
                locale,
                "dir.saved",
                "redirect:/phonebooks/" + id,
                "redirect:/phonebooks/" + id);
    }

    @GetMapping("/phonebooks/{id}/delete")
    String confirmDeletePhonebook(@PathVariable UUID id, Model model, Locale locale) {
        Phonebook book = phonebooks.get(id);
        return confirm(
                model,
                "phonebooks",
                text.text("book.delete.title", locale),
                text.text("book.delete.question", locale, book.name()),
                "/phonebooks/" + id + "/delete",
                "/phonebooks/" + id);
    }

    @PostMapping("/phonebooks/{id}/delete")
    String deletePhonebook(@PathVariable UUID id, Locale locale, RedirectAttributes redirect) {
        return act(
                () -> phonebooks.delete(id),
                redirect,
                locale,
                "dir.deleted",
                "redirect:/phonebooks",
                "redirect:/phonebooks/" + id);
    }

    // ---- contacts, of an extension or of a phonebook ----

    /** The owners whose contacts the portal edits: an extension (personal contacts) or a phonebook. */
    private static final String OWNER = "/{owner:extensions|phonebooks}/{id}/contacts";

    @PostMapping(OWNER)
    String addContact(
            @PathVariable String owner,
            @PathVariable UUID id,
            @ModelAttribute ContactInput input,
            Locale locale,
            RedirectAttributes redirect) {
        ContactBook book = book(owner, id);
        String back = "redirect:" + book.url() + "#contacts";
        return act(() -> book.add().accept(input), redirect, locale, "dir.saved", back, back);
    }

    @GetMapping(OWNER + "/{contactId}")
    String contactPage(@PathVariable String owner, @PathVariable UUID id, @PathVariable UUID contactId, Model model) {
        ContactBook book = book(owner, id);
        String ownerName = book.ownerName().get();
        Contact contact = book.contact().apply(contactId);
        return contactForm(model, book.nav(), ownerName, book.url(), contact, contact.details());
    }

    @PostMapping(OWNER + "/{contactId}")
    String updateContact(
            @PathVariable String owner,
            @PathVariable UUID id,
            @PathVariable UUID contactId,
            @ModelAttribute ContactInput input,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        ContactBook book = book(owner, id);
        try {
            book.update().accept(contactId, input);
            redirect.addFlashAttribute("notice", text.text("dir.saved", locale));
            return "redirect:" + book.url() + "#contacts";
        } catch (ProblemException e) {
            if (e.code() == ProblemCode.NOT_FOUND) {
                throw e;
            }
            model.addAttribute("error", refusal(e, locale));
            return contactForm(
                    model,
                    book.nav(),
                    book.ownerName().get(),
                    book.url(),
                    book.contact().apply(contactId),
                    input);
        }
    }

    @GetMapping(OWNER + "/{contactId}/delete")
    String confirmDeleteContact(
            @PathVariable String owner,
            @PathVariable UUID id,
            @PathVariable UUID contactId,
            Model model,
            Locale locale) {
        ContactBook book = book(owner, id);
        Contact contact = book.contact().apply(contactId);
        return confirm(
                model,
                book.nav(),
                text.text("contact.delete.title", locale),
                text.text("contact.delete.question", locale, name(contact)),
                book.url() + "/contacts/" + contactId + "/delete",
                book.url() + "#contacts");
    }

    @PostMapping(OWNER + "/{contactId}/delete")
    String deleteContact(
            @PathVariable String owner,
            @PathVariable UUID id,
            @PathVariable UUID contactId,
            Locale locale,
            RedirectAttributes redirect) {
        ContactBook book = book(owner, id);
        String back = "redirect:" + book.url() + "#contacts";
        return act(() -> book.delete().accept(contactId), redirect, locale, "dir.deleted", back, back);
    }

    /**
     * The contacts of one owner as the portal edits them: an extension's personal contacts or a
     * phonebook's; {@code nav} is the section of the main menu, {@code url} the owner's page.
     */
    private record ContactBook(
            String nav,
            String url,
            Supplier<String> ownerName,
            Function<UUID, Contact> contact,
            Consumer<ContactInput> add,
            BiConsumer<UUID, ContactInput> update,
            Consumer<UUID> delete) {}

    private ContactBook book(String owner, UUID id) {
        return owner.equals("extensions") ? personalBook(id) : phonebookBook(id);
    }

    private ContactBook personalBook(UUID id) {
        return new ContactBook(
                "extensions",
                "/extensions/" + id,
                () -> extensions.get(id).displayName(),
                contactId -> personal.get(id, contactId),
                input -> personal.create(id, input),
                (contactId, input) -> personal.update(id, contactId, input),
                contactId -> personal.delete(id, contactId));
    }

    private ContactBook phonebookBook(UUID id) {
        return new ContactBook(
                "phonebooks",
                "/phonebooks/" + id,
                () -> phonebooks.get(id).name(),
                contactId -> phonebooks.contact(id, contactId),
                input -> phonebooks.addContact(id, input),
                (contactId, input) -> phonebooks.updateContact(id, contactId, input),
                contactId -> phonebooks.deleteContact(id, contactId));
    }

    // ---- PBX settings ----

    /** A choice of a select: its value and its label in the admin's language. */
    record Choice(String value, String label) {}

    @GetMapping("/settings")
    String settingsPage(Model model, Locale locale) {
        return settingsForm(model, locale, settings.get());
    }

    @PostMapping("/settings")
    String saveSettings(
            @RequestParam(defaultValue = "0") String extensionCapacity,
            @RequestParam(required = false) String timeZone,
            @RequestParam(required = false) String publicBaseUrl,
            @RequestParam(required = false) String defaultCountry,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        int capacity;
        try {
            capacity = Integer.parseInt(extensionCapacity.strip());
        } catch (NumberFormatException e) {
            capacity = 0;
        }
        PbxSettings requested = new PbxSettings(capacity, timeZone, publicBaseUrl, defaultCountry);
        try {
            settings.update(requested);
            redirect.addFlashAttribute("notice", text.text("dir.saved", locale));
            return "redirect:/settings";
        } catch (ProblemException e) {
            model.addAttribute("error", refusal(e, locale));
            model.addAttribute("invalid", PortalText.fields(e));
            return settingsForm(model, locale, requested);
        }
    }

    private String settingsForm(Model model, Locale locale, PbxSettings values) {
        model.addAttribute("values", values);
        model.addAttribute(
                "zones", ZoneId.getAvailableZoneIds().stream().sorted().toList());
        model.addAttribute(
                "countries",
                Arrays.stream(Locale.getISOCountries())
                        .map(c -> new Choice(c, new Locale("", c).getDisplayCountry(locale) + " (" + c + ")"))
                        .sorted(Comparator.comparing(Choice::label))
                        .toList());
        model.addAttribute(
                "extensionCount", extensions.page(null, new PageRequest(0, 1)).total());
        return "settings";
    }

    // ---- shared ----

    private String extensionForm(Model model, Extension extension, ExtensionInput values) {
        model.addAttribute("extension", extension);
        model.addAttribute("values", values);
        model.addAttribute("locked", extension == null ? List.of() : extension.lockedFields());
        model.addAttribute("presences", Presence.values());
        return "extension";
    }

    private String contactForm(
            Model model, String nav, String ownerName, String ownerUrl, Contact contact, ContactInput values) {
        model.addAttribute("nav", nav);
        model.addAttribute("ownerName", ownerName);
        model.addAttribute("ownerUrl", ownerUrl);
        model.addAttribute("contact", contact);
        model.addAttribute("values", values);
        return "contact";
    }

    private String confirm(Model model, String nav, String title, String question, String action, String cancel) {
        model.addAttribute("nav", nav);
        model.addAttribute("title", title);
        model.addAttribute("question", question);
        model.addAttribute("action", action);
        model.addAttribute("cancel", cancel);
        return "confirm";
    }

    private String act(
            Runnable change, RedirectAttributes redirect, Locale locale, String doneKey, String done, String refused) {
        try {
            change.run();
            redirect.addFlashAttribute("notice", text.text(doneKey, locale));
            return done;
        } catch (ProblemException e) {
            if (e.code() == ProblemCode.NOT_FOUND) {
                throw e;
            }
            redirect.addFlashAttribute("error", refusal(e, locale));
            redirect.addFlashAttribute("errorCode", e.code().name());
            return refused;
        }
    }

    private String refusal(ProblemException e, Locale locale) {
        return text.refusal(e, locale);
    }

    /** The member list after an edit: the kept ones of {@code current}, then the extensions of the added numbers. */
    private List<UUID> edited(List<UUID> current, List<UUID> keep, String add) {
        Set<UUID> kept = keep == null ? Set.of() : Set.copyOf(keep);
        LinkedHashSet<UUID> result = new LinkedHashSet<>();
        for (int i = 0; i < current.size(); i++) {
            UUID id = current.get(i);
            if (i >= MEMBERS_SHOWN || kept.contains(id)) {
                result.add(id);
            }
        }
        List<String> numbers = add == null
                ? List.of()
                : Arrays.stream(add.split("[\\s,;，；、]+"))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
        if (!numbers.isEmpty()) {
            Map<String, Extension> found = extensions.byNumbers(numbers);
            List<String> unknown = new ArrayList<>();
            for (String number : numbers) {
                Extension e = found.get(number);
                if (e == null) {
                    unknown.add(number);
                } else {
                    result.add(e.id());
                }
            }
            if (!unknown.isEmpty()) {
                throw ProblemException.invalid("add", "names numbers no extension has: " + String.join(", ", unknown));
            }
        }
        return List.copyOf(result);
    }

    private static ContactInput emptyContact() {
        return new ContactInput(null, null, null, null, null, null, null, null, null);
    }

    private static String name(Contact contact) {
        ContactInput d = contact.details();
        return ((d.firstName() == null ? "" : d.firstName()) + " " + (d.lastName() == null ? "" : d.lastName()))
                .strip();
    }
}
