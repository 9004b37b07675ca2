package org.ntk4j.stax;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keeps the tests' hand-picked lists of cases complete: every nonlinearity of the registry
 * (the layer types with an example) must appear in each list, so a new one cannot skip a test.
 */
public final class RegisteredNonlinearities {
  private RegisteredNonlinearities() {}

  /** The spec names of every registered nonlinearity. */
  public static List<String> names() {
    return Stax.layerTypes().stream().filter(t -> t.example() != null).map(LayerType::name)
        .collect(Collectors.toList());
  }

  /** Fails naming the registered nonlinearities none of {@code specs} uses. */
  public static void assertAllUsedIn(String where, List<String> specs) {
    String all = String.join("\n", specs);
    List<String> missing = names().stream()
        .filter(n -> !Pattern.compile("(?<![a-z])" + n + "\\(").matcher(all).find())
        .collect(Collectors.toList());
    assertTrue(missing.isEmpty(), where + " has no case for " + missing);
  }
}
