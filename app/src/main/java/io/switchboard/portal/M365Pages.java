package io.switchboard.portal;

import io.switchboard.directory.PbxSettingsService;
import io.switchboard.entra.DirectoryPicker;
import io.switchboard.entra.EntraConnection;
import io.switchboard.entra.EntraUnavailable;
import io.switchboard.entra.IntegrationView;
import io.switchboard.reconcile.Change;
import io.switchboard.reconcile.ChangeKind;
import io.switchboard.reconcile.Plan;
import io.switchboard.shared.ProblemException;
import io.switchboard.sync.GuardSettings;
import io.switchboard.sync.HeldDeletion;
import io.switchboard.sync.HeldDeletions;
import io.switchboard.sync.RuleSettings;
import io.switchboard.sync.SyncRun;
import io.switchboard.sync.SyncRuns;
import io.switchboard.sync.SyncService;
import io.switchboard.trigger.ChangeTrigger;
import io.switchboard.trigger.ScheduleSettings;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Integrations › Microsoft 365 (issue 16 points 1, 2, 4): the connection, user sync, group sync,
 * schedule and change trigger, and deletion-guard tabs, read from the services the REST API uses.
 */
@Controller
@RequestMapping(M365Pages.BASE)
class M365Pages {

    static final String BASE = "/integrations/microsoft-365";

    /** A Entra group chosen for a sync range, with its name when the tenant can be read. */
    record ChosenGroup(String id, String name) {}

    /** One group of the preview: the changes of one kind. */
    record PreviewGroup(ChangeKind kind, List<PreviewLine> lines) {}

    record PreviewLine(String displayName, String reason, List<String> fields) {}

    /** A user or group that cannot be synced, its reason worded from its code. */
    record FailureLine(String displayName, String code, String reason) {}

    /** A weekday of the schedule form: its value, its name in the page's language, and whether it is chosen. */
    record Weekday(DayOfWeek day, String name, boolean chosen) {}

    private final EntraConnection connection;
    private final RuleSettings rules;
    private final ScheduleSettings schedule;
    private final ChangeTrigger changeTrigger;
    private final GuardSettings guard;
    private final HeldDeletions held;
    private final SyncRuns runs;
    private final SyncService sync;
    private final DirectoryPicker picker;
    private final PbxSettingsService pbx;
    private final SyncSection section;
    private final PortalProblems problems;

    M365Pages(
            EntraConnection connection,
            RuleSettings rules,
            ScheduleSettings schedule,
            ChangeTrigger changeTrigger,
            GuardSettings guard,
            HeldDeletions held,
            SyncRuns runs,
            SyncService sync,
            DirectoryPicker picker,
            PbxSettingsService pbx,
            SyncSection section,
            PortalProblems problems) {
        this.connection = connection;
        this.rules = rules;
        this.schedule = schedule;
        this.changeTrigger = changeTrigger;
        this.guard = guard;
        this.held = held;
        this.runs = runs;
        this.sync = sync;
        this.picker = picker;
        this.pbx = pbx;
        this.section = section;
        this.problems = problems;
    }

    private void common(Model model, Locale locale) {
        IntegrationView view = connection.view();
        model.addAttribute("integration", view);
        model.addAttribute("frozen", !view.enabled());
        model.addAttribute("statusReason", problems.statusReason(view, locale));
        model.addAttribute("secretWarning", problems.secretWarning(view, locale));
        ZoneId zone = pbx.get().zone();
        runs.running().ifPresent(r -> {
            model.addAttribute("runningId", r.id().toString());
            model.addAttribute("runningSince", SyncSection.when(r.startedAt(), zone));
        });
        model.addAttribute("heldCount", held.list().size());
    }

    @GetMapping
    String connection(
            @RequestParam(required = false) UUID run,
            @RequestParam(required = false) String confirm,
            Locale locale,
            Model model) {
        common(model, locale);
        model.addAttribute("confirm", confirm);
        model.addAttribute("clouds", io.switchboard.entra.Cloud.values());
        model.addAttribute("modes", io.switchboard.entra.IntegrationMode.values());
        model.addAttribute("sync", section.view(locale));
        if (run != null) {
            try {
                SyncRun shown = runs.get(run);
                if (shown.finishedAt() != null) {
                    model.addAttribute("finishedRun", shown);
                }
            } catch (ProblemException e) {
                model.addAttribute("unknownRun", true);
            }
        }
        return "m365/connection";
    }

    @GetMapping("/users")
    String users(@RequestParam(required = false) String confirm, Locale locale, Model model) {
        common(model, locale);
        model.addAttribute("confirm", confirm);
        model.addAttribute("settings", rules.users());
        model.addAttribute("everSaved", rules.everSaved());
        model.addAttribute("chosenGroups", chosen(rules.users().groupIds()));
        return "m365/users";
    }

    @GetMapping("/groups")
    String groups(@RequestParam(required = false) String confirm, Locale locale, Model model) {
        common(model, locale);
        model.addAttribute("confirm", confirm);
        model.addAttribute("settings", rules.groups());
        model.addAttribute("everSaved", rules.everSaved());
        model.addAttribute("chosenGroups", chosen(rules.groups().groupIds()));
        return "m365/groups";
    }

    @GetMapping("/schedule")
    String schedule(Locale locale, Model model) {
        common(model, locale);
        var chosen = schedule.get();
        model.addAttribute("schedule", chosen);
        model.addAttribute(
                "weekdays",
                java.util.Arrays.stream(DayOfWeek.values())
                        .map(d -> new Weekday(
                                d,
                                d.getDisplayName(TextStyle.FULL, locale),
                                chosen.weekdays().contains(d)))
                        .toList());
        model.addAttribute("zone", pbx.get().timeZone());
        model.addAttribute("trigger", changeTrigger.get());
        model.addAttribute("sync", section.view(locale));
        return "m365/schedule";
    }

    @GetMapping("/guard")
    String guard(@RequestParam(required = false) String confirm, Locale locale, Model model) {
        common(model, locale);
        model.addAttribute("confirm", confirm);
        model.addAttribute("guard", guard.get());
        List<HeldDeletion> list = held.list();
        model.addAttribute("held", list);
        model.addAttribute(
                "heldExtensions",
                list.stream()
                        .filter(h -> h.objectType() == HeldDeletions.EXTENSION)
                        .count());
        model.addAttribute(
                "heldGroups",
                list.stream().filter(h -> h.objectType() == HeldDeletions.GROUP).count());
        return "m365/guard";
    }

    /** The preview (X1): a plan read in full from the tenant, changing nothing, grouped by action. */
    @GetMapping("/preview")
    String preview(Locale locale, Model model) {
        common(model, locale);
        try {
            Plan plan = sync.preview();
            Map<ChangeKind, List<PreviewLine>> grouped = new EnumMap<>(ChangeKind.class);
            plan.changes()
                    .forEach(c -> grouped.computeIfAbsent(c.kind(), k -> new ArrayList<>())
                            .add(line(c, locale)));
            model.addAttribute(
                    "groups",
                    grouped.entrySet().stream()
                            .map(e -> new PreviewGroup(e.getKey(), e.getValue()))
                            .toList());
            model.addAttribute(
                    "held", plan.held().stream().map(c -> line(c, locale)).toList());
            model.addAttribute("verdicts", plan.guard());
            model.addAttribute(
                    "failures",
                    plan.failures().stream()
                            .map(f -> new FailureLine(
                                    f.displayName(),
                                    f.code().name(),
                                    problems.text("problem." + f.code().name(), locale, "")))
                            .toList());
            model.addAttribute("unchanged", plan.unchanged().size());
            model.addAttribute(
                    "empty",
                    plan.changes().isEmpty()
                            && plan.held().isEmpty()
                            && plan.failures().isEmpty());
        } catch (ProblemException e) {
            model.addAttribute("error", problems.sentence(e, locale));
        }
        return "m365/preview";
    }

    private PreviewLine line(Change c, Locale locale) {
        List<String> fields = c instanceof Change.UpdateExtension u
                ? u.fields().stream().map(M365Pages::field).toList()
                : c instanceof Change.UpdateGroup g
                        ? g.fields().stream().map(M365Pages::field).toList()
                        : List.of();
        return new PreviewLine(c.displayName(), problems.changeReason(c.reason(), locale), fields);
    }

    private static String field(Change.FieldChange f) {
        return f.field() + ": " + (f.before() == null ? "∅" : "“" + f.before() + "”") + " → "
                + (f.after() == null ? "∅" : "“" + f.after() + "”");
    }

    /** The chosen groups with their names, read from the tenant when it answers. */
    private List<ChosenGroup> chosen(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, String> names = Map.of();
        if (connection.connected()) {
            try {
                names = picker.groups(null, DirectoryPicker.MAX).stream()
                        .collect(Collectors.toMap(
                                DirectoryPicker.Entry::id, DirectoryPicker.Entry::displayName, (a, b) -> a));
            } catch (EntraUnavailable | ProblemException e) {
                names = Map.of();
            }
        }
        Function<String, String> name = names::get;
        return ids.stream().map(id -> new ChosenGroup(id, name.apply(id))).toList();
    }
}
