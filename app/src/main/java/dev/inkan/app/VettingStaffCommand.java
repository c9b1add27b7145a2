package dev.inkan.app;

import dev.inkan.core.error.CaException;
import dev.inkan.core.vetting.StaffMember;
import dev.inkan.core.vetting.StaffRole;
import dev.inkan.vetting.Refusal;
import dev.inkan.vetting.StaffAccounts;
import dev.inkan.vetting.VettingContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code inkan staff create --id LOGIN --roles ROLE[,ROLE] [--name NAME]} and {@code inkan staff list}: the vetting
 * team's accounts made by the operator, above all the first RA administrator, whom nobody in the console can create.
 * The password is read from the terminal (never from the command line, which other users see); a weak one is
 * refused. The TOTP secret is made at once and its {@code otpauth://} URI printed this one time, for the staff
 * member's authenticator app. While the server runs this goes through its loopback staff endpoint (the embedded
 * store has one owner); otherwise it opens the store.
 */
final class VettingStaffCommand {
    static final String USAGE = """
            usage: inkan staff create --id LOGIN --roles ROLE[,ROLE...] [--name "DISPLAY NAME"]
                   inkan staff list
              roles: vetting-officer, approver, ra-administrator, auditor
              the password is asked for on the terminal (or read as the first line of standard input)""";

    private final Settings settings;
    private final PrintStream out;
    private final Console console;
    private final BufferedReader in;
    private final Clock clock;

    /** @param console the terminal, or null when standard input is not one */
    VettingStaffCommand(Settings settings, PrintStream out, Console console, BufferedReader in, Clock clock) {
        this.settings = settings;
        this.out = out;
        this.console = console;
        this.in = in;
        this.clock = clock;
    }

    static VettingStaffCommand standard(Settings settings, Clock clock) {
        return new VettingStaffCommand(settings, System.out, System.console(),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), clock);
    }

    /** @return the exit code: 0 done, 1 refused or failed, 2 bad arguments */
    int run(String[] args) {
        if (args.length == 0 || !List.of("create", "list").contains(args[0])) {
            out.println(USAGE);
            return 2;
        }
        String op = args[0];
        JsonObject request = new JsonObject();
        try {
            StaffCommand.options(Arrays.copyOfRange(args, 1, args.length)).forEach(request::put);
            if (op.equals("create")) {
                roles(request.getString("roles"));
                if (request.getString("id") == null) {
                    throw new IllegalArgumentException("--id is required");
                }
                request.put("password", password());
            }
        } catch (IllegalArgumentException e) {
            out.println("inkan staff: " + e.getMessage());
            out.println(USAGE);
            return 2;
        } catch (IOException e) {
            out.println("inkan staff: cannot read the password: " + e.getMessage());
            return 1;
        }
        JsonObject answer;
        Path adminFile = settings.home().resolve(AdminListener.FILE);
        try {
            answer = Files.isRegularFile(adminFile) ? throughServer(op, adminFile, request) : direct(op, request);
        } catch (ConnectException e) {
            answer = direct(op, request);
        } catch (IOException e) {
            out.println("inkan staff " + op + ": the server's staff endpoint failed: " + e.getMessage());
            return 1;
        }
        if (answer.containsKey("error")) {
            out.println("inkan staff " + op + ": " + answer.getString("detail"));
            return 1;
        }
        if (op.equals("list")) {
            answer.getJsonArray("staff").forEach(o -> {
                JsonObject m = (JsonObject) o;
                out.println(m.getString("id") + "  " + m.getString("name") + "  " + m.getJsonArray("roles").encode()
                        + (m.getBoolean("active") ? "" : "  disabled") + (m.getBoolean("totp") ? "" : "  (TOTP not enrolled)"));
            });
            return 0;
        }
        out.println("staff member: " + answer.getString("id") + " " + answer.getJsonArray("roles").encode());
        out.println("TOTP enrolment (add to the authenticator app now; shown this once):");
        out.println("  " + answer.getString("otpauth"));
        out.println("sign in at " + settings.vetting().consoleBaseUrl() + "/login with the password and a code");
        return 0;
    }

    /** Twice, unechoed, on a terminal; else the first line of standard input (for provisioning scripts). */
    private String password() throws IOException {
        if (console != null) {
            char[] first = console.readPassword("password for the new staff member: ");
            char[] again = console.readPassword("the same password again: ");
            if (first == null || again == null || !Arrays.equals(first, again)) {
                throw new IllegalArgumentException("the two passwords differ");
            }
            return new String(first);
        }
        String line = in.readLine();
        if (line == null) {
            throw new IllegalArgumentException("no password on standard input");
        }
        return line;
    }

    static List<StaffRole> roles(String names) {
        if (names == null || names.isBlank()) {
            throw new IllegalArgumentException("--roles is required (vetting-officer, approver, ra-administrator, auditor)");
        }
        List<StaffRole> roles = new ArrayList<>();
        for (String n : names.split(",")) {
            try {
                roles.add(StaffRole.valueOf(n.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown role " + n.trim()
                        + " (vetting-officer, approver, ra-administrator, auditor)");
            }
        }
        return roles;
    }

    private JsonObject throughServer(String op, Path adminFile, JsonObject request) throws IOException {
        return StaffEndpointClient.post(adminFile, "staff/" + op, request).body();
    }

    private JsonObject direct(String op, JsonObject request) {
        return OperatorStoreAccess.run(settings, clock, (vertx, storage) -> perform(new StaffAccounts(
                new VettingContext(storage.vetting(), storage.stores().audit(), clock, vertx)),
                storage.vetting().staff(), op, request));
    }

    /** The staff endpoint's routes, for a running server. */
    static void mount(Router router, StaffAccounts accounts, dev.inkan.core.vetting.VettingStores.Staff staff) {
        router.post("/admin/staff/:op").handler(ctx -> {
            JsonObject body = ctx.body().asJsonObject() == null ? new JsonObject() : ctx.body().asJsonObject();
            perform(accounts, staff, ctx.pathParam("op"), body).onSuccess(json -> ctx.response()
                    .setStatusCode(json.containsKey("error") ? 400 : 200)
                    .putHeader("Content-Type", "application/json").end(json.encode()));
        });
    }

    /** Never fails: a refusal is an {@code error} answer the command prints. */
    static Future<JsonObject> perform(StaffAccounts accounts, dev.inkan.core.vetting.VettingStores.Staff staff, String op,
            JsonObject r) {
        Future<JsonObject> done;
        try {
            done = switch (op) {
                case "create" -> accounts.createEnrolled("operator", r.getString("id"), r.getString("name"),
                        roles(r.getString("roles")), r.getString("password")).map(e -> json(e.member())
                        .put("otpauth", e.otpauthUri()));
                case "list" -> staff.all().map(all -> new JsonObject().put("staff",
                        new JsonArray(all.stream().map(VettingStaffCommand::json).map(Object.class::cast).toList())));
                default -> Future.failedFuture(new IllegalArgumentException("unknown staff command " + op));
            };
        } catch (RuntimeException e) {
            done = Future.failedFuture(e);
        }
        return done.recover(e -> Future.succeededFuture(new JsonObject().put("error", e instanceof Refusal
                        || e instanceof IllegalArgumentException ? "refused" : e instanceof CaException ce
                        ? StaffCommand.errorName(ce.kind()) : "serverInternal")
                .put("detail", e instanceof CaException ce ? ce.detail() : String.valueOf(e.getMessage()))));
    }

    private static JsonObject json(StaffMember m) {
        return new JsonObject().put("id", m.id()).put("name", m.displayName())
                .put("roles", new JsonArray(m.roles().stream().map(Enum::name).map(Object.class::cast).toList()))
                .put("active", m.active()).put("totp", m.totpSecret() != null);
    }
}
