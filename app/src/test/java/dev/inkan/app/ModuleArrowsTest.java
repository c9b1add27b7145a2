package dev.inkan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DESIGN.md's module table, class by class: each module's main code uses only the modules the table lets it use.
 * The Maven enforcer rule {@code module-arrows} checks the same arrows between the poms; this test catches a class
 * that reaches a module its pom gets only transitively.
 */
@Timeout(120)
class ModuleArrowsTest {
    /** Module base package under dev.inkan -> the module base packages it may use besides its own. */
    static final Map<String, Set<String>> ARROWS = Map.ofEntries(
            Map.entry("core", Set.of()),
            Map.entry("storage", Set.of("core")),
            Map.entry("dns", Set.of("core")),
            Map.entry("caa", Set.of("core", "dns")),
            Map.entry("validators", Set.of("core", "dns")),
            Map.entry("ct", Set.of("core")),
            Map.entry("ca", Set.of("core")),
            Map.entry("ra", Set.of("core")),
            Map.entry("acme", Set.of("core")),
            Map.entry("orderapi", Set.of("core")),
            Map.entry("harness", Set.of("core")),
            Map.entry("vetting", Set.of("core")),
            Map.entry("bench", Set.of()));
    /** A module the table does not name yet (a new one) may use core only, until DESIGN.md says otherwise. */
    static final Set<String> NEW_MODULE = Set.of("core");
    /** The composition root knows everything. */
    static final String APP = "app";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.inkan");
    }

    @Test
    void testArrows_everyModuleUsesOnlyTheModulesDesignMdLists() {
        List<String> bent = bentArrows(classes);
        assertTrue(bent.isEmpty(), "arrows not in DESIGN.md's module table:\n" + String.join("\n", bent));
    }

    @Test
    void testArrows_caaAndValidatorsReachDnsThroughTheDnsModule() {
        Set<String> caaUses = usedModules(classes, "caa");
        Set<String> validatorsUses = usedModules(classes, "validators");
        assertTrue(caaUses.contains("dns"), "caa uses " + caaUses);
        assertTrue(validatorsUses.contains("dns"), "validators uses " + validatorsUses);
        assertEquals(Set.of("core"), usedModules(classes, "dns"));
    }

    @Test
    void testArrows_aBentArrowIsReported() {
        // The check itself: were caa allowed core only, its use of the resolver would be reported.
        List<String> bent = new ArrayList<>();
        for (JavaClass c : classes) {
            if ("caa".equals(module(c.getName()))) {
                bent.addAll(check("caa", Set.of("core"), c));
            }
        }
        assertTrue(bent.stream().anyMatch(s -> s.startsWith("caa -> dns: dev.inkan.caa.")), String.join("\n", bent));
    }

    static List<String> bentArrows(JavaClasses all) {
        List<String> bent = new ArrayList<>();
        for (JavaClass c : all) {
            String from = module(c.getName());
            if (from != null && !from.equals(APP)) {
                bent.addAll(check(from, ARROWS.getOrDefault(from, NEW_MODULE), c));
            }
        }
        return bent;
    }

    private static List<String> check(String from, Set<String> allowed, JavaClass c) {
        Set<String> seen = new TreeSet<>();
        List<String> bent = new ArrayList<>();
        for (Dependency d : c.getDirectDependenciesFromSelf()) {
            String to = module(d.getTargetClass().getName());
            if (to != null && !to.equals(from) && !allowed.contains(to) && seen.add(to)) {
                bent.add(from + " -> " + to + ": " + c.getName() + " uses " + d.getTargetClass().getName());
            }
        }
        return bent;
    }

    private static Set<String> usedModules(JavaClasses all, String from) {
        Set<String> used = new TreeSet<>();
        for (JavaClass c : all) {
            if (from.equals(module(c.getName()))) {
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    String to = module(d.getTargetClass().getName());
                    if (to != null && !to.equals(from)) {
                        used.add(to);
                    }
                }
            }
        }
        return used;
    }

    /** dev.inkan.caa.CaaService -> caa; null outside dev.inkan. */
    static String module(String className) {
        if (!className.startsWith("dev.inkan.")) {
            return null;
        }
        String rest = className.substring("dev.inkan.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? null : rest.substring(0, dot);
    }
}
