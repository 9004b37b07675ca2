package org.ntk4j.stax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's table of layers is the registry ({@link Stax#layerTypes()}) written out: every
 * layer the parser knows, with its parameters and defaults, in the registry's order. The
 * expected table is printed on failure, ready to paste.
 */
class LayerTableTest {
  private static final String HEADER =
      "| Layer | Parameters (defaults) | φ(x) | Kernel (source) |\n|---|---|---|---|\n";

  @Test
  void readmeTableIsTheRegistry() throws Exception {
    String readme = Files.readString(Path.of("..", "..", "README.md"));
    int start = readme.indexOf(HEADER);
    assertTrue(start >= 0, "README has no layer table starting with\n" + HEADER);
    int end = readme.indexOf("\n\n", start);
    assertEquals(table(), readme.substring(start, end + 1));
  }

  /** Every registered name is one the parser accepts, and its example parses to that layer. */
  @Test
  void examplesParseToTheirOwnLayer() {
    for (LayerType t : Stax.layerTypes()) {
      if (t.example() != null) {
        Layer example = SpecParser.parse(t.example());
        assertTrue(example.spec().startsWith(t.name() + "("), t.example());
      }
    }
  }

  static String table() {
    StringBuilder s = new StringBuilder(HEADER);
    for (LayerType t : Stax.layerTypes()) {
      s.append("| `").append(t.name()).append("` | ").append(parameters(t)).append(" | ")
          .append(t.phi() == null ? "—" : cell(t.phi())).append(" | ")
          .append(cell(t.kernel())).append(" |\n");
    }
    return s.toString();
  }

  private static String parameters(LayerType t) {
    if (t.takesLayers()) {
      return "layers";
    }
    if (t.params().isEmpty()) {
      return "—";
    }
    StringBuilder s = new StringBuilder();
    for (Param p : t.params()) {
      s.append(s.length() == 0 ? "" : ", ").append('`').append(p.name());
      if (!p.choices().isEmpty()) {
        s.append('=').append(String.join("\\|", p.choices()));
      } else if (p.fallback() != null) {
        s.append('=').append(SpecFormat.num((Double) p.fallback()));
      }
      s.append('`');
      if (p.note() != null) {
        s.append(" (").append(cell(p.note())).append(')');
      }
    }
    return s.toString();
  }

  /** Markdown table cells escape the column separator. */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
