package io.switchboard.portal;

import io.switchboard.directory.PbxSettingsService;
import io.switchboard.entra.Cloud;
import io.switchboard.entra.DirectoryPicker;
import io.switchboard.entra.EntraConnection;
import io.switchboard.entra.EntraUnavailable;
import io.switchboard.entra.EntraUser.UserType;
import io.switchboard.entra.IntegrationInput;
import io.switchboard.entra.IntegrationMode;
import io.switchboard.reconcile.GroupSyncSettings;
import io.switchboard.reconcile.InvalidSetting;
import io.switchboard.reconcile.Policies.AccountState;
import io.switchboard.reconcile.Policies.GroupRange;
import io.switchboard.reconcile.Policies.GroupType;
import io.switchboard.reconcile.Policies.NumberSource;
import io.switchboard.reconcile.Policies.UserRange;
import io.switchboard.reconcile.Policies.WhenOutOfScope;
import io.switchboard.reconcile.UserSyncSettings;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import io.switchboard.sync.DeletionGuard;
import io.switchboard.sync.GuardSettings;
import io.switchboard.sync.HeldDeletions;
import io.switchboard.sync.IntegrationLifecycle;
import io.switchboard.sync.SyncRuns;
import io.switchboard.sync.SyncService;
import io.switchboard.sync.SyncSettingsChanges;
import io.switchboard.trigger.ChangeTrigger;
import io.switchboard.trigger.ChangeTriggerSettings;
import io.switchboard.trigger.ScheduleSettings;
import io.switchboard.trigger.SyncSchedule;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The forms of Integrations › Microsoft 365. Each posts (with its CSRF token), calls the service
 * the REST API calls, and answers with a redirect to its tab carrying a sentence of the page's
 * language: what was done, or why it was refused.
 */
@Controller
@RequestMapping(M365Pages.BASE)
class M365Actions {

    private static final String CONNECTION = "redirect:" + M365Pages.BASE;
    private static final String USERS = "redirect:" + M365Pages.BASE + "/users";
    private static final String GROUPS = "redirect:" + M365Pages.BASE + "/groups";
    private static final String SCHEDULE = "redirect:" + M365Pages.BASE + "/schedule";
    private static final String GUARD = "redirect:" + M365Pages.BASE + "/guard";

    private final EntraConnection connection;
    private final IntegrationLifecycle lifecycle;
    private final SyncSettingsChanges changes;
    private final ScheduleSettings schedule;
    private final ChangeTrigger changeTrigger;
    private final GuardSettings guard;
    private final HeldDeletions held;
    private final SyncService sync;
    private final DirectoryPicker picker;
    private final PbxSettingsService pbx;
    private final PortalProblems problems;
    private final JsonMapper mapper;

    M365Actions(
            EntraConnection connection,
            IntegrationLifecycle lifecycle,
            SyncSettingsChanges changes,
            ScheduleSettings schedule,
            ChangeTrigger changeTrigger,
            GuardSettings guard,
            HeldDeletions held,
            SyncService sync,
            DirectoryPicker picker,
            PbxSettingsService pbx,
            PortalProblems problems,
            JsonMapper mapper) {
        this.connection = connection;
        this.lifecycle = lifecycle;
        this.changes = changes;
        this.schedule = schedule;
        this.changeTrigger = changeTrigger;
        this.guard = guard;
        this.held = held;
        this.sync = sync;
        this.picker = picker;
        this.pbx = pbx;
        this.problems = problems;
        this.mapper = mapper;
    }

    /** Runs an action; its sentence, or the refusal's, goes to the next page. */
    private String act(String target, RedirectAttributes redirect, Locale locale, Action action) {
        try {
            String notice = action.run();
            if (notice != null) {
                redirect.addFlashAttribute("notice", notice);
            }
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", problems.sentence(e, locale));
            if (e.code() == ProblemCode.VALIDATION_FAILED) {
                redirect.addFlashAttribute("errorField", field(e));
            }
        } catch (InvalidSetting e) {
            redirect.addFlashAttribute(
                    "error", problems.sentence(ProblemException.invalid(e.field(), e.rule()), locale));
            redirect.addFlashAttribute("errorField", e.field());
        }
        return target;
    }

    @FunctionalInterface
    private interface Action {
        String run();
    }

    private static String field(ProblemException e) {
        return e.properties().get("errors") instanceof List<?> errors
                        && !errors.isEmpty()
                        && errors.get(0) instanceof ProblemException.FieldError f
                ? f.field()
                : null;
    }

    // ---- connection ----

    @PostMapping("/settings")
    String saveSettings(
            @RequestParam(required = false) String clientId,
            @RequestParam(required = false) String tenantId,
            @RequestParam(required = false) String clientSecret,
            @RequestParam(required = false) String clientSecretExpiresAt,
            @RequestParam(required = false) Cloud cloud,
            @RequestParam(required = false) String loginEndpoint,
            @RequestParam(required = false) String graphEndpoint,
            @RequestParam(required = false) IntegrationMode mode,
            RedirectAttributes redirect,
            Locale locale) {
        return act(CONNECTION, redirect, locale, () -> {
            connection.update(new IntegrationInput(
                    blankToNull(clientId),
                    blankToNull(tenantId),
                    blankToNull(clientSecret),
                    cloud,
                    cloud == Cloud.CUSTOM ? blankToNull(loginEndpoint) : null,
                    cloud == Cloud.CUSTOM ? blankToNull(graphEndpoint) : null,
                    mode,
                    date("clientSecretExpiresAt", clientSecretExpiresAt)));
            return problems.text("m365.saved", locale);
        });
    }

    @PostMapping("/client-secret")
    String clientSecret(
            @RequestParam(required = false) String clientSecret,
            @RequestParam(required = false) String expiresAt,
            RedirectAttributes redirect,
            Locale locale) {
        return act(CONNECTION, redirect, locale, () -> {
            if (clientSecret == null || clientSecret.isBlank()) {
                throw ProblemException.invalid("clientSecret", "is required");
            }
            connection.updateClientSecret(clientSecret.strip(), date("expiresAt", expiresAt));
            return problems.text("m365.secret.updated", locale);
        });
    }

    /** Sign in with Microsoft (delegated: off to Microsoft) or connect with the app's credentials (application). */
    @PostMapping("/sign-in")
    String signIn(RedirectAttributes redirect, Locale locale) {
        try {
            String url = connection.startSignIn();
            if (url != null) {
                return "redirect:" + url;
            }
            redirect.addFlashAttribute("notice", problems.text("m365.signIn.done", locale));
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", problems.sentence(e, locale));
        }
        return CONNECTION;
    }

    /** Test connection: a token, then one small read of users and of groups through Graph. */
    @PostMapping("/test")
    String test(RedirectAttributes redirect, Locale locale) {
        if (!connection.connected()) {
            redirect.addFlashAttribute("error", problems.text("m365.error.NOT_CONNECTED", locale));
            return CONNECTION;
        }
        try {
            picker.users(null, 1);
            picker.groups(null, 1);
            redirect.addFlashAttribute("notice", problems.text("m365.test.ok", locale));
        } catch (EntraUnavailable e) {
            redirect.addFlashAttribute("error", problems.text("m365.test.failed", locale, e.getMessage()));
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("error", problems.text("m365.test.failed", locale, e.getMessage()));
        }
        return CONNECTION;
    }

    @PostMapping("/enable")
    String enable(RedirectAttributes redirect, Locale locale) {
        return act(CONNECTION, redirect, locale, () -> {
            lifecycle.enable();
            return problems.text("m365.enabled", locale);
        });
    }

    @PostMapping("/disable")
    String disable(
            @RequestParam(defaultValue = "false") boolean deleteSyncedExtensions,
            @RequestParam(defaultValue = "false") boolean deleteSyncedGroups,
            RedirectAttributes redirect,
            Locale locale) {
        return act(CONNECTION, redirect, locale, () -> {
            lifecycle.disable(deleteSyncedExtensions, deleteSyncedGroups);
            return problems.text("m365.disabled", locale);
        });
    }

    @PostMapping("/disconnect")
    String disconnect(
            @RequestParam(defaultValue = "false") boolean deleteSyncedExtensions,
            @RequestParam(defaultValue = "false") boolean deleteSyncedGroups,
            RedirectAttributes redirect,
            Locale locale) {
        return act(CONNECTION, redirect, locale, () -> {
            lifecycle.disconnect(deleteSyncedExtensions, deleteSyncedGroups);
            return problems.text("m365.disconnected", locale);
        });
    }

    /** Update now (M3): the page then follows the run with its progress bar. */
    @PostMapping("/update-now")
    String updateNow(RedirectAttributes redirect, Locale locale) {
        try {
            SyncRuns.Start start = sync.updateNow();
            redirect.addFlashAttribute(
                    "notice",
                    problems.text(
                            start.started() ? "sync.started.live" : "sync.alreadyRunning",
                            locale,
                            SyncSection.when(start.run().startedAt(), pbx.get().zone())));
            return CONNECTION + "?run=" + start.run().id() + "#sync";
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", problems.sentence(e, locale));
        }
        return CONNECTION + "#sync";
    }

    // ---- user sync ----

    @PostMapping("/users")
    String saveUsers(
            @RequestParam(defaultValue = "ALL") UserRange range,
            @RequestParam(required = false) Set<UserType> userTypes,
            @RequestParam(required = false) List<String> groupIds,
            @RequestParam(defaultValue = "false") boolean nestedGroups,
            @RequestParam(defaultValue = "AUTO") NumberSource numberSource,
            @RequestParam(required = false) String startNumber,
            @RequestParam(required = false) String numberProperty,
            @RequestParam(required = false) Set<AccountState> deleteWhenAccount,
            @RequestParam(defaultValue = "false") boolean associateByEmail,
            @RequestParam(defaultValue = "false") boolean sendWelcomeEmail,
            @RequestParam(defaultValue = "RELEASE") WhenOutOfScope whenOutOfScope,
            RedirectAttributes redirect,
            Locale locale) {
        return act(USERS, redirect, locale, () -> {
            UserSyncSettings next = UserSyncSettings.of(
                    true,
                    range,
                    userTypes,
                    groupIds == null
                            ? List.of()
                            : groupIds.stream().filter(s -> !s.isBlank()).toList(),
                    numberSource,
                    blankToNull(startNumber),
                    numberSource == NumberSource.PROPERTY ? blankToNull(numberProperty) : null,
                    deleteWhenAccount,
                    associateByEmail,
                    sendWelcomeEmail,
                    whenOutOfScope,
                    nestedGroups);
            changes.updateUsers(mapper.createObjectNode(), (current, document) -> next);
            return problems.text("m365.users.saved", locale);
        });
    }

    @PostMapping("/users/resume")
    String resumeUsers(RedirectAttributes redirect, Locale locale) {
        return act(USERS, redirect, locale, () -> {
            changes.updateUsers(mapper.createObjectNode(), (current, document) -> withEnabled(current, true));
            return problems.text("m365.users.resumed", locale);
        });
    }

    @PostMapping("/users/pause")
    String pauseUsers(
            @RequestParam(defaultValue = "false") boolean deleteSyncedExtensions,
            RedirectAttributes redirect,
            Locale locale) {
        return act(USERS, redirect, locale, () -> {
            ObjectNode document = mapper.createObjectNode();
            document.put("deleteSyncedExtensions", deleteSyncedExtensions);
            changes.updateUsers(document, (current, d) -> withEnabled(current, false));
            return problems.text(deleteSyncedExtensions ? "m365.users.pausedDeleted" : "m365.users.paused", locale);
        });
    }

    private static UserSyncSettings withEnabled(UserSyncSettings s, boolean enabled) {
        return new UserSyncSettings(
                enabled,
                s.range(),
                s.userTypes(),
                s.groupIds(),
                s.numberSource(),
                s.startNumber(),
                s.numberProperty(),
                s.deleteWhenAccount(),
                s.associateByEmail(),
                s.sendWelcomeEmail(),
                s.whenOutOfScope(),
                s.nestedGroups());
    }

    // ---- group sync ----

    @PostMapping("/groups")
    String saveGroups(
            @RequestParam(defaultValue = "ALL") GroupRange range,
            @RequestParam(required = false) Set<GroupType> groupTypes,
            @RequestParam(required = false) List<String> groupIds,
            @RequestParam(defaultValue = "RELEASE") WhenOutOfScope whenOutOfScope,
            RedirectAttributes redirect,
            Locale locale) {
        return act(GROUPS, redirect, locale, () -> {
            GroupSyncSettings next = GroupSyncSettings.of(
                    true,
                    range,
                    groupTypes,
                    groupIds == null
                            ? List.of()
                            : groupIds.stream().filter(s -> !s.isBlank()).toList(),
                    whenOutOfScope);
            changes.updateGroups(mapper.createObjectNode(), (current, document) -> next);
            return problems.text("m365.groups.saved", locale);
        });
    }

    @PostMapping("/groups/resume")
    String resumeGroups(RedirectAttributes redirect, Locale locale) {
        return act(GROUPS, redirect, locale, () -> {
            changes.updateGroups(
                    mapper.createObjectNode(),
                    (current, document) -> GroupSyncSettings.of(
                            true, current.range(), current.groupTypes(), current.groupIds(), current.whenOutOfScope()));
            return problems.text("m365.groups.resumed", locale);
        });
    }

    @PostMapping("/groups/pause")
    String pauseGroups(
            @RequestParam(defaultValue = "false") boolean deleteSyncedGroups,
            RedirectAttributes redirect,
            Locale locale) {
        return act(GROUPS, redirect, locale, () -> {
            ObjectNode document = mapper.createObjectNode();
            document.put("deleteSyncedGroups", deleteSyncedGroups);
            changes.updateGroups(
                    document,
                    (current, d) -> GroupSyncSettings.of(
                            false,
                            current.range(),
                            current.groupTypes(),
                            current.groupIds(),
                            current.whenOutOfScope()));
            return problems.text(deleteSyncedGroups ? "m365.groups.pausedDeleted" : "m365.groups.paused", locale);
        });
    }

    // ---- schedule and change trigger ----

    @PostMapping("/schedule")
    String saveSchedule(
            @RequestParam(defaultValue = "DAILY") SyncSchedule.Frequency frequency,
            @RequestParam(required = false) String time,
            @RequestParam(required = false) List<DayOfWeek> weekdays,
            RedirectAttributes redirect,
            Locale locale) {
        return act(SCHEDULE, redirect, locale, () -> {
            schedule.set(new SyncSchedule(frequency, time == null ? null : time.strip(), weekdays));
            return problems.text("m365.schedule.saved", locale);
        });
    }

    @PostMapping("/change-trigger")
    String saveTrigger(
            @RequestParam(defaultValue = "false") boolean enabled,
            @RequestParam(required = false) Integer delayMinutes,
            @RequestParam(required = false) Integer eventThreshold,
            @RequestParam(defaultValue = "WEBHOOK") ChangeTriggerSettings.Mode mode,
            @RequestParam(required = false) Integer pollMinutes,
            RedirectAttributes redirect,
            Locale locale) {
        return act(SCHEDULE, redirect, locale, () -> {
            changeTrigger.set(new ChangeTriggerSettings(
                    enabled,
                    delayMinutes == null ? null : Duration.ofMinutes(delayMinutes),
                    eventThreshold,
                    mode,
                    pollMinutes == null ? null : Duration.ofMinutes(pollMinutes)));
            return problems.text("m365.trigger.saved", locale);
        });
    }

    // ---- deletion guard ----

    @PostMapping("/guard")
    String saveGuard(
            @RequestParam(defaultValue = "false") boolean enabled,
            @RequestParam(required = false) Integer percent,
            @RequestParam(required = false) Integer minimum,
            RedirectAttributes redirect,
            Locale locale) {
        return act(GUARD, redirect, locale, () -> {
            guard.set(new DeletionGuard(enabled, percent, minimum));
            return problems.text("m365.guard.saved", locale);
        });
    }

    @PostMapping("/held/approve")
    String approve(RedirectAttributes redirect, Locale locale) {
        return act(
                GUARD,
                redirect,
                locale,
                () -> problems.text(
                        "held.approved", locale, held.approve(List.of()).size()));
    }

    @PostMapping("/held/discard")
    String discard(RedirectAttributes redirect, Locale locale) {
        return act(
                GUARD,
                redirect,
                locale,
                () -> problems.text(
                        "held.discarded", locale, held.discard(List.of()).size()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeException e) {
            throw ProblemException.invalid(field, "must be a date such as 2027-06-30");
        }
    }
}
