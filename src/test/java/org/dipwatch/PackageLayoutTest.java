package org.dipwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout a newcomer finds their way in (issue #16): the packages under {@code org.dipwatch}
 * depend on each other without a cycle (by imports and by fully qualified names in the code, not
 * in comments), the root package holds no class, and every package states its part in a
 * {@code package-info.java}.
 */
class PackageLayoutTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern REFERENCE = Pattern.compile("\\b(org\\.dipwatch(?:\\.[a-z_][a-z0-9_]*)*)\\.[A-Z]");
    private static final Pattern COMMENT = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

    @Test
    void noPackageDependsOnItselfThroughAnother() throws IOException {
        Map<String, Set<String>> uses = dependencies();
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            for (String next : uses.get(start)) {
                List<String> back = path(uses, next, start);
                if (back != null) {
                    cycles.add(start + " -> " + String.join(" -> ", back));
                }
            }
        }
        assertEquals(List.of(), cycles, "package cycles (each shown from each of its packages)");
    }

    @Test
    void theRootPackageHoldsNoClassAndEveryPackageSaysWhatItIs() throws IOException {
        List<String> rootClasses;
        try (Stream<Path> files = Files.list(MAIN.resolve("org/dipwatch"))) {
            rootClasses = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".java") && !n.equals("package-info.java")).sorted().toList();
        }
        assertEquals(List.of(), rootClasses, "classes in the root package org.dipwatch");
        for (String pkg : dependencies().keySet()) {
            assertTrue(Files.exists(MAIN.resolve(pkg.replace('.', '/')).resolve("package-info.java")),
                    pkg + " has no package-info.java");
        }
    }

    /** Each package and the other packages of org.dipwatch its code names. */
    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(MAIN.resolve("org/dipwatch"))) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path file : sources) {
            String pkg = MAIN.relativize(file.getParent()).toString().replace('/', '.').replace('\\', '.');
            uses.computeIfAbsent(pkg, k -> new TreeSet<>());
        }
        for (Path file : sources) {
            String pkg = MAIN.relativize(file.getParent()).toString().replace('/', '.').replace('\\', '.');
            String code = COMMENT.matcher(Files.readString(file)).replaceAll("");
            Matcher m = REFERENCE.matcher(code);
            while (m.find()) {
                String other = m.group(1);
                if (!other.equals(pkg) && uses.containsKey(other)) {
                    uses.get(pkg).add(other);
                }
            }
        }
        return uses;
    }

    /** The packages from {@code from} to {@code to} along the dependencies, or {@code null} when none leads there. */
    private static List<String> path(Map<String, Set<String>> uses, String from, String to) {
        Map<String, String> cameFrom = new TreeMap<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        cameFrom.put(from, "");
        while (!todo.isEmpty()) {
            String at = todo.poll();
            if (at.equals(to)) {
                List<String> steps = new ArrayList<>();
                for (String s = at; !s.isEmpty(); s = cameFrom.get(s)) {
                    steps.add(0, s);
                }
                return steps;
            }
            for (String next : uses.getOrDefault(at, Set.of())) {
                if (cameFrom.putIfAbsent(next, at) == null) {
                    todo.add(next);
                }
            }
        }
        return null;
    }
}
