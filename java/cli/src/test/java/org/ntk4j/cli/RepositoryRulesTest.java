package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
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
 * Rules about the source tree as a whole, checked where every module's sources are at hand (this
 * module's working directory is java/cli): the packages of the main code form no cycle, and no
 * file cites a document outside the repository.
 */
class RepositoryRulesTest {
  private static final Path REPO = Path.of("..", "..");
  private static final List<String> MODULES = List.of("core", "opencl", "cuda", "spark", "cli");
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  /** A reference to a class of another ntk4j package: an import or a qualified name. */
  private static final Pattern REFERENCE = Pattern.compile("\\b(org\\.ntk4j(?:\\.[a-z]\\w*)*)\\.[A-Z]");

  @Test
  void mainPackagesFormNoCycle() {
    Map<String, Set<String>> uses = packageDependencies();
    assertTrue(uses.containsKey("org.ntk4j.cli"), "read no sources from " + REPO.toAbsolutePath());
    List<List<String>> cycles = stronglyConnected(uses).stream().filter(c -> c.size() > 1).toList();
    assertEquals(List.of(), cycles, "packages that depend on each other");
  }

  @Test
  void theCycleCheckFindsACycle() {
    Map<String, Set<String>> uses = new TreeMap<>();
    uses.put("a", Set.of("b"));
    uses.put("b", Set.of("c"));
    uses.put("c", Set.of("a"));
    uses.put("d", Set.of("a"));
    assertEquals(List.of(List.of("a", "b", "c")),
        stronglyConnected(uses).stream().filter(c -> c.size() > 1)
            .map(c -> c.stream().sorted().toList()).toList());
  }

  /** The design notes' file name: they live outside the repository (spelt so as not to cite). */
  private static final String OUTSIDE_NOTES = String.join(".", "DESIGN", "md");

  @Test
  void noFileCitesTheOutsideDesignNotes() throws IOException {
    List<String> citing = new ArrayList<>();
    for (String top : List.of("java", "opencl", "cuda", "bench", "docs", "README.md")) {
      try (Stream<Path> files = Files.walk(REPO.resolve(top))) {
        files.filter(Files::isRegularFile)
            .filter(p -> !p.toString().contains("/target/"))
            .filter(p -> p.toString().matches(".*\\.(java|cl|cu|cuh|h|md|sh|xml)$"))
            .filter(p -> read(p).contains(OUTSIDE_NOTES))
            .forEach(p -> citing.add(REPO.relativize(p).toString()));
      }
    }
    assertEquals(List.of(), citing, "cite docs/MATH.md or docs/ARCHITECTURE.md instead");
  }

  private static Map<String, Set<String>> packageDependencies() {
    Map<String, Set<String>> uses = new TreeMap<>();
    for (String module : MODULES) {
      Path src = REPO.resolve("java").resolve(module).resolve("src/main/java");
      try (Stream<Path> files = Files.walk(src)) {
        files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
          String text = read(p);
          Matcher pkg = PACKAGE.matcher(text);
          if (!pkg.find()) {
            return;
          }
          Set<String> used = uses.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
          Matcher ref = REFERENCE.matcher(text);
          while (ref.find()) {
            if (!ref.group(1).equals(pkg.group(1))) {
              used.add(ref.group(1));
            }
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return uses;
  }

  /** Tarjan's strongly connected components of the graph {@code edges}. */
  private static List<List<String>> stronglyConnected(Map<String, Set<String>> edges) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    List<List<String>> components = new ArrayList<>();
    for (String v : edges.keySet()) {
      if (!index.containsKey(v)) {
        visit(v, edges, index, low, stack, components);
      }
    }
    return components;
  }

  private static void visit(String v, Map<String, Set<String>> edges, Map<String, Integer> index,
      Map<String, Integer> low, Deque<String> stack, List<List<String>> components) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    for (String w : edges.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        visit(w, edges, index, low, stack, components);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (stack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<String> component = new ArrayList<>();
      String w;
      do {
        w = stack.pop();
        component.add(w);
      } while (!w.equals(v));
      components.add(component);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
